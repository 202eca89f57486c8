"""The translator is told WHICH problem a text or a file has, on which line, and how serious it is.

A check that says "something is wrong" for every problem is no help: the stray brace must be
called a stray brace, not a placeholder mistake, and the line number must point at the line to
fix. Each test here names the exact message a person reads.
"""

from __future__ import annotations

import pytest

from opvoed_desktop.i18n.po_checks import (
    ERROR,
    LENGTH_FACTOR,
    WARNING,
    Problem,
    brace_tokens,
    check_text,
    check_translation,
    header_nplurals,
    plural_header,
    read_catalog,
    same_plural_rule,
    scan_syntax,
    validate_catalog,
)

STRAY = "Er staat een losse accolade { of } in de vertaling."
MARKUP_OPEN = "Vet (**) of cursief (*) wordt geopend maar niet gesloten."
MARKUP_DIFFERENT = "De opmaak met ** en * is anders dan in de bron."


def said(problems: list[Problem]) -> list[tuple[str, str]]:
    return [(p.severity, p.message) for p in problems]


# One text ---------------------------------------------------------------------------------------


def test_a_stray_brace_is_called_a_stray_brace_and_nothing_else() -> None:
    assert said(check_text("Hallo {naam}", "Hallo {naam")) == [(ERROR, STRAY)]
    assert said(check_text("Hallo {naam}", "Hallo naam}")) == [(ERROR, STRAY)]
    assert said(check_text("Hallo", "Hallo {")) == [(ERROR, STRAY)]


def test_a_missing_or_extra_placeholder_names_it() -> None:
    missing = "De plaatshouders moeten gelijk zijn aan de bron (ontbreekt: {datum})."
    assert said(check_text("In {gemeente} op {datum}", "In {gemeente}")) == [(ERROR, missing)]
    extra = "De plaatshouders moeten gelijk zijn aan de bron (te veel: {tijd})."
    assert said(check_text("Om {uur}", "Om {uur} {tijd}")) == [(ERROR, extra)]
    both = "De plaatshouders moeten gelijk zijn aan de bron (ontbreekt: {a} {b}; te veel: {c})."
    assert said(check_text("{b} en {a}", "{c} en toen")) == [(ERROR, both)]


def test_placeholders_may_move_and_format_specs_count() -> None:
    assert check_text("In {gemeente} op {datum}", "{datum}: {gemeente}") == []
    assert said(check_text("{n:.1f} uur", "{n} uur"))[0][0] == ERROR
    assert brace_tokens("{{x}} {n:.1f} {0} {a.b} {c[1]} {d!r}") == {
        "{{": 1,
        "}}": 1,
        "{n:.1f}": 1,
        "{0}": 1,
        "{a.b}": 1,
        "{c[1]}": 1,
        "{d!r}": 1,
    }


def test_a_plural_form_may_follow_the_singular_source() -> None:
    assert check_text("{n} dagen", "один день", alternatives=("een dag",)) == []
    assert said(check_text("{n} dagen", "{x} дней", alternatives=("een dag",)))[0][0] == ERROR


def test_line_breaks_are_counted_and_both_numbers_told() -> None:
    assert said(check_text("een\ntwee\ndrie", "één twee\ndrie")) == [
        (WARNING, "De bron heeft 2 regeleinden, de vertaling 1.")
    ]
    assert said(check_text("een", "een\n")) == [(WARNING, "De bron heeft 0 regeleinden, de vertaling 1.")]


def test_emphasis_left_open_is_an_error_and_merely_different_emphasis_a_warning() -> None:
    assert said(check_text("Dit is **vet**.", "This is **bold.")) == [(ERROR, MARKUP_OPEN)]
    assert said(check_text("Dit is *schuin*.", "This is *slanted.")) == [(ERROR, MARKUP_OPEN)]
    assert said(check_text("Dit is **vet**.", "This is bold.")) == [(WARNING, MARKUP_DIFFERENT)]
    assert said(check_text("Dit is *schuin*.", "This is **bold**.")) == [(WARNING, MARKUP_DIFFERENT)]
    assert check_text("Dit is **vet** en *schuin*.", "**Bold** and *slanted* it is.") == []


def test_the_length_warning_starts_just_past_one_point_six_times_the_source() -> None:
    source = "x" * 20
    at_limit = "y" * int(LENGTH_FACTOR * len(source))  # 32: still fits
    assert check_text(source, at_limit) == []
    assert said(check_text(source, at_limit + "y")) == [
        (WARNING, "De vertaling is 65% langer dan de bron; ze past misschien niet op de hand-out.")
    ]
    assert said(check_text(source, "y" * 60)) == [
        (WARNING, "De vertaling is 200% langer dan de bron; ze past misschien niet op de hand-out.")
    ]


def test_short_sources_never_get_the_length_warning_from_twelve_characters_they_do() -> None:
    assert check_text("x" * 11, "y" * 100) == []
    assert said(check_text("x" * 12, "y" * 20))[0][0] == WARNING
    assert check_text("x" * 12, "y" * 19) == []


def test_an_empty_translation_is_not_checked() -> None:
    assert check_text("Hallo {naam}", "") == []
    assert check_translation("Hallo {naam}", []) == []
    assert check_translation("Hallo {naam}", ["Hi {naam}"]) == []
    assert said(check_translation("Hallo {naam}", ["Hi"]))[0][0] == ERROR


def test_a_problem_with_a_line_says_which_line() -> None:
    assert Problem(ERROR, "kapot", 7).sentence() == "regel 7: kapot"
    assert Problem(ERROR, "kapot").sentence() == "kapot"
    assert Problem(ERROR, "x").is_error and not Problem(WARNING, "x").is_error


# Plural forms -----------------------------------------------------------------------------------

PLURAL = ("{n} bijeenkomst", "{n} bijeenkomsten")


def test_every_plural_form_must_be_filled_and_the_count_is_told() -> None:
    assert said(check_translation(PLURAL, ["{n} a", ""], 2)) == [
        (ERROR, "Deze taal heeft 2 meervoudsvormen; vul ze allemaal in (1 ingevuld).")
    ]
    assert said(check_translation(PLURAL, ["{n} a"], 3)) == [
        (ERROR, "Deze taal heeft 3 meervoudsvormen; vul ze allemaal in (1 ingevuld).")
    ]
    assert said(check_translation(PLURAL, "{n} a", 1)) == []
    assert said(check_translation(PLURAL, ["{n} a", "{n} b", "{n} c"], 1)) == []
    assert check_translation(PLURAL, ["", ""], 2) == [], "nothing typed yet is not a mistake"
    one = said(check_translation(PLURAL, ["{n}"], 1))
    assert one == []


def test_one_language_with_one_form_gets_the_singular_sentence() -> None:
    assert said(check_translation(PLURAL, ["{n} a", "", ""], 1)) == []
    problems = check_translation(PLURAL, [], 1)
    assert problems == []


def test_each_kind_of_problem_in_the_forms_is_told_once() -> None:
    forms = ["{x}", "{x}", "{x}", "{x}", "{x}", "{x}"]
    assert said(check_translation(PLURAL, forms, 6)) == [
        (ERROR, "De plaatshouders moeten gelijk zijn aan de bron (ontbreekt: {n}; te veel: {x}).")
    ]
    mixed = said(check_translation(PLURAL, ["{x}", "{n", "{n} b"], 3))
    assert mixed == [
        (ERROR, "De plaatshouders moeten gelijk zijn aan de bron (ontbreekt: {n}; te veel: {x})."),
        (ERROR, STRAY),
    ]


# Whole files ------------------------------------------------------------------------------------

HEADER = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: {lang}\\n"
"Plural-Forms: {plural}\\n"
"""


def po(body: str, lang: str = "tr", plural: str = "nplurals=2; plural=(n != 1);") -> bytes:
    header = HEADER.format(lang=lang, plural=plural)
    if not lang:
        header = header.replace('"Language: \\n"\n', "")
    return (header + "\n" + body).encode("utf-8")


GOOD = """msgid "Hallo {naam}"
msgstr "Merhaba {naam}"

msgid "{n} bijeenkomst"
msgid_plural "{n} bijeenkomsten"
msgstr[0] "{n} toplantı"
msgstr[1] "{n} toplantı"
"""


def test_a_good_catalog_passes_without_a_word() -> None:
    catalog, problems = validate_catalog(po(GOOD), "tr")
    assert problems == [] and catalog is not None
    assert catalog.get("Hallo {naam}").string == "Merhaba {naam}"
    assert header_nplurals(catalog) == 2


def test_a_duplicate_msgid_is_an_error_on_the_second_one() -> None:
    data = po(GOOD + '\nmsgid "Hallo {naam}"\nmsgstr "Selam {naam}"\n')
    catalog, problems = read_catalog(data)
    assert catalog is None
    lines = data.decode().splitlines()
    assert [(p.severity, p.message) for p in problems] == [(ERROR, "deze msgid staat er twee keer in.")]
    assert lines[problems[0].line - 1] == 'msgid "Hallo {naam}"' and problems[0].line > 10


def test_the_same_msgid_in_another_context_is_not_a_duplicate() -> None:
    data = po(GOOD + '\nmsgctxt "knop"\nmsgid "Hallo {naam}"\nmsgstr "Selam {naam}"\n')
    catalog, problems = read_catalog(data)
    assert problems == [] and catalog is not None


def test_a_file_that_does_not_name_its_language_says_which_was_expected() -> None:
    catalog, problems = validate_catalog(po(GOOD, lang=""), "tr")
    assert catalog is None
    assert said(problems) == [(ERROR, "het bestand noemt zijn taal niet (kopregel Language); verwacht: tr.")]
    assert problems[0].line == 1  # no Language line to point at: the top of the file


def test_a_file_for_another_language_says_both() -> None:
    data = po(GOOD, lang="ar")
    catalog, problems = validate_catalog(data, "tr")
    assert catalog is None
    assert (ERROR, "het bestand is voor taal 'ar', niet voor 'tr'.") in said(problems)
    wrong = next(p for p in problems if "'ar'" in p.message)
    assert data.decode().splitlines()[wrong.line - 1] == '"Language: ar\\n"'


def test_a_language_written_with_a_dash_is_the_same_language() -> None:
    catalog, problems = validate_catalog(po(GOOD, lang="pt-BR", plural="nplurals=2; plural=(n > 1);"), "pt_BR")
    assert catalog is not None and not [p for p in problems if p.is_error]


def test_without_an_expected_language_the_file_is_taken_as_it_says() -> None:
    catalog, problems = validate_catalog(po(GOOD, lang=""))
    assert catalog is not None and problems == []


def test_fewer_forms_than_the_header_asks_is_an_error_on_that_message() -> None:
    body = 'msgid "{n} dag"\nmsgid_plural "{n} dagen"\nmsgstr[0] "{n} день"\nmsgstr[1] "{n} дня"\nmsgstr[2] ""\n'
    data = po(
        body,
        lang="ru",
        plural="nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    )
    catalog, problems = validate_catalog(data, "ru")
    assert catalog is None
    errors = [p for p in problems if p.is_error]
    assert said(errors) == [(ERROR, "Deze taal heeft 3 meervoudsvormen; vul ze allemaal in (2 ingevuld).")]
    assert data.decode().splitlines()[errors[0].line - 1] == 'msgid "{n} dag"'


def test_a_plural_formula_that_picks_a_form_the_header_does_not_have_is_an_error() -> None:
    data = po(GOOD, plural="nplurals=2; plural=(n > 1 ? 2 : 0);")
    catalog, problems = validate_catalog(data, "tr")
    assert catalog is None
    assert said(problems) == [
        (ERROR, "de meervoudsregel in de kopregel (Plural-Forms) is geen geldige formule voor 2 vormen.")
    ]
    assert data.decode().splitlines()[problems[0].line - 1].startswith('"Plural-Forms:')


def test_a_plural_formula_that_is_not_a_formula_is_an_error() -> None:
    catalog, problems = validate_catalog(po(GOOD, plural="nplurals=2; plural=(n / 0);"), "tr")
    assert catalog is None and said(problems)[0][1].startswith("de meervoudsregel in de kopregel")


def test_a_header_that_cldr_disagrees_with_is_only_a_warning_with_the_fix() -> None:
    body = 'msgid "{n} dag"\nmsgid_plural "{n} dagen"\nmsgstr[0] "{n} gün"\n'
    catalog, problems = validate_catalog(po(body, plural="nplurals=1; plural=0;"), "tr")
    assert catalog is not None
    assert [p.severity for p in problems] == [WARNING]
    assert problems[0].message == (
        "de meervoudsregel in de kopregel (nplurals=1; plural=(0);) wijkt af van CLDR; zet de kopregel op "
        "'Plural-Forms: nplurals=2; plural=(n != 1);' en vul bij elk bericht met meervoud de 2 vormen in, "
        "in CLDR's volgorde."
    )


def test_a_language_babel_does_not_know_gets_no_cldr_warning() -> None:
    catalog, problems = validate_catalog(po(GOOD, lang="xx-klingon"), None)
    assert catalog is not None and problems == []


def test_only_errors_block_a_file_and_warnings_are_not_listed_per_message() -> None:
    body = 'msgid "een\\ntwee"\nmsgstr "bir iki"\n'
    catalog, problems = validate_catalog(po(body), "tr")
    assert catalog is not None and problems == []
    broken = validate_catalog(po('msgid "Hallo {naam}"\nmsgstr "Merhaba {isim}"\n'), "tr")
    assert broken[0] is None and [p.line for p in broken[1]] == [7]


def test_a_file_that_is_not_utf8_names_the_line() -> None:
    data = po(GOOD) + b'\nmsgid "Dag"\nmsgstr "G\xfcn"\n'
    catalog, problems = read_catalog(data)
    assert catalog is None
    assert [(p.message, p.line) for p in problems] == [("het bestand is geen UTF-8.", 16)]
    assert data.splitlines()[15].startswith(b'msgstr "G')


def test_syntax_errors_name_their_lines_and_what_is_wrong() -> None:
    text = 'msgid "a"\nmsgstr "b\n\nzomaar tekst\nmsgid "c"\nmsgstr ""\n"vervolg"\n"open\n# opmerking\n"los"\n'
    assert [(p.line, p.message) for p in scan_syntax(text)] == [
        (2, "de tekst tussen aanhalingstekens is niet goed afgesloten."),
        (4, "onbekende regel, geen msgid, msgstr of tekst tussen aanhalingstekens."),
        (8, "de tekst tussen aanhalingstekens is niet goed afgesloten."),
        (10, "onbekende regel, geen msgid, msgstr of tekst tussen aanhalingstekens."),
    ]
    assert scan_syntax('msgid "a\\"b\\n\\t\\101\\x41"\nmsgstr[1] "ok"\n') == []
    catalog, problems = read_catalog(text.encode())
    assert catalog is None and [p.line for p in problems] == [2, 4, 8, 10]


def test_a_file_babel_cannot_read_says_so() -> None:
    catalog, problems = read_catalog(b'msgid "a"\n')
    assert catalog is None
    assert len(problems) == 1 and problems[0].message.startswith("het bestand kan niet worden gelezen: ")
    assert "msgstr" in problems[0].message, "the reason babel gives is part of the sentence"


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ((2, "(n != 1)"), (2, "n != 1"), True),
        ((2, "(n != 1)"), (2, "(n == 1 ? 0 : 1)"), True),
        ((2, "(n != 1)"), (2, "(n > 1)"), False),
        ((2, "(n != 1)"), (3, "(n != 1)"), False),
        ((3, "(n%100==1 ? 0 : n%1000==2 ? 1 : 2)"), (3, "(n%100==1 ? 0 : n%100==2 ? 1 : 2)"), False),
        ((2, "(n==1000001 ? 0 : 1)"), (2, "(1)"), False),
    ],
)
def test_two_plural_rules_are_the_same_only_when_every_number_agrees(
    first: tuple[int, str], second: tuple[int, str], same: bool
) -> None:
    assert same_plural_rule(first, second) is same


def test_the_plural_header_is_written_with_parentheses_once() -> None:
    assert plural_header((2, "n != 1")) == "nplurals=2; plural=(n != 1);"
    assert plural_header((2, "(n != 1)")) == "nplurals=2; plural=(n != 1);"
    assert plural_header((1, "0")) == "nplurals=1; plural=(0);"


def test_a_duplicate_written_over_two_lines_is_found_too() -> None:
    """babel would keep the first and drop the second translation without a word."""
    data = po(GOOD + '\nmsgid ""\n"Hallo "\n"{naam}"\nmsgstr "Selam {naam}"\n')
    catalog, problems = read_catalog(data)
    assert catalog is None and said(problems) == [(ERROR, "deze msgid staat er twee keer in.")]
    assert data.decode().splitlines()[problems[0].line - 1] == 'msgid ""'


def test_the_messages_follow_the_language_of_the_interface() -> None:
    from opvoed_desktop.i18n import Translator, speaking
    from opvoed_desktop.paths import translations_dir

    with speaking(Translator.load("en", translations_dir())):
        assert said(check_translation(PLURAL, ["{n} a", ""], 2)) == [
            (ERROR, "This language has 2 plural forms; fill them all in (1 filled in).")
        ]
        assert said(check_text("Hallo {naam}", "Hallo {naam")) == [
            (ERROR, "There is a stray curly brace { or } in the translation.")
        ]


def test_two_extra_placeholders_are_both_named() -> None:
    assert said(check_text("Om {uur}", "Om {uur} {a} {b}")) == [
        (ERROR, "De plaatshouders moeten gelijk zijn aan de bron (te veel: {a} {b}).")
    ]


def test_two_plural_forms_are_expected_unless_told_otherwise() -> None:
    assert check_translation(PLURAL, ["{n} a", "{n} b"]) == []
    assert said(check_translation(PLURAL, ["{n} a", ""]))[0][1].startswith("Deze taal heeft 2 meervoudsvormen")


def test_file_level_problems_are_errors() -> None:
    for data in (b'msgid "a"\nmsgstr "b\n', b"zomaar\n", b"\xff\n", b'msgid "a"\n'):
        catalog, problems = read_catalog(data)
        assert catalog is None and problems and all(p.is_error for p in problems), data


def test_a_file_cannot_start_with_a_bare_string() -> None:
    assert [(p.line, p.is_error) for p in scan_syntax('"los"\nmsgid "a"\nmsgstr "b"\n')] == [(1, True)]


def test_an_untranslated_message_does_not_stop_the_checks_of_the_next() -> None:
    body = 'msgid "Leeg"\nmsgstr ""\n\nmsgid "Hallo {naam}"\nmsgstr "Merhaba {isim}"\n'
    catalog, problems = validate_catalog(po(body), "tr")
    assert catalog is None and [p.line for p in problems] == [10]


def test_the_expected_language_may_be_written_with_a_dash() -> None:
    catalog, problems = validate_catalog(po(GOOD, lang="pt_BR", plural="nplurals=2; plural=(n > 1);"), "pt-BR")
    assert catalog is not None and not [p for p in problems if p.is_error]


def test_without_an_expected_language_the_files_own_language_gets_the_cldr_check() -> None:
    body = 'msgid "{n} dag"\nmsgid_plural "{n} dagen"\nmsgstr[0] "{n} gün"\n'
    catalog, problems = validate_catalog(po(body, plural="nplurals=1; plural=0;"))
    assert catalog is not None and [p.severity for p in problems] == [WARNING]


def test_an_empty_context_is_another_message_than_no_context() -> None:
    data = po(GOOD + '\nmsgctxt ""\nmsgid "Hallo {naam}"\nmsgstr "Selam {naam}"\n')
    catalog, problems = read_catalog(data)
    assert problems == [] and catalog is not None


def test_a_formula_with_its_own_leading_parenthesis_is_still_wrapped_whole() -> None:
    assert plural_header((2, "(n%10==1) ? 0 : 1")) == "nplurals=2; plural=((n%10==1) ? 0 : 1);"


def test_a_file_without_a_header_may_repeat_its_first_msgid_under_an_empty_context() -> None:
    data = b'msgid "Hallo"\nmsgstr "Merhaba"\n\nmsgctxt ""\nmsgid "Hallo"\nmsgstr "Selam"\n'
    catalog, problems = read_catalog(data)
    assert problems == [] and catalog is not None
