"""Write opvoed_desktop/i18n/language_table.py: language names from babel, made beforehand.

The list of "Talen in de zaal" shows every language babel knows (about 330) by its own name and
its name in the interface language, and finds it by its name in NAME_LANGUAGES. Reading those
from babel at run time loads one locale file per language: 1.3-2.6 s the first time. The table
is made here, once; tests/test_language_labels.py fails when it no longer matches the babel in
uv.lock (then run `.venv/bin/python packaging/make_language_table.py`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "opvoed_desktop" / "i18n" / "language_table.py"


def autonyms() -> dict[str, str]:
    """Each known language's name in itself; "" where babel has none (known: no need to ask babel)."""
    from babel import Locale

    from opvoed_desktop.i18n.language_names import known_languages

    table = {}
    for code in known_languages():
        table[code] = Locale.parse(code).languages.get(code) or ""
    return table


def names() -> dict[str, dict[str, str]]:
    """For each of NAME_LANGUAGES: the names it has for the known languages."""
    from babel import Locale

    from opvoed_desktop.i18n.language_names import NAME_LANGUAGES, known_languages

    known = set(known_languages())
    return {
        lang: {code: name for code, name in sorted(Locale.parse(lang).languages.items()) if code in known and name}
        for lang in NAME_LANGUAGES
    }


def _entry(key: str, value: str, indent: str) -> str:
    # json.dumps: the double quotes ruff's formatter wants, and every name as written
    return f"{indent}{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},"


def render(own: dict[str, str], named: dict[str, dict[str, str]]) -> str:
    import babel

    lines = [
        '"""Language names from babel, made by packaging/make_language_table.py; do not edit by hand."""',
        "",
        f'BABEL_VERSION = "{babel.__version__}"',
        "",
        '# Each language\'s name in itself ("": babel has none).',
        "AUTONYMS: dict[str, str] = {",
        *(_entry(code, name, "    ") for code, name in sorted(own.items())),
        "}",
        "",
        "# Names of the languages in each of NAME_LANGUAGES (language_names.py).",
        "NAMES: dict[str, dict[str, str]] = {",
    ]
    for lang, table in named.items():
        lines += [f"    {json.dumps(lang)}: {{", *(_entry(c, n, "        ") for c, n in table.items()), "    },"]
    lines += ["}", ""]
    return "\n".join(lines)


def main() -> int:
    TARGET.write_text(render(autonyms(), names()), encoding="utf-8")
    print(f"{TARGET}: written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
