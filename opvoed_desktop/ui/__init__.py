"""Qt widgets. The only package that imports PySide6.

Importing it also makes PySide6's check of later imports keep no source text (see qt_imports).
"""

from opvoed_desktop.ui.qt_imports import lighten_feature_check

lighten_feature_check()
