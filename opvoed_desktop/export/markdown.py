"""Markdown for e-mail and note apps: headings, lists and pipe tables, every user text escaped
so that a `*` or `#` in a note stays a character and never becomes formatting."""

from __future__ import annotations

import re

from opvoed_desktop.export.report import Report

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&!])")
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])", re.M)


def escape(text: str, *, line_start: bool = True) -> str:
    """Backslash-escape what Markdown would read as syntax; newlines become hard breaks."""
    text = _SPECIAL.sub(r"\\\1", text)
    if line_start:
        text = _LINE_START.sub(lambda m: m.group(1) + re.sub(r"([-+=.)])", r"\\\1", m.group(2)), text)
    return "\\\n".join(text.split("\n"))


def cell(text: str) -> str:
    # A table row is one line: a newline inside a cell is written as <br> (GitHub, Obsidian, Teams).
    # Inside a table row nothing is at a line start, so "4.0" needs no escaping there.
    return escape(text, line_start=False).replace("\\\n", "<br>") or " "


def render_markdown(report: Report) -> str:
    h = report.heads
    out: list[str] = [f"# {escape(report.title)}", ""]
    if report.is_sample:
        out += [f"> {escape(h['sample'])}", ""]
    out += [f"## {escape(h['details'])}", ""]
    out += [f"- **{escape(label)}:** {escape(value)}" for label, value in report.details]
    out += ["", f"## {escape(h['participants'])}", ""]
    if report.participants:
        out += _table(
            [h["side"], h["count"], h["organisations"]],
            [[side, report.number(count), orgs] for side, count, orgs in report.participants]
            + [[h["total"], report.number(report.participant_total), ""]],
        )
    else:
        out += [escape(h["none"]), ""]
    out += [f"## {escape(h['agenda'])}", ""]
    out += (
        _table(
            ["#", h["item"], h["planned"], h["minutes"], h["actual"], h["minutes"]],
            [report.agenda_cells(r) for r in report.agenda],
        )
        if report.agenda
        else [escape(h["none"]), ""]
    )
    out += [f"## {escape(h['notes'])}", ""]
    for group in report.notes:
        out += [f"### {escape(group.heading)}", ""]
        for text in group.texts:
            out += [escape(text), ""]
    if not report.notes:
        out += [escape(h["none"]), ""]
    out += [f"## {escape(h['strengths'])}", ""]
    if report.strength_rows:
        out += _table(list(report.strength_sides), [list(row) for row in report.strength_rows])
    out += [f"- **{escape(side)}:** {escape(text)}" for side, text in report.other_strengths]
    if report.other_strengths:
        out.append("")
    if not report.strength_rows and not report.other_strengths:
        out += [escape(h["none"]), ""]
    out += [f"## {escape(h['agreements'])}", ""]
    out += (
        _table([h["what"], h["who"], h["due"], h["status"]], [list(a) for a in report.agreements])
        if (report.agreements)
        else [escape(h["none"]), ""]
    )
    out += [f"## {escape(h['wishes'])}", ""]
    out += [f"- {escape(w)}" for w in report.wishes] or [escape(h["none"])]
    out += ["", f"## {escape(h['evaluation'])}", ""]
    if report.evaluations:
        out += _table([h["group"], h["average"]], [[s.group, report.average(s)] for s in report.scores])
        out += _table([h["group"], h["score"], h["remark"]], report.evaluation_cells())
    else:
        out += [escape(h["none"]), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(cell(x) for x in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(x) for x in row) + " |" for row in rows]
    return [*lines, ""]
