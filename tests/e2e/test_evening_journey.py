"""The facilitator's evening, end to end (issue 14, "Done means"), in the real app on a 1366×768
laptop screen without a beamer, driven by keys and clicks as a person would:

plan a meeting by typing its date and time and choosing its languages by name, make its agenda
and change it (a pause, Alt+↑/↓, minutes), press F5, move on, black the
screen, type a quick note, end; find the note and the actual times in the meeting; write notes
in Arabic and Tigrinya; export the report as PDF and read them back; save the parents' hand-outs
in the room's languages; and the next start opens on that meeting again.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from PySide6.QtGui import QColor, QImage

from opvoed_desktop.paths import translations_dir
from tests.e2e.conftest import x_env
from tests.e2e.journey import App, laptop_screen, wait_for_file  # noqa: F401 (fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

TITLE = "Opvoedavond De Brug"
VENUE = "Buurthuis De Brug"
QUICK_NOTE = "Vaders willen een avond over schoolkeuze"
ARABIC = "الأمهات يردن أمسية عن المدرسة"
TIGRINYA = "ኣዴታት ብዛዕባ ቤት ትምህርቲ ክዛረባ ይደልያ"
HANDOUT_TITLE = "Vragen over opvoeden? Hier kunt u terecht"
CONSOLE = "presentatieconsole"


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True)
    marks = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
    return unicodedata.normalize("NFC", out.stdout.translate(marks))


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text))


def catalog_text(lang: str, source: str) -> str:
    """The translation the hand-out should carry, from the shipped catalog (not from our PDF code)."""
    with (translations_dir() / lang / "LC_MESSAGES" / "content.po").open("rb") as handle:
        message = read_po(handle).get(source)
    assert message is not None and message.string, f"{lang} has no translation of {source!r}"
    return str(message.string)


def black_share(path: Path, box: dict[str, int]) -> float:
    image = QImage(str(path))
    black = QColor("#000000").rgb()
    points = [
        (x, y)
        for x in range(box["left"] + 4, box["left"] + box["width"] - 4, 7)
        for y in range(box["top"] + 4, box["top"] + box["height"] - 4, 7)
    ]
    return sum(1 for x, y in points if image.pixel(x, y) == black) / len(points)


# The evening, step by step ---------------------------------------------------------------------


def settled(check: Callable[[], bool], what: str, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, what
        time.sleep(0.2)


def tab_to(app: App, name: str, most: int = 4) -> None:
    """Tab on, looking where the cursor is, until it is in the field `name` (as a person does)."""
    for _press in range(most):
        before = app.focused()["name"]
        app.key("Tab")
        # The key may still be on its way on a loaded machine: wait until the cursor has moved.
        deadline = time.monotonic() + 5
        while (now := app.focused()["name"]) == before and time.monotonic() < deadline:
            time.sleep(0.2)
        if now == name:
            return
    raise AssertionError(f"Tab did not reach {name}; the cursor is in {app.focused()['name']!r}")


def create_meeting(app: App) -> str:
    app.click(text="Bijeenkomsten")
    app.click(text="Nieuwe bijeenkomst")
    assert app.focused()["name"] == "field_title", "the new meeting's title is not ready for typing"
    app.type(TITLE)
    tab_to(app, "field_starts_at")
    app.type("09-12-2026 19:00")  # as typed on the keyboard, into the date field (its text selected)
    tab_to(app, "field_venue")  # past the calendar button
    app.type(VENUE)
    tab_to(app, "field_municipality")
    app.type("Utrecht")
    tab_to(app, "roomLanguagesSearch")  # past Begeleider, to Talen in de zaal
    set_room_languages(app)
    (meeting,) = app.meetings()
    return str(meeting["id"])


def set_room_languages(app: App) -> None:
    """The room's languages by their Dutch names: a name, Enter ticks it, the search is empty again."""
    for name in ("Arabisch", "Tigrinya"):
        app.type(name)
        app.key("Return")
        # A loaded machine may still be reading the keys when the probe is asked: look again.
        settled(lambda: app.focused()["text"] == "", f"'{name}' was not taken")
    settled(lambda: "Tigrinya" in str(app.where(name="roomLanguagesChosen")["text"]), "Tigrinya is not chosen")
    chosen = str(app.where(name="roomLanguagesChosen")["text"])
    assert "Arabisch" in chosen and "Tigrinya" in chosen, chosen
    app.screenshot("details")


def make_agenda(app: App) -> None:
    app.click(text="Agenda")  # the meeting's own section
    source = app.where(name="agendaSource")
    assert "Eerste kennismaking" in str(source["text"]), source  # a new meeting: the first programme
    app.click(text="Agenda overnemen")


def agenda_of(app: App, meeting_id: str) -> list[tuple[str, int]]:
    return [(a["title"], a["planned_minutes"]) for a in app.meeting(meeting_id)["agenda"]]


def change_agenda(app: App, meeting_id: str) -> list[tuple[str, int]]:
    """In the meeting's own Agenda tab: a pause after the first exercise (moved down and back up
    with Alt+↓/↑), "Hoe gaan we verder?" moved to the end, the pause made 10 minutes."""
    settled(lambda: len(agenda_of(app, meeting_id)) == 4, "the programme's agenda was not taken over")
    welcome, exercise, onwards, closing = agenda_of(app, meeting_id)  # the programme "Eerste kennismaking in een uur"
    app.click(name="agendaTable")
    app.key("ctrl+Home", "Down")  # the first exercise
    app.click(text="+ Pauze")  # added after it, and the keyboard stays on the new row
    app.key("alt+Down", "alt+Up")
    app.key("Down")  # "Hoe gaan we verder?"
    app.key("alt+Down")  # to the end
    app.key("Up", "Up")  # back to the pause
    app.key("Right", "F2", "ctrl+a")  # from its title to its minutes, and edit them
    app.type("10")
    app.key("Return")
    wanted = [welcome, exercise, ("Pauze", 10), closing, onwards]
    settled(lambda: agenda_of(app, meeting_id) == wanted, f"the stored agenda is not {wanted}")
    changed = agenda_of(app, meeting_id)
    end = f"{19 + (sum(m for _t, m in changed)) // 60}:{sum(m for _t, m in changed) % 60:02d}"
    settled(lambda: end in str(app.where(name="fitLabel")["text"]), f"the fit line does not end at {end}")
    fit = str(app.where(name="fitLabel")["text"])  # the end time follows the changed agenda
    total = sum(m for _t, m in changed)
    assert "Past niet" in fit and str(total) in fit, fit  # 70 minutes against the programme's hour
    app.screenshot("agenda")
    return changed


def present(app: App, meeting_id: str) -> dict[str, object]:
    """F5 from the main window; move on, black screen, quick note, end."""
    app.focus_main()
    app.key("F5")
    console = app.wait_window(CONSOLE)
    app.focus(console)
    seen: dict[str, object] = {"welcome": app.where(name="currentLabel")["text"]}
    seen["one_screen"] = app.where(name="screenBannerText")["text"]
    app.screenshot("console")
    app.key("Right")  # the first item starts
    app.key("Right")  # the second
    app.key("b")
    seen["badge"] = app.where(name="roomBadge")["text"]
    preview = app.where(name="roomPreview")
    seen["black"] = black_share(app.screenshot("black"), preview)
    app.key("b")
    seen["back"] = black_share(app.screenshot("back"), preview)
    app.key("ctrl+n")
    app.type(QUICK_NOTE)
    app.key("Escape")  # out of the note, back to the show
    time.sleep(1.0)
    for _screen in range(20):  # through the second item's screens, into the third: the pause
        app.key("Right")
        if "Pauze" in str(app.where(name="currentLabel")["text"]):
            break
    seen["third"] = app.where(name="currentLabel")["text"]
    app.key("Escape")  # end
    app.wait_gone(CONSOLE)
    return seen


def write_notes(app: App) -> None:
    """After the show the meeting is back at its notes, the cursor in the general note."""
    app.focus_main()
    assert app.focused()["name"] == "noteEditor"
    app.type_into_focus("Moeders: " + ARABIC)
    app.key("Return")
    app.type_into_focus("Tigrinya: " + TIGRINYA)
    time.sleep(1.5)  # stored 0.7 s after typing stops


def export_report(app: App, target: Path) -> None:
    app.focus_main()
    app.key("ctrl+e")
    dialog = app.wait_window("Bijeenkomst exporteren")
    app.focus(dialog)
    app.type("PDF")  # the format by its name
    assert str(app.where(name="exportFormat")["text"]).startswith("PDF"), "the PDF format was not chosen"
    app.key("Tab", "Tab", "ctrl+a")  # past the report's language, into "Opslaan als"
    app.type(str(target))
    app.key("Return")
    wait_for_file(target)
    app.focus(dialog)
    app.key("Escape")
    app.wait_gone("Bijeenkomst exporteren")


def save_handouts(app: App, folder: Path) -> dict[str, object]:
    app.click(text="Hand-outs")
    ticked = {code: app.where(name=f"roomLanguage-{code}")["checked"] for code in ("ar", "ti", "tr", "nl")}
    app.click(text="Deze talen opslaan…")
    dialog = app.wait_window("Map voor de hand-outs in deze talen")
    app.focus(dialog)
    app.key("ctrl+a")
    app.type(str(folder))
    app.key("Return")
    return {"ticked": ticked}


def test_the_facilitators_evening(laptop_screen: str, tmp_path: Path) -> None:  # noqa: F811
    app = App(laptop_screen, tmp_path)
    try:
        app.start()
        meeting_id = create_meeting(app)
        meeting = app.meeting(meeting_id)
        assert (meeting["title"], meeting["starts_at"]) == (TITLE, "2026-12-09T19:00:00")
        assert meeting["venue"] == VENUE and meeting["languages"] == ["ar", "ti"]

        make_agenda(app)
        changed = change_agenda(app, meeting_id)

        before = datetime.now(UTC).replace(tzinfo=None, microsecond=0)  # times are stored as naive UTC
        seen = present(app, meeting_id)
        assert "Welkomstscherm" in str(seen["welcome"])  # F5 starts on the welcome slide
        assert "Eén scherm" in str(seen["one_screen"])  # no beamer: said, with how to show the room
        assert "zwart" in str(seen["badge"])
        assert float(seen["black"]) > 0.9 and float(seen["back"]) < 0.1  # type: ignore[arg-type]
        assert "Pauze" in str(seen["third"])  # the changed agenda is the one presented

        # The quick note and the actual times are in the meeting.
        meeting = app.meeting(meeting_id)
        agenda = meeting["agenda"]
        assert [(a["title"], a["planned_minutes"]) for a in agenda] == changed
        assert [(n["agenda_item_id"], n["text"]) for n in meeting["notes"]] == [(agenda[1]["id"], QUICK_NOTE)]
        for item in agenda[:3]:
            assert item["actual_start"] and item["actual_end"], item
            assert datetime.fromisoformat(item["actual_start"]) >= before
        assert agenda[0]["actual_end"] <= agenda[1]["actual_start"] <= agenda[1]["actual_end"]
        assert not agenda[3]["actual_start"]
        assert len(app.meetings()) == 1  # presenting made no other meeting

        write_notes(app)
        general = [n["text"] for n in app.meeting(meeting_id)["notes"] if n["agenda_item_id"] is None]
        assert general == [f"Moeders: {ARABIC}\nTigrinya: {TIGRINYA}"]

        report = tmp_path / "verslag.pdf"
        export_report(app, report)
        text = pdf_text(report)
        assert TITLE in text and QUICK_NOTE in text
        assert words(ARABIC) <= words(text), "the Arabic note is not in the report"
        assert words(TIGRINYA) <= words(text), "the Tigrinya note is not in the report"

        folder = tmp_path / "hand-outs"
        folder.mkdir()
        handouts = save_handouts(app, folder)
        assert handouts["ticked"] == {"ar": True, "ti": True, "tr": False, "nl": False}  # the meeting's languages
        for code in ("ar", "ti"):
            wait_for_file(folder / f"handout-ouders-{code}.pdf")
        time.sleep(1.0)
        assert sorted(p.name for p in folder.iterdir()) == ["handout-ouders-ar.pdf", "handout-ouders-ti.pdf"]
        for code in ("ar", "ti"):
            text = pdf_text(folder / f"handout-ouders-{code}.pdf")
            assert words(catalog_text(code, HANDOUT_TITLE)) <= words(text), f"the {code} hand-out lacks its title"
            assert "Utrecht" in text  # the meeting's municipality came along

        status, err = app.quit()
        assert status == 0 and "Traceback" not in err, err

        # Next time the app opens where it was left: the hand-outs, with this meeting still open.
        app.start()
        assert app.where(name="roomLanguage-ar")["checked"]
        app.click(text="Bijeenkomsten")
        assert ARABIC in app.where(name="noteEditor")["text"]  # at its notes, as it was left
        status, err = app.quit()
        assert status == 0 and "Traceback" not in err, err
    finally:
        app.screenshot("last")
        app.kill()


def test_presenting_a_programme_keeps_its_notes_in_a_new_meeting(laptop_screen: str, tmp_path: Path) -> None:  # noqa: F811
    """`opvoed-desktop present --programme …` (the desktop shortcut): no meeting was chosen, so the
    show makes one, names it after the day, and the quick note lands there."""
    data = tmp_path / "data"
    app = App(laptop_screen, tmp_path)
    app.proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "opvoed_desktop",
            "--data-dir",
            str(data),
            "present",
            "--programme",
            "programma-kennismaking",
        ],
        env=x_env(laptop_screen),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        console = app.wait_window(CONSOLE)
        app.focus(console)
        app.key("ctrl+n")  # typed at once, before the meeting is made: kept and handed over
        app.type(QUICK_NOTE)
        app.key("Escape")
        time.sleep(1.5)
        app.key("Right", "Escape")
        app.proc.wait(timeout=20)
        _out, err = app.proc.communicate()
        assert app.proc.returncode == 0 and "Traceback" not in err, err
    finally:
        app.kill()
    (made,) = app.meetings()
    assert made["title"].startswith("Bijeenkomst ") and str(datetime.now().year) in made["title"]
    meeting = app.meeting(made["id"])
    assert [n["text"] for n in meeting["notes"]] == [QUICK_NOTE]
    assert meeting["notes"][0]["agenda_item_id"] == meeting["agenda"][0]["id"]
    assert meeting["agenda"][0]["actual_start"] and meeting["agenda"][0]["actual_end"]
