"""PDF documents (reportlab): fonts, the text engine (documents/engine), hand-out and agenda builders.

Text is never set by reportlab's Paragraph: every PDF goes through `documents.engine`, which does
bidi per line and HarfBuzz shaping and draws glyphs itself (reportlab lays out pages and tables,
subsets and embeds the fonts).
"""

from reportlab import rl_config

from opvoed_desktop.documents.deferred_import import import_platypus

# Streams are written binary (Flate only), not also ASCII85-armoured: every PDF reader takes binary
# streams, the files get a fifth smaller, and reportlab's pure-Python ASCII85 encoder cost about
# 2 ms of every hand-out. reportlab reads the setting when it writes a stream, and every renderer
# imports a module of this package (which runs this first), so the order of imports does not matter.
rl_config.useA85 = 0

# reportlab.platypus, which every document needs, without the one costly pattern we never use
# (deferred_import.py); imported here, before any module of this package imports it.
import_platypus()

# reportlab's font registry and pdfium are process-wide: the one object that touches them, with the
# lock that keeps two threads from using them at once, is pdf_engine.PDF_ENGINE.
