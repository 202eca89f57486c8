"""PDF documents (reportlab): fonts, shaping and bidi, hand-out and agenda builders.

Importing this package installs the `rlbidi` module reportlab looks for, before any reportlab
module is imported through it: reportlab's own right-to-left support depends on it.
"""

from opvoed_desktop.documents.shaping import install_bidi

install_bidi()
