"""PDF documents (reportlab): fonts, shaping and bidi, hand-out and agenda builders.

Importing this package installs the `rlbidi` module reportlab looks for, before any reportlab
module is imported through it: reportlab's own right-to-left support depends on it.
"""

import threading

from opvoed_desktop.documents.shaping import install_bidi

install_bidi()

# reportlab's font registry and pdfium keep process-wide state and are not safe to use from two
# threads at once; everything that builds or reads a PDF takes this lock (the hand-outs tab renders
# on a worker thread while the translation editor previews on the GUI thread).
PDF_ENGINE_LOCK = threading.RLock()
