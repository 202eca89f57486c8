"""The autosave decisions without Qt: whatever is typed is stored, or the field knows it is not.

A small simulation plays the field (ui/autosave.py) around AutosaveState: keys, timers, background
saves that finish late or fail, flushes. Its store is a real value with the text it holds, so the
claim "nothing unsaved" is checked against the text itself, not against the state's own counters.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import given, settings
from hypothesis import strategies as st

from opvoed_desktop.services.autosave import AutosaveState, TimedSave


@dataclass
class Field:
    """The editor around the state, as ui/autosave.py drives it, with a store that holds text."""

    state: AutosaveState = field(default_factory=AutosaveState)
    text: str = ""
    store: str = ""
    running: list[tuple[int, str]] = field(default_factory=list)  # background saves under way
    saved_signals: int = 0

    def type(self, key: str) -> None:
        self.text += key
        self.state.edited()

    def timer(self) -> None:
        if self.state.timed_save(running=bool(self.running)) is TimedSave.NOW:
            self.running.append((self.state.generation, self.text))

    def finish(self, ok: bool = True) -> None:
        generation, text = self.running.pop(0)
        if ok:
            self.store = text
            if self.state.saved(generation):
                self.saved_signals += 1
        if self.state.save_again():
            self.timer()

    def flush(self) -> None:
        self.state.flushing()
        while self.running:
            self.finish()
        if self.state.dirty:
            generation = self.state.generation
            self.store = self.text
            self.state.saved(generation)


def test_typing_makes_the_field_dirty_and_a_save_makes_it_clean() -> None:
    f = Field()
    assert not f.state.dirty
    f.type("a")
    assert f.state.dirty
    f.timer()
    assert f.running == [(1, "a")]
    f.finish()
    assert not f.state.dirty and f.store == "a" and f.saved_signals == 1


def test_nothing_is_started_when_everything_is_stored() -> None:
    state = AutosaveState()
    assert state.timed_save(running=False) is TimedSave.NOTHING
    assert state.timed_save(running=True) is TimedSave.NOTHING
    assert not state.again


def test_keys_typed_during_a_save_are_stored_right_after_it() -> None:
    f = Field()
    f.type("a")
    f.timer()
    f.type("b")
    f.timer()  # due while the first save runs: it waits
    assert len(f.running) == 1 and f.state.again
    f.finish()  # stored "a"; "b" is still unsaved, so a new save starts at once
    assert f.saved_signals == 0, "not everything is stored yet: no 'saved'"
    assert f.running == [(2, "ab")] and not f.state.again
    f.finish()
    assert f.store == "ab" and not f.state.dirty and f.saved_signals == 1


def test_a_save_that_comes_due_during_a_save_of_everything_is_not_repeated() -> None:
    state = AutosaveState()
    state.edited()
    assert state.timed_save(running=False) is TimedSave.NOW
    assert state.timed_save(running=True) is TimedSave.AFTER_CURRENT
    assert state.saved(1)
    assert not state.save_again(), "the running save stored everything: no second one"


def test_a_failed_save_leaves_the_text_unsaved_and_a_flush_stores_it() -> None:
    f = Field()
    f.type("a")
    f.timer()
    f.finish(ok=False)
    assert f.state.dirty and f.store == "" and f.saved_signals == 0
    f.flush()
    assert f.store == "a" and not f.state.dirty


def test_a_late_save_of_older_text_does_not_move_the_store_back() -> None:
    state = AutosaveState()
    state.edited()
    state.edited()
    assert state.saved(2)
    assert state.saved(1), "everything is still stored"
    assert state.stored == 2 and not state.dirty


def test_text_shown_from_the_store_is_not_an_edit() -> None:
    state = AutosaveState()
    state.edited()
    state.shown_stored()  # another note opened: its text came from the store
    assert not state.dirty
    assert state.timed_save(running=False) is TimedSave.NOTHING
    state.edited()
    assert state.dirty


def test_a_flush_cancels_the_pending_timed_save() -> None:
    state = AutosaveState()
    state.edited()
    state.timed_save(running=True)
    assert state.again
    state.flushing()
    assert not state.again
    assert not state.save_again()


ACTIONS = st.lists(
    st.one_of(
        st.tuples(st.just("type"), st.sampled_from("ab ")),
        st.just(("timer", "")),
        st.just(("finish", "ok")),
        st.just(("finish", "fail")),
        st.just(("flush", "")),
        st.just(("load", "")),
    ),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(ACTIONS)
def test_whatever_happens_clean_means_the_store_holds_the_text(actions: list[tuple[str, str]]) -> None:
    f = Field()
    stored_before = 0
    for action, arg in actions:
        if action == "type":
            f.type(arg)
        elif action == "timer":
            f.timer()
        elif action == "finish" and f.running:
            f.finish(ok=arg == "ok")
        elif action == "flush":
            f.flush()
            assert f.store == f.text and not f.state.dirty, "a flush that succeeds stores everything"
        elif action == "load" and not f.running:
            f.flush()
            f.text = f.store = "opgeslagen notitie"
            f.state.shown_stored()
        if not f.state.dirty:
            assert f.store == f.text, "the field says everything is stored, but the store has other text"
        assert f.state.stored >= stored_before, "the store went back to older text"
        stored_before = f.state.stored
        assert len(f.running) <= 1, "never two saves at once"
    # The end of typing: the timers fire and the saves finish; then everything is stored.
    for _ in range(3):
        f.timer()
        while f.running:
            f.finish()
    assert f.store == f.text and not f.state.dirty
