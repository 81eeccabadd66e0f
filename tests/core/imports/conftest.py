import pytest

import gongkai_desk.core.imports.parse as parse


@pytest.fixture(autouse=True)
def _strict_parse(monkeypatch):
    """In tests a bug in the importer fails loudly instead of reaching the clerk as a refusal."""
    monkeypatch.setattr(parse, "STRICT", True)
