"""The file types the importer reads (a module of its own: the window checks a dropped file's
type at start-up without importing the parser)."""

SUFFIXES = (".txt", ".docx", ".xlsx", ".html", ".htm")

# Old binary Office/WPS formats the importer cannot read, and what to save them as instead.
OLD_SUFFIXES = {".doc": ".docx", ".wps": ".docx", ".xls": ".xlsx", ".et": ".xlsx"}
