"""benchmarks/bench_paint.py's keys: the long wait only for a key that should change the screen, a
short one past the programme's last step, and every key that changed nothing counted as such.

A screen stand-in plays a show of known length and notes how long each key was waited for."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_paint.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_paint_under_test", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Show:
    """Steps 0…last; Right and Left move one step and repaint, or do nothing at either end."""

    def __init__(self, last: int) -> None:
        self.last = last
        self.position = 0
        self.waits: list[tuple[str, float, bool]] = []  # key, how long it was waited for, changed

    def settle(self) -> None:
        pass

    def focus_window_named(self, part: str) -> None:
        pass

    def key_to_paint(self, key: str, *, min_area: int, timeout: float = 5) -> float | None:
        step = 1 if key == "Right" else -1
        moved = 0 <= self.position + step <= self.last
        self.position += step if moved else 0
        self.waits.append((key, timeout, moved))
        return 0.02 if moved else None


@pytest.fixture(autouse=True)
def _no_pauses(bench: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench.time, "sleep", lambda _s: None)


def test_keys_past_the_last_step_are_waited_for_briefly_and_counted(bench: ModuleType) -> None:
    show = Show(last=25)
    forward = bench.steps_forward(Show(last=25), "zaal", 1)
    assert forward == 25
    latencies, unchanged = bench.keys(show, "zaal", 1, forward)
    past = bench.KEYS - bench.BACK - 25
    assert unchanged == past == 10
    assert latencies == [20.0] * (bench.KEYS - past)
    for key, wait, moved in show.waits:
        assert wait == (bench.CHANGE_WAIT if moved else bench.QUIET_WAIT), key
    # What the waiting costs: 10 keys past the end at the long wait was 50 s a round.
    assert sum(wait for _k, wait, moved in show.waits if not moved) <= 10 * 0.5


def test_a_key_that_changes_the_screen_after_all_is_measured(bench: ModuleType) -> None:
    """Told the show ends sooner than it does: the keys still move it and are measured, not lost."""
    show = Show(last=30)
    latencies, unchanged = bench.keys(show, "zaal", 1, 25)
    assert (len(latencies), unchanged) == (bench.KEYS - 5, 5)


def test_the_floor_waits_the_long_time_for_every_key(bench: ModuleType) -> None:
    show = Show(last=100)
    latencies, unchanged = bench.keys(show, "floor-label", 1)
    assert (len(latencies), unchanged) == (bench.KEYS, 0)
    assert {wait for _k, wait, _m in show.waits} == {bench.CHANGE_WAIT}
