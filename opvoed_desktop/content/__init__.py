"""The toolkit content: model, loader and validation, search. No Qt here."""

from opvoed_desktop.content.loader import load_library
from opvoed_desktop.content.model import Exercise, Item, Library, Problem, Programme

__all__ = ["Exercise", "Item", "Library", "Problem", "Programme", "load_library"]
