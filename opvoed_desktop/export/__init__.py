"""Meeting notes out of the app (PDF report, DOCX, Markdown, CSV, JSON bundle, period zip) and
bundles back in (validated, merged by UUID, one transaction).

The PDF report sets its text with the same engine as the hand-outs (`opvoed_desktop.documents`).
Rendering only: `ExportService` (opvoed_desktop.services.exports) reads the notes and calls these.
"""
