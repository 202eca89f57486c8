"""Write opvoed_desktop/i18n/long_dates.py: the long date form ("2 december 2026") of every interface
language, from babel, made beforehand.

A show names the meeting it makes after the day ("Bijeenkomst 2 december 2026"). Asking babel for
that loads its locale data, about 5 MB that stay for the whole show and a third of the work of
making the meeting while the first keys come in (docs/performance.md, round 4). The pattern and the
month names are all it takes; tests/test_long_dates.py fails when the table no longer matches the
babel in uv.lock or the languages in translations/ (then run
`.venv/bin/python packaging/make_long_dates.py`), and compares every day of three years with babel.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET = REPO / "opvoed_desktop" / "i18n" / "long_dates.py"


def interface_languages() -> list[str]:
    """The source language and every language the app has a catalog of (the interface's or the
    content's: one may become the other with a translator's overlay)."""
    found = {"nl"} | {p.parent.parent.name for p in (REPO / "translations").glob("*/LC_MESSAGES/*.po")}
    return sorted(found)


def table() -> dict[str, tuple[str, list[str]]]:
    from babel.dates import get_date_format, get_month_names

    return {
        lang: (
            get_date_format("long", locale=lang).pattern,
            [get_month_names("wide", "format", lang)[month] for month in range(1, 13)],
        )
        for lang in interface_languages()
    }


def render(forms: dict[str, tuple[str, list[str]]]) -> str:
    import babel

    lines = [
        '"""The long date form of the interface languages, made by packaging/make_long_dates.py from babel;',
        'do not edit by hand."""',
        "",
        f"BABEL_VERSION = {json.dumps(babel.__version__)}",
        "",
        "# language: (babel's long date pattern, the twelve month names as a date writes them)",
        "FORMS: dict[str, tuple[str, tuple[str, ...]]] = {",
    ]
    for lang, (pattern, months) in forms.items():
        lines.append(f"    {json.dumps(lang)}: (")
        lines.append(f"        {json.dumps(pattern, ensure_ascii=False)},")
        lines.append("        (")
        lines += [f"            {json.dumps(month, ensure_ascii=False)}," for month in months]
        lines.append("        ),")
        lines.append("    ),")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> None:
    TARGET.write_text(render(table()), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(REPO)}", file=sys.stderr)


if __name__ == "__main__":
    main()
