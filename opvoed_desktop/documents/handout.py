"""The hand-outs for parents and for participants, from a content item of kind `handout`."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from opvoed_desktop.content.model import Block, Heading, Item, ListItem, Paragraph, Special
from opvoed_desktop.content.placeholders import placeholders
from opvoed_desktop.documents.compose import (
    FRAME_WIDTH,
    LIST_SEPARATORS,
    Side,
    Units,
    build_pdf,
    footer_for,
    join_list,
    lay_out,
    notice,
    notice_lines,
)
from opvoed_desktop.documents.model import CONTACT_KINDS, Contact, Tally
from opvoed_desktop.documents.styles import ACCENT, RULE, SOFT
from opvoed_desktop.documents.text import Dutch
from opvoed_desktop.documents.widgets import qr_code, write_in_table
from opvoed_desktop.i18n.hours import format_hours

AGREEMENT_ROWS = 7
QR_SIZE = 20 * mm


@dataclass(frozen=True)
class HandoutInput:
    item: Item
    values: dict[str, str]  # {gemeente}, {datum}: per language, see `values_for`
    contacts: Sequence[Contact]
    agreements: bool  # the participants' table of agreements


def build_handout(
    data: HandoutInput, sides: list[Side], values_by_lang: dict[str, dict[str, str]]
) -> tuple[bytes, Tally]:
    units = Units()
    units.add(lambda side: [side.writer.para(side.texts.get(data.item.title), "title")])
    notice_at = len(units.items)
    for block in data.item.blocks:
        _add_block(units, block, data, values_by_lang)
    if data.agreements:
        units.add(lambda side: _agreements(side, sides), span=True)
    width = FRAME_WIDTH
    story = lay_out(units, sides, width)
    tallies = [s.texts.tally for s in sides if s.primary]
    box = notice(sides, tallies, width)
    if box is not None:
        story.insert(_position_after_title(story, sides, notice_at), box)
    primary = sides[0]
    title = primary.texts.catalog.lookup(data.item.title)[0]
    footer = footer_for(primary, primary.writer.facts.native_name, notice_lines(sides, tallies))
    pdf = build_pdf(story, title=title, lang=primary.lang, footer=footer)
    return pdf, tallies[0]


def _position_after_title(story: list[Flowable], sides: list[Side], units_before: int) -> int:
    # In one language the title is one paragraph; in two it is the first row of the first table.
    return 1 if len(sides) == 1 else 0


def _add_block(units: Units, block: Block, data: HandoutInput, values_by_lang: dict[str, dict[str, str]]) -> None:
    # Each unit is called once per language side; the block is bound now (no loop variable late-binding).
    if isinstance(block, Heading):
        heading, style = block, ("h2" if block.level <= 2 else "h3")
        units.add(lambda side: [side.writer.para(_text(side, heading.text, values_by_lang), style)], heading=True)
    elif isinstance(block, ListItem):
        item = block
        units.add(lambda side: list_item(side, item, _text(side, item.text, values_by_lang)))
    elif isinstance(block, Paragraph):
        paragraph = block
        units.add(lambda side: side.writer.paras(_text(side, paragraph.text, values_by_lang), "body"))
    elif isinstance(block, Special) and block.kind == "contact":
        contacts: list[Contact | None] = [*data.contacts] or [None]
        for contact in contacts:
            units.add(functools.partial(_contact, block=block, contact=contact))
    elif isinstance(block, Special):
        for child in block.children:
            _add_block(units, child, data, values_by_lang)


def _text(side: Side, msgid: str, values_by_lang: dict[str, dict[str, str]]) -> str:
    return side.texts.get(msgid, values_by_lang.get(side.lang, {}), values_by_lang.get("nl"))


def list_item(side: Side, item: ListItem, text: str) -> list[Flowable]:
    """One list item in its side's direction: a bullet, or the item's number, on the reading side.

    Numbered items get a style whose indent holds a two-digit marker, so "12." neither shifts
    the first line nor (in right-to-left text) runs into it.
    """
    if not item.ordered:
        return side.writer.paras(text, "item", bullet="\u2022")
    writer = side.writer.ltr_writer() if side.writer.rtl and isinstance(text, Dutch) else side.writer
    return side.writer.paras(text, "numbered", bullet=writer.list_marker(item.number))


def contact_values(side: Side, contact: Contact | None) -> dict[str, str]:
    if contact is None:
        return {}
    kind = contact.kind
    if kind in CONTACT_KINDS:
        kind = side.texts.label(f"kind_{kind}")
    return {
        "organisatie": contact.organisation.strip(),
        "soort": kind_beside(contact.organisation, kind),
        "adres": contact.address.strip(),
        "telefoon": contact.phone.strip(),
        "website": contact.website.strip(),
        "openingstijden": opening_hours(contact, side),
        "talen": join_list([language_name(code, side.lang) for code in contact.languages], side.writer.facts.script),
    }


# A name's abbreviation at its end: "مركز الشباب والأسرة (CJG)", "youth health care (JGZ)".
_ABBREVIATION = re.compile(r"\s*[(（]([^()（）]+)[)）]\s*$")


def kind_beside(organisation: str, kind: str) -> str:
    """The kind as it stands in brackets after the organisation's name, so that each name is
    printed once and inside one pair of brackets: a name or abbreviation the organisation's own
    name already holds is left out ("CJG Utrecht-West (مركز الشباب والأسرة)"), and an
    abbreviation that is still needed follows a dash instead of nested brackets
    ("De Brug (Centre for Youth and Family – CJG)"). Empty when nothing is left to say."""
    kind = kind.strip()
    match = _ABBREVIATION.search(kind)
    names = [kind[: match.start()].strip(), match.group(1).strip()] if match else [kind]
    return " – ".join(name for name in names if name and not _names(organisation, name))


def _names(text: str, name: str) -> bool:
    """Whether `text` holds `name` as whole words (any case): "CJG Utrecht-West" holds "CJG"."""
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE) is not None


def opening_hours(contact: Contact, side: Side) -> str:
    """The days and times in the reader's language and digits, then what is kept as typed."""
    separator = LIST_SEPARATORS.get(side.writer.facts.script, ", ")
    slots = format_hours(contact.opening_slots, side.lang, separator) if contact.opening_slots else ""
    return separator.join(part for part in (slots, contact.opening_hours.strip()) if part)


def language_name(code: str, in_lang: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code.replace("-", "_")).get_display_name(in_lang.replace("-", "_")) or code
    except (ValueError, TypeError, UnknownLocaleError):
        return code


def _contact(side: Side, block: Special, contact: Contact | None) -> list[Flowable]:
    """One local contact: its lines with empty fields left out, and QR codes on the primary side.

    Without contacts the block is printed once with lines to write on.
    """
    values = contact_values(side, contact)
    lines: list[Flowable] = []
    for child in block.children:
        if not isinstance(child, Paragraph | ListItem):
            continue
        names = placeholders(child.text)
        if contact is None:
            filled = {n: "_" * 22 for n in names}
            filled["soort"] = ""
        else:
            if names and not any(values.get(n) for n in names):
                continue
            filled = values
        text = side.texts.get(child.text, filled)
        text = text.replace("****", "").replace(" ()", "").strip()
        if text:
            lines.extend(side.writer.paras(text, "body"))
    codes = _qr_codes(contact, side) if (side.primary and contact is not None) else []
    qr_width = QR_SIZE + 14 if codes else 0
    text_width = side.width - qr_width - 12
    cells: list[list[Flowable]] = [lines] if not codes else [lines, codes]
    widths = [text_width] if not codes else [text_width, qr_width]
    if side.writer.rtl:
        cells.reverse()
        widths.reverse()
    # splitInRow: a box taller than what is left of the page continues on the next one.
    box = Table([cells], colWidths=widths, splitInRow=1)
    box.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), side.writer.face.regular),
                ("BACKGROUND", (0, 0), (-1, -1), SOFT),
                ("LINEAFTER", (-1, 0), (-1, -1), 2.5, ACCENT)
                if side.writer.rtl
                else ("LINEBEFORE", (0, 0), (0, -1), 2.5, ACCENT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return [box, Spacer(1, 3 * mm)]


def _qr_codes(contact: Contact, side: Side) -> list[Flowable]:
    codes: list[Flowable] = []
    phone = "".join(c for c in contact.phone if c.isdigit() or c == "+")
    if len(phone) >= 6:
        codes.append(qr_code(f"tel:{phone}", QR_SIZE, side.writer.face.regular))
    website = contact.website.strip()
    if website and " " not in website:
        url = website if "://" in website else f"https://{website}"
        codes.append(qr_code(url, QR_SIZE, side.writer.face.regular))
    return codes


def _agreements(side: Side, sides: list[Side]) -> list[Flowable]:
    keys = ("what", "who", "when")
    headers = [[s.writer.para(s.texts.label(k), "head") for s in sides] for k in keys]
    widths = [FRAME_WIDTH * 0.52, FRAME_WIDTH * 0.26, FRAME_WIDTH * 0.22]
    return [
        Spacer(1, 2 * mm),
        write_in_table(
            headers,
            widths,
            AGREEMENT_ROWS,
            side.writer.rtl,
            row_height=side.writer.styles.body_size * 3.2,
            rule=RULE,
            head=ACCENT,
            font=side.writer.face.regular,
        ),
    ]
