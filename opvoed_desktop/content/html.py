"""Render an item to the HTML subset that Qt's rich-text engine understands (no Qt import here).

Links between items use the scheme `item:<id>`; the reading pane follows them.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from opvoed_desktop.content.markdown import inline_html
from opvoed_desktop.content.model import (
    Block,
    Exercise,
    Heading,
    Item,
    Library,
    ListItem,
    Paragraph,
    Programme,
    Screen,
    Special,
    Step,
)
from opvoed_desktop.content.search import find_ranges, terms_of
from opvoed_desktop.i18n import _

MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"
FIRST_HIT = "eerste-treffer"
IMAGE_MAX_WIDTH = 460  # px in the reading pane: the picture illustrates, the text stays in front
MARK_STYLE = "background-color:#ffe066; color:#000000;"
SCREEN_STYLE = "background-color:#1f2a44; color:#ffffff; padding:10px; margin:8px 0px; border-radius:6px;"
TIP_STYLE = "background-color:#fff4d6; color:#3b2f00; padding:8px; margin:6px 0px;"


# Looks a Dutch unit up in a content catalog: (text, state) with state "checked", "draft" or "missing".
Lookup = Callable[[str], tuple[str, str]]


class Renderer:
    """Turns items into HTML; `query` highlights its words wherever they occur.

    With a `lookup`, every content unit is shown in that language where a translation exists (Dutch
    where not); `drafts` and `missing` count what the page shows that a speaker has not checked.
    """

    def __init__(self, library: Library, query: str = "", lookup: Lookup | None = None) -> None:
        self.library = library
        self.terms = terms_of(query)
        self.hits = 0
        self.lookup = lookup
        self.drafts = 0
        self.missing = 0

    def tr(self, raw: str) -> str:
        """One content unit in the reading language (the Dutch source when there is no catalog)."""
        if self.lookup is None or not raw:
            return raw
        text, state = self.lookup(raw)
        if state == "draft":
            self.drafts += 1
        elif state == "missing":
            self.missing += 1
        return text

    def text(self, raw: str) -> str:
        """A content unit: translated, then marked up and highlighted."""
        return self.markup(self.tr(raw))

    def markup(self, raw: str) -> str:
        """Text that is already in the reading language (or composed from translated parts)."""
        if not self.terms:
            return inline_html(raw)
        ranges = find_ranges(raw, self.terms)
        if not ranges:
            return inline_html(raw)
        marked = raw
        for start, end in reversed(ranges):
            marked = marked[:start] + MARK_OPEN + marked[start:end] + MARK_CLOSE + marked[end:]
        out = inline_html(marked)
        # The first hit carries an anchor so the reading pane can scroll to it.
        if self.hits == 0:
            out = out.replace(MARK_OPEN, f'<a name="{FIRST_HIT}"></a>{MARK_OPEN}', 1)
        self.hits += len(ranges)
        return out.replace(MARK_OPEN, f'<span style="{MARK_STYLE}">').replace(MARK_CLOSE, "</span>")

    def item(self, item: Item) -> str:
        parts = [f"<h1>{self.markup(self._heading_title(item))}</h1>"]
        if item.summary:
            parts.append(f"<p><i>{self.text(item.summary)}</i></p>")
        if isinstance(item, Exercise):
            parts.append(self.exercise(item))
        elif isinstance(item, Programme):
            parts.append(self.programme(item))
        else:
            parts.append(self.blocks(item.blocks))
            if item.kind == "part":
                parts.append(self._part_exercises(item))
        return "\n".join(parts)

    def _heading_title(self, item: Item) -> str:
        title = self.tr(item.title)
        if isinstance(item, Exercise):
            return _("Oefening {letter} — {title}").format(letter=item.letter, title=title)
        if item.kind == "part":
            return _("Deel {n} — {title}").format(n=item.number, title=title)
        if item.kind == "appendix":
            return _("Bijlage {n} — {title}").format(n=item.number, title=title)
        return title

    def blocks(self, blocks: tuple[Block, ...]) -> str:
        out: list[str] = []
        open_list: str | None = None
        for block in blocks:
            wanted = None
            if isinstance(block, ListItem):
                wanted = "ol" if block.ordered else "ul"
            if open_list and open_list != wanted:
                out.append(f"</{open_list}>")
                open_list = None
            if wanted and not open_list:
                out.append(f"<{wanted}>")
                open_list = wanted
            out.append(self.block(block))
        if open_list:
            out.append(f"</{open_list}>")
        return "\n".join(out)

    def block(self, block: Block) -> str:
        if isinstance(block, Heading):
            tag = "h2" if block.level <= 2 else "h3"
            return f"<{tag}>{self.text(block.text)}</{tag}>"
        if isinstance(block, Paragraph):
            return f"<p>{self.text(block.text)}</p>"
        if isinstance(block, ListItem):
            return f"<li>{self.text(block.text)}</li>"
        if isinstance(block, Special):
            return self.special(block)
        return ""

    def special(self, block: Special) -> str:
        if block.kind == "scherm":
            from opvoed_desktop.content.markdown import screen_from_block

            return self.screen(screen_from_block(block))
        if block.kind == "tip":
            return self.tip(block)
        if block.kind in ("invullen", "tabel", "gezichten"):
            return self.form(block)
        label = _("Per contactpersoon of organisatie")
        body = "<br>".join(self.text(c.text) for c in block.children if not isinstance(c, Special))
        return f'<table width="100%" style="{TIP_STYLE}"><tr><td><b>{label}</b><br>{body}</td></tr></table>'

    def form(self, block: Special) -> str:
        """A template's fields as the printed form shows them: lines, a table or faces to colour."""
        texts = [self.text(c.text) for c in block.children if isinstance(c, Paragraph | ListItem)]
        line = "_" * 24
        if block.kind == "tabel":
            head = "".join(f'<th align="left">{t}</th>' for t in texts)
            empty = "".join("<td>&nbsp;</td>" for _t in texts)
            rows = "".join(f"<tr>{empty}</tr>" for _n in range(3))
            return f'<table border="1" cellpadding="6" cellspacing="0" width="100%"><tr>{head}</tr>{rows}</table>'
        if block.kind == "gezichten":
            faces = "\u2639 &nbsp; \U0001f610 &nbsp; \u263a"  # sad, neutral, happy: the printed form draws them
            rows = "".join(f"<tr><td>{t}</td><td>{faces}</td></tr>" for t in texts)
            return f'<table cellpadding="6" width="100%">{rows}</table>'
        # A question gets its answer lines under it; a label its line after a colon, as in print.
        return "".join(
            f"<p>{t}<br>{line * 2}</p>" if t.rstrip().endswith("?") else f"<p>{t}: {line}</p>" for t in texts
        )

    def screen(self, screen: Screen) -> str:
        rows = [f'<p style="font-size:large;"><b>{self.text(screen.title)}</b></p>']
        for line in screen.lines:
            bullet = "• " if isinstance(line, ListItem) else ""
            rows.append(f"<p>{bullet}{self.text(line.text)}</p>")
        if screen.question:
            rows.append(f"<p><i>{self.text(screen.question)}</i></p>")
        if screen.image:
            rows.append(self.image(screen.image))
        label = html.escape(_("Op het scherm"))
        return (
            f'<table width="100%" cellpadding="10" style="{SCREEN_STYLE}"><tr><td>'
            f'<p style="color:#b8c4e0; font-size:small;">{label}</p>{"".join(rows)}</td></tr></table>'
        )

    def image(self, name: str) -> str:
        """A slide's picture at a width the reading pane can hold; nothing if it is unusable."""
        from opvoed_desktop.content.images import ImageError, probe

        path = self.library.image_path(name)
        try:
            info = probe(path)
        except ImageError:
            return ""
        width = min(info.width or IMAGE_MAX_WIDTH, IMAGE_MAX_WIDTH)
        return f'<p><img src="{html.escape(path.resolve().as_uri())}" width="{width}"></p>'

    def tip(self, block: Special) -> str:
        label = html.escape(_("Tip voor de begeleider"))
        return (
            f'<table width="100%" cellpadding="8" style="{TIP_STYLE}"><tr><td>'
            f"<b>{label}</b>{self.blocks(block.children)}</td></tr></table>"
        )

    def exercise(self, ex: Exercise) -> str:
        part = self.library.get(ex.part)
        facts = [
            (_("Deel"), f'<a href="item:{ex.part}">{html.escape(self.tr(part.title))}</a>' if part else ""),
            (_("Duur"), html.escape(_("{n} minuten").format(n=ex.minutes))),
            (_("Groepsvorm"), self.text(ex.group_form)),
            (_("Groepsgrootte"), self.text(ex.group_size)),
            (_("Materiaal"), "<br>".join(self.text(m) for m in ex.materials)),
            (_("Vastleggen"), html.escape(capture_label(ex.capture))),
        ]
        rows = "".join(
            f'<tr><td style="padding-right:16px;"><b>{html.escape(k)}</b></td><td>{v}</td></tr>' for k, v in facts if v
        )
        out = [f'<table cellpadding="3">{rows}</table>']
        out.append(self._section(_("Doel"), ex.goal))
        out.append(self._section(_("Voorbereiding"), ex.preparation))
        overview = "".join(f"<li>{html.escape(self.tr(s.title))} — {s.minutes} min</li>" for s in ex.steps)
        out.append(f"<h2>{html.escape(_('Stappen'))}</h2><ol>{overview}</ol>")
        out.extend(self.step(s) for s in ex.steps)
        out.append(self._section(_("Krap in tijd"), ex.short_route))
        out.append(self._section(_("Met tolken"), ex.interpreters))
        out.append(self._section(_("Tips"), ex.tips))
        out.append(self._section(_("Vastleggen"), ex.capture_text))
        return "\n".join(out)

    def _section(self, title: str, blocks: tuple[Block, ...]) -> str:
        if not blocks:
            return ""
        return f"<h2>{html.escape(title)}</h2>\n{self.blocks(blocks)}"

    def step(self, step: Step) -> str:
        head = _("Stap {n} — {title}").format(n=step.number, title=self.tr(step.title))
        minutes = _("{n} min").format(n=step.minutes)
        out = [f"<h2>{self.markup(head)} <small>({html.escape(minutes)})</small></h2>"]
        out.append(self.blocks(step.blocks))
        if step.screen:
            out.append(self.screen(step.screen))
        out.extend(self.tip(t) for t in step.tips)
        return "\n".join(out)

    def programme(self, programme: Programme) -> str:
        out = [self.blocks(programme.blocks)]
        rows: list[str] = []
        clock = 0
        for entry in programme.entries:
            if entry.kind == "sessie":
                clock = 0
                rows.append(f'<tr><td colspan="3"><h3>{self.text(entry.title)}</h3></td></tr>')
                continue
            label = self.markup(_("Pauze")) if entry.kind == "pauze" else self.text(entry.title)
            if entry.kind == "ref" and entry.ref:
                label = f'<a href="item:{entry.ref}">{label}</a>'
            start = f"{clock // 60}:{clock % 60:02d}"
            rows.append(
                f'<tr><td style="padding-right:12px;">{start}</td><td>{label}</td>'
                f'<td align="right">{entry.minutes or 0} min</td></tr>'
            )
            clock += entry.minutes or 0
        out.append(f'<table cellpadding="4" width="100%">{"".join(rows)}</table>')
        summary = _("Gepland {planned} van {available} minuten.").format(
            planned=programme.minutes_planned, available=programme.minutes_available
        )
        out.append(f"<p><b>{html.escape(summary)}</b></p>")
        return "\n".join(out)

    def _part_exercises(self, part: Item) -> str:
        exercises = self.library.exercises(part.id)
        if not exercises:
            return ""
        items = "".join(
            f'<li><a href="item:{e.id}">{html.escape(e.letter)}. {self.text(e.title)}</a> — {e.minutes} min</li>'
            for e in exercises
        )
        return f"<h2>{html.escape(_('Oefeningen in dit deel'))}</h2><ul>{items}</ul>"


def capture_label(capture: str) -> str:
    return {
        "notes": _("aantekeningen"),
        "strengths": _("krachten per kant"),
        "agreements": _("afspraken: wat, wie, wanneer"),
        "wishes": _("wensen"),
    }.get(capture, capture)
