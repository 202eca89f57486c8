"""PDF documents (reportlab): fonts, shaping and bidi, hand-out and agenda builders.

Importing this package installs the `rlbidi` module reportlab looks for, before any reportlab
module is imported through it: reportlab's own right-to-left support depends on it.
"""

import threading

from opvoed_desktop.documents.shaping import install_bidi

# isort: split
from reportlab import rl_config

install_bidi()

# Streams are written binary (Flate only), not also ASCII85-armoured: every PDF reader takes binary
# streams, the files get a fifth smaller, and reportlab's pure-Python ASCII85 encoder cost about
# 2 ms of every hand-out.
rl_config.useA85 = 0

# reportlab's font registry and pdfium keep process-wide state and are not safe to use from two
# threads at once; everything that builds or reads a PDF takes this lock (the hand-outs tab renders
# on a worker thread while the translation editor previews on the GUI thread).
PDF_ENGINE_LOCK = threading.RLock()
