"""Labels shown for stored choice values; built at call time so the active language is used."""

from __future__ import annotations

from opvoed_desktop.i18n import _


def sides() -> tuple[tuple[str, str], ...]:
    return (
        ("formal", _("formeel")),
        ("informal", _("informeel")),
        ("municipality", _("gemeente")),
        ("other", _("anders")),
    )


def statuses() -> tuple[tuple[str, str], ...]:
    return (("open", _("open")), ("busy", _("bezig")), ("done", _("klaar")))


def contact_kinds() -> tuple[tuple[str, str], ...]:
    return (
        ("informal", _("informele organisatie")),
        ("cjg", _("CJG")),
        ("wijkteam", _("wijkteam")),
        ("jgz", _("JGZ / consultatiebureau")),
        ("other", _("anders")),
    )


def label(choices: tuple[tuple[str, str], ...], value: str) -> str:
    return dict(choices).get(value, value)
