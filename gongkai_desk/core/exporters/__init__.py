"""Writers of the files the clerk exports: ``docx/`` (python-docx, GB/T 9704 layout) and
``xlsx/`` (openpyxl). Each takes a built document (``reports/``) and a path; every file is
written through ``core.files.write_atomic``.
"""
