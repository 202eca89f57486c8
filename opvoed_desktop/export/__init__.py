"""Meeting notes out of the app as documents: PDF report, DOCX, Markdown, CSV, period sheets. Records
in, bytes out (and safe_write to put the bytes on disk). The JSON bundle and its way back in
(validated, merged by UUID, one transaction) belong to storage: storage/bundle.py, bundle_reading.py,
merge.py.

The PDF report sets its text with the same engine as the hand-outs (`opvoed_desktop.documents`).
Rendering only: `ExportService` (opvoed_desktop.services.exports) reads the notes and calls these.
"""
