"""reportlab.platypus imported without compiling the one regular expression we never use.

Every import of a reportlab.platypus module runs the package's `__init__`, which imports
`paragraph`; that module compiles, at import, a case-insensitive pattern for web addresses whose
character ranges reach U+FFFF (`uri_pat`, used only to hyphenate a URL inside reportlab's own
Paragraph, which we never set: documents/engine sets every text). Python's compiler folds the case
of every character of those ranges, one at a time: about 15 ms (36 ms on a loaded machine) of every
process that makes a PDF, more than anything else in the import.

`import_platypus` imports the package with that one pattern deferred: reportlab gets an object
that compiles the same pattern with the same flags the first time it is used, and answers as the
compiled pattern does from then on. Any other pattern, or this one when reportlab's text of it
changes, is compiled at once as before. `re.compile` is swapped only around this one import and
restored after it, also when the import fails.
"""

from __future__ import annotations

import re
import sys
import threading
from typing import Any

# The start of reportlab.platypus.paragraph's `uri_pat` (after Django's URL validator).
DEFERRED_PATTERN_START = "(^(?:[a-z0-9\\.\\-\\+]*)://)"
DEFERRING_MODULE = "reportlab.platypus.paragraph"

_lock = threading.Lock()


class DeferredPattern:
    """Compiles `re.compile(pattern, flags)` on first use and then behaves as that pattern."""

    __slots__ = ("_compiled", "_flags", "_pattern")

    def __init__(self, pattern: str, flags: int) -> None:
        self._pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self._pattern, self._flags)
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled(), name)


def import_platypus() -> None:
    """Import reportlab.platypus (once per process) with `uri_pat` compiled on first use."""
    if "reportlab.platypus" in sys.modules:
        return
    with _lock:
        if "reportlab.platypus" in sys.modules:
            return
        compile_now = re.compile

        def compile_or_defer(pattern: Any, flags: int = 0) -> Any:
            caller = sys._getframe(1).f_globals.get("__name__")
            if caller == DEFERRING_MODULE and isinstance(pattern, str) and pattern.startswith(DEFERRED_PATTERN_START):
                return DeferredPattern(pattern, flags)
            return compile_now(pattern, flags)

        re.compile = compile_or_defer
        try:
            import reportlab.platypus  # noqa: F401
        finally:
            re.compile = compile_now
