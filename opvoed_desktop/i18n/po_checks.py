"""Checks on translations, as Weblate and Qt Linguist run them while typing, and on whole .po files.

Errors break something (a placeholder that cannot be filled, a missing plural form, a file that
cannot be read) and block "checked", an import and `content check`. Warnings are hints for the
translator (a line break less, a text that may not fit the hand-out box).
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from babel.messages.catalog import Catalog

from opvoed_desktop.i18n import _, ngettext

Severity = Literal["error", "warning"]
ERROR: Severity = "error"
WARNING: Severity = "warning"
# A translation this much longer than the Dutch may not fit its box on the printed hand-out.
LENGTH_FACTOR = 1.6
_MIN_LENGTH_FOR_RATIO = 12  # "Ja" → "Evet" is not a layout risk

# `{name}` placeholders; `{{` and `}}` are literal braces in str.format and must survive too.
# A placeholder is a Python format field: {name}, {n:.1f}, {0}; "{' of '}" in a sentence about braces is text.
_BRACE_TOKEN = re.compile(r"\{\{|\}\}|\{\w*(?:[.:!\[][^{}]*)?\}")
_BOLD = re.compile(r"\*\*")


@dataclass(frozen=True)
class Problem:
    severity: Severity
    message: str
    line: int = 0  # 1-based line in a .po file; 0 when it is about typed text

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def sentence(self) -> str:
        """The problem for a person: with its line number when it has one."""
        return _("regel {line}: {problem}").format(line=self.line, problem=self.message) if self.line else self.message


def brace_tokens(text: str) -> Counter[str]:
    return Counter(_BRACE_TOKEN.findall(text))


def _stray_braces(text: str) -> tuple[int, int]:
    """Braces that are not part of a placeholder: ("{" count, "}" count)."""
    rest = _BRACE_TOKEN.sub("", text)
    return rest.count("{"), rest.count("}")


def _markup(text: str) -> tuple[int, int]:
    """(number of `**`, number of single `*`) — emphasis markers that must pair up as in the source."""
    bold = len(_BOLD.findall(text))
    single = _BOLD.sub("", text).count("*")
    return bold, single


def check_text(source: str, text: str, *, alternatives: Sequence[str] = ()) -> list[Problem]:
    """Checks for one translated text against its Dutch source.

    `alternatives` are other source forms whose placeholders are also acceptable (a plural form
    may follow the singular or the plural msgid).
    """
    problems: list[Problem] = []
    if not text:
        return problems
    wanted = brace_tokens(source)
    got = brace_tokens(text)
    # A brace the source also shows as text (a message about braces) is not a mistake.
    if _stray_braces(text) != _stray_braces(source):
        # format(): the doubled braces of the source are how a literal brace is written; the
        # translator must read one brace, not two.
        problems.append(Problem(ERROR, _("Er staat een losse accolade {{ of }} in de vertaling.").format()))
    elif got != wanted and all(got != brace_tokens(alt) for alt in alternatives):
        missing = sorted((wanted - got).elements())
        extra = sorted((got - wanted).elements())
        parts = []
        if missing:
            parts.append(_("ontbreekt: {names}").format(names=" ".join(missing)))
        if extra:
            parts.append(_("te veel: {names}").format(names=" ".join(extra)))
        problems.append(
            Problem(
                ERROR,
                _("De plaatshouders moeten gelijk zijn aan de bron ({details}).").format(details="; ".join(parts)),
            )
        )
    source_breaks, text_breaks = source.count("\n"), text.count("\n")
    if source_breaks != text_breaks:
        problems.append(
            Problem(
                WARNING,
                _("De bron heeft {source} regeleinden, de vertaling {text}.").format(
                    source=source_breaks, text=text_breaks
                ),
            )
        )
    # Compared with the source: a literal "*" (a file filter like *.pdf) is fine when the source has it.
    bold, single = _markup(text)
    if (bold, single) != _markup(source):
        if bold % 2 or single % 2:
            problems.append(Problem(ERROR, _("Vet (**) of cursief (*) wordt geopend maar niet gesloten.")))
        else:
            problems.append(Problem(WARNING, _("De opmaak met ** en * is anders dan in de bron.")))
    if len(source) >= _MIN_LENGTH_FOR_RATIO and len(text) > LENGTH_FACTOR * len(source):
        problems.append(
            Problem(
                WARNING,
                _("De vertaling is {percent}% langer dan de bron; ze past misschien niet op de hand-out.").format(
                    percent=round(100 * (len(text) / len(source) - 1))
                ),
            )
        )
    return problems


def check_translation(
    source: str | tuple[str, str], translation: str | Sequence[str], nplurals: int = 2
) -> list[Problem]:
    """All checks for one segment; plural segments need `nplurals` forms, all filled."""
    if isinstance(source, str):
        text = translation if isinstance(translation, str) else (translation[0] if translation else "")
        return check_text(source, text)
    forms = [translation] if isinstance(translation, str) else list(translation)
    problems: list[Problem] = []
    filled = [form for form in forms if form]
    if filled and (len(forms) < nplurals or len(filled) < nplurals):
        problems.append(
            Problem(
                ERROR,
                ngettext(
                    "Deze taal heeft {n} meervoudsvorm; vul ze allemaal in ({filled} ingevuld).",
                    "Deze taal heeft {n} meervoudsvormen; vul ze allemaal in ({filled} ingevuld).",
                    nplurals,
                ).format(n=nplurals, filled=len(filled)),
            )
        )
    seen: set[str] = set()
    for form in filled:
        for problem in check_text(source[1], form, alternatives=(source[0],)):
            if problem.message not in seen:  # six Arabic forms, one message per kind of problem
                seen.add(problem.message)
                problems.append(problem)
    return problems


# Whole files ------------------------------------------------------------------------------------

_KEYWORD = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\])\s+(".*)$')
_STRING = re.compile(r'^"(?:[^"\\]|\\["\\abfnrtv]|\\[0-7]{1,3}|\\x[0-9a-fA-F]+)*"$')


def scan_syntax(text: str) -> list[Problem]:
    """Line-level syntax of a .po file, with 1-based line numbers (babel's reader misses
    unterminated strings and counts lines from zero)."""
    problems: list[Problem] = []
    expecting_string = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            expecting_string = False
            continue
        match = _KEYWORD.match(line)
        string = match.group(2) if match else line if expecting_string and line.startswith('"') else None
        if string is None:
            problems.append(
                Problem(ERROR, _("onbekende regel, geen msgid, msgstr of tekst tussen aanhalingstekens."), number)
            )
        elif not _STRING.match(string):
            problems.append(Problem(ERROR, _("de tekst tussen aanhalingstekens is niet goed afgesloten."), number))
        expecting_string = string is not None
    return problems


def read_catalog(data: bytes) -> tuple[Catalog | None, list[Problem]]:
    """Parse a .po file; (None, problems) when it cannot be read safely."""
    from babel.messages.pofile import PoFileError, read_po

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [Problem(ERROR, _("het bestand is geen UTF-8."), line)]
    problems = scan_syntax(text)
    if problems:
        return None, problems
    try:
        catalog = read_po(io.BytesIO(data), abort_invalid=True)
    except (PoFileError, ValueError) as exc:
        return None, [Problem(ERROR, _("het bestand kan niet worden gelezen: {reason}.").format(reason=exc))]
    # babel keeps the first of two messages with the same msgid and drops the second without a
    # word, so a translation would be lost silently: the file text itself is searched instead.
    problems.extend(
        Problem(ERROR, _("deze msgid staat er twee keer in."), line) for line in _duplicate_msgids(text)
    )
    return (None if problems else catalog), problems


def _duplicate_msgids(text: str) -> list[int]:
    """The lines of every msgid that appeared before in the same msgctxt (a file that passed
    scan_syntax: each field is a keyword line and its continuation strings)."""
    fields: list[tuple[str, str, int]] = []  # (keyword, the raw strings joined, line of the keyword)
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        match = _KEYWORD.match(line)
        if match:
            fields.append((match.group(1), match.group(2)[1:-1], number))
        elif line.startswith('"') and fields:
            keyword, value, start = fields[-1]
            fields[-1] = (keyword, value + line[1:-1], start)
    seen: set[tuple[str | None, str]] = set()
    duplicates = []
    context: str | None = None
    for keyword, value, number in fields:
        if keyword == "msgctxt":
            context = value
        elif keyword == "msgid":
            key = (context, value)
            context = None
            if value and key in seen:
                duplicates.append(number)
            seen.add(key)
    return duplicates


def message_problems(catalog: Catalog, nplurals: int, *, errors_only: bool = True) -> list[Problem]:
    """Per message checks with the message's line number."""
    found: list[Problem] = []
    for message in catalog:
        if not message.id:
            continue
        translation = message.string
        if not translation or (not isinstance(translation, str) and not any(translation)):
            continue
        msgid = message.id if isinstance(message.id, str) else (message.id[0], message.id[1])
        for problem in check_translation(msgid, translation, nplurals):
            if problem.is_error or not errors_only:
                found.append(Problem(problem.severity, problem.message, message.lineno or 0))
    return found


def header_nplurals(catalog: Catalog) -> int | None:
    header = dict(catalog.mime_headers).get("Plural-Forms", "")
    match = re.search(r"nplurals\s*=\s*(\d+)", header)
    return int(match.group(1)) if match else None


# Numbers on which two plural rules must agree to be the same rule (CLDR's rules repeat per 100,
# with a few exceptions per 1,000 and 1,000,000 in some languages).
_PLURAL_SAMPLES = (*range(0, 1200), 10_000, 100_000, 1_000_000, 1_000_001, 2_000_000)


def plural_function(expr: str) -> Callable[[int], int]:
    """The gettext plural expression as a function; ValueError when it is not a valid C expression."""
    import gettext

    return gettext.c2py(expr)


def cldr_plural(code: str) -> tuple[int, str] | None:
    """(nplurals, expression) of CLDR's rule through babel, or None for a code babel does not know."""
    from opvoed_desktop.i18n.catalogs import locale_facts

    try:
        facts = locale_facts(code)
    except ValueError:
        return None
    return facts.plural_count, facts.plural_expr


def same_plural_rule(first: tuple[int, str], second: tuple[int, str]) -> bool:
    """Whether two (nplurals, expression) rules pick the same form for every whole number."""
    if first[0] != second[0]:
        return False
    if first[1].replace(" ", "") == second[1].replace(" ", ""):
        return True
    one, other = plural_function(first[1]), plural_function(second[1])
    return all(one(n) == other(n) for n in _PLURAL_SAMPLES)


def plural_header(rule: tuple[int, str]) -> str:
    """The value of a Plural-Forms header line for (nplurals, expression)."""
    expr = rule[1] if rule[1].startswith("(") and rule[1].endswith(")") else f"({rule[1]})"
    return f"nplurals={rule[0]}; plural={expr};"


def plural_rule_problem(catalog: Catalog, code: str, line: int = 0) -> Problem | None:
    """A catalog's own Plural-Forms header is the truth for that catalog; when it differs from CLDR,
    a warning says how to bring it in line (never an error: the app and CI keep working)."""
    wanted = cldr_plural(code)
    if wanted is None:
        return None
    own = (catalog.num_plurals, catalog.plural_expr)
    if same_plural_rule(own, wanted):
        return None
    return Problem(
        WARNING,
        _(
            "de meervoudsregel in de kopregel ({found}) wijkt af van CLDR; zet de kopregel op "
            "'Plural-Forms: {header}' en vul bij elk bericht met meervoud de {n} vormen in, in CLDR's volgorde."
        ).format(found=plural_header(own), header=plural_header(wanted), n=wanted[0]),
        line,
    )


def validate_catalog(data: bytes, expected_locale: str | None = None) -> tuple[Catalog | None, list[Problem]]:
    """Everything that makes a catalog unusable: syntax, language, plural forms, placeholders."""
    catalog, problems = read_catalog(data)
    if catalog is None:
        return None, problems
    language = dict(catalog.mime_headers).get("Language", "").strip().replace("-", "_")
    if expected_locale is not None:
        header_line = _header_line(data, "Language:")
        if not language:
            problems.append(
                Problem(
                    ERROR,
                    _("het bestand noemt zijn taal niet (kopregel Language); verwacht: {lang}.").format(
                        lang=expected_locale
                    ),
                    header_line,
                )
            )
        elif language != expected_locale.replace("-", "_"):
            problems.append(
                Problem(
                    ERROR,
                    _("het bestand is voor taal '{found}', niet voor '{lang}'.").format(
                        found=language, lang=expected_locale
                    ),
                    header_line,
                )
            )
    # The catalog's own header decides how many forms its messages need (babel falls back to CLDR
    # when the file has none); a header that CLDR disagrees with is only a warning.
    try:
        pick = plural_function(catalog.plural_expr)
        beyond = next((n for n in _PLURAL_SAMPLES if not 0 <= pick(n) < catalog.num_plurals), None)
    except (ValueError, ArithmeticError):
        beyond = -1
    if beyond is not None:
        problems.append(
            Problem(
                ERROR,
                _("de meervoudsregel in de kopregel (Plural-Forms) is geen geldige formule voor {n} vormen.").format(
                    n=catalog.num_plurals
                ),
                _header_line(data, "Plural-Forms:"),
            )
        )
        return None, problems
    code = expected_locale or language
    if code:
        warning = plural_rule_problem(catalog, code, _header_line(data, "Plural-Forms:"))
        if warning is not None:
            problems.append(warning)
    problems.extend(message_problems(catalog, catalog.num_plurals))
    return (None if any(p.is_error for p in problems) else catalog), problems


def _header_line(data: bytes, key: str) -> int:
    for number, line in enumerate(data.decode("utf-8", "replace").splitlines(), start=1):
        if line.lstrip('"').startswith(key):
            return number
    return 1
