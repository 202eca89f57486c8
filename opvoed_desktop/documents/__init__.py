"""PDF documents (reportlab): fonts, the text engine (documents/engine), hand-out and agenda builders.

Text is never set by reportlab's Paragraph: every PDF goes through `documents.engine`, which does
bidi per line and HarfBuzz shaping and draws glyphs itself (reportlab lays out pages and tables,
subsets and embeds the fonts).
"""

import threading

from reportlab import rl_config

# Streams are written binary (Flate only), not also ASCII85-armoured: every PDF reader takes binary
# streams, the files get a fifth smaller, and reportlab's pure-Python ASCII85 encoder cost about
# 2 ms of every hand-out.
rl_config.useA85 = 0

# reportlab's font registry and pdfium keep process-wide state and are not safe to use from two
# threads at once; everything that builds or reads a PDF takes this lock (the hand-outs tab renders
# on a worker thread while the translation editor previews on the GUI thread).
PDF_ENGINE_LOCK = threading.RLock()
