"""政务公开工作台 (gongkai-desk)."""

__version__ = "0.1.0"
