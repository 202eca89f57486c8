"""Split a content file into its YAML front matter (with line numbers per key) and its body."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from opvoed_desktop.errors import AppError
from opvoed_desktop.i18n import _


class FrontMatterError(AppError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Document:
    meta: dict[str, Any]
    key_lines: dict[str, int]
    body: str
    body_first_line: int
    # For list-valued keys (programme items): the line of each element.
    element_lines: dict[str, list[int]]


# libyaml's parser (shipped in PyYAML's wheels) is about ten times faster than the pure-Python one;
# both resolve and construct with the same SafeConstructor, so the values are the same.
_FAST_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose_and_construct(yaml_text: str, loader_class: Any) -> tuple[Any, Any]:
    """The node tree (for the line of each key) and the values, from one parse of the header."""
    loader = loader_class(yaml_text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def _yaml_problem(exc: yaml.YAMLError) -> FrontMatterError:
    mark = getattr(exc, "problem_mark", None)
    line = (mark.line + 2) if mark is not None else 2
    problem = getattr(exc, "problem", None) or "onleesbare YAML"
    return FrontMatterError(
        line,
        _("de kop is geen geldige YAML ({problem}); zet een waarde met ':' tussen aanhalingstekens").format(
            problem=problem
        ),
    )


def split(text: str) -> Document:
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not lines or lines[0].strip() != "---":
        raise FrontMatterError(1, _("het bestand moet beginnen met een regel '---' (de kop met gegevens)"))
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise FrontMatterError(1, _("de kop wordt niet afgesloten met een tweede regel '---'")) from None
    yaml_text = "\n".join(lines[1:end])
    try:
        node, meta = _compose_and_construct(yaml_text, _FAST_LOADER)
    except yaml.YAMLError:
        # Again with the pure-Python parser: its wording of the problem is what the user has always
        # seen, and a header only libyaml refuses still loads as before.
        try:
            node, meta = _compose_and_construct(yaml_text, yaml.SafeLoader)
        except yaml.YAMLError as exc:
            raise _yaml_problem(exc) from None
    if not isinstance(meta, dict):
        raise FrontMatterError(2, _("de kop moet velden bevatten als 'id: ...' en 'title: ...'"))
    key_lines: dict[str, int] = {}
    element_lines: dict[str, list[int]] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = str(key_node.value)
            key_lines[key] = key_node.start_mark.line + 2
            if isinstance(value_node, yaml.SequenceNode):
                element_lines[key] = [n.start_mark.line + 2 for n in value_node.value]
    body = "\n".join(lines[end + 1 :])
    return Document(
        meta={str(k): v for k, v in meta.items()},
        key_lines=key_lines,
        body=body,
        body_first_line=end + 2,
        element_lines=element_lines,
    )
