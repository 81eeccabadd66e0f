"""The publication check's readers on damaged input: a finding list or one Chinese sentence, never a
traceback, within a time limit per case (hypothesis deadline) and a memory cap (the module runs in
a capped child process, tests/core/imports/parse/test_fuzz_capped.py)."""

from __future__ import annotations

import io
import os
import zipfile

import pytest

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai_desk.core.errors import GongkaiError
from gongkai_desk.core.publication import check_file

pytestmark = pytest.mark.skipif(os.environ.get("GONGKAI_FUZZ_CHILD") != "1" and os.name == "posix",
                                reason="run under a memory cap by test_fuzz_capped.py")
SETTINGS = settings(deadline=3000, max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _check(tmp_path, name: str, data: bytes) -> None:
    p = tmp_path / name
    p.write_bytes(data)
    try:
        findings = check_file(p)
    except GongkaiError as e:
        assert str(e) and any("\u4e00" <= ch <= "\u9fff" for ch in str(e))
    else:
        assert isinstance(findings, list)


@SETTINGS
@given(data=st.binary(max_size=4000), suffix=st.sampled_from([".txt", ".html", ".docx", ".xlsx", ".pdf"]))
def test_random_bytes(tmp_path, data, suffix):
    _check(tmp_path, "f" + suffix, data)


@SETTINGS
@given(members=st.lists(st.tuples(st.sampled_from(["[Content_Types].xml", "word/document.xml", "xl/workbook.xml",
                                                  "_rels/.rels", "xl/worksheets/sheet1.xml", "docProps/core.xml"]),
                                  st.binary(max_size=600) | st.sampled_from([
                                      b"<?xml version='1.0'?><!DOCTYPE a [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><a>&x;</a>",
                                      b"<?xml version='1.0' encoding='no-such'?><a/>", b"<a><b>"])), max_size=6, unique_by=lambda m: m[0]),
       suffix=st.sampled_from([".docx", ".xlsx"]))
def test_random_zip_structure(tmp_path, members, suffix):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members:
            z.writestr(name, data)
    _check(tmp_path, "f" + suffix, buf.getvalue())
