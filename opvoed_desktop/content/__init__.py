"""The toolkit content: model, loader and validation, search. No Qt here.

`load_library` (the parser, with YAML and the Markdown reader) is imported on first use: a start
that finds the parsed content in its cache (content/cache.py) never needs it.
"""

from typing import TYPE_CHECKING, Any

from opvoed_desktop.content.model import Exercise, Item, Library, Problem, Programme

if TYPE_CHECKING:
    from opvoed_desktop.content.loader import load_library

__all__ = ["Exercise", "Item", "Library", "Problem", "Programme", "load_library"]


def __getattr__(name: str) -> Any:
    if name == "load_library":
        from opvoed_desktop.content.loader import load_library

        return load_library
    raise AttributeError(name)
