"""Meeting notes out of the app (PDF report, DOCX, Markdown, CSV, JSON bundle, period zip) and
bundles back in (validated, merged by UUID, one transaction).

Importing this package imports `opvoed_desktop.documents` first: it installs the `rlbidi` module
reportlab must see before any reportlab module loads. Use `ExportService` (see service.py).
"""

import opvoed_desktop.documents  # noqa: F401
