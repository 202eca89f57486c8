"""reportlab's C accelerator (rl-accel) is in use, and formats numbers exactly as reportlab's own
Python code does: the PDFs must not change by a byte with or without it."""

from __future__ import annotations

import importlib.util

import reportlab
from hypothesis import given
from hypothesis import strategies as st


def _both_fp_str() -> tuple[object, object]:
    """reportlab's Python and C fp_str, from a private copy of rl_accel loaded in testing mode
    (which keeps both); the copy is not registered, so nothing else sees it."""
    import reportlab.lib.rl_accel as installed

    spec = importlib.util.spec_from_file_location("rl_accel_both", installed.__file__)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    was = getattr(reportlab, "_rl_testing", False)
    reportlab._rl_testing = True  # type: ignore[attr-defined]
    try:
        spec.loader.exec_module(module)
    finally:
        reportlab._rl_testing = was  # type: ignore[attr-defined]
    return module._py_funcs["fp_str"], module._c_funcs["fp_str"]


PY_FP_STR, C_FP_STR = _both_fp_str()


def test_the_accelerator_is_used() -> None:
    from reportlab.lib.rl_accel import fp_str

    assert fp_str.__module__ == "_rl_accel"  # not the Python fallback: the package is installed


# The range of what the engine and reportlab write: positions and sizes in points, TJ adjustments.
@given(st.lists(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), min_size=1, max_size=6))
def test_numbers_are_formatted_as_reportlab_formats_them(values: list[float]) -> None:
    assert C_FP_STR(*values) == PY_FP_STR(*values)  # type: ignore[operator]


@given(st.integers(min_value=-100_000, max_value=100_000), st.integers(min_value=0, max_value=3))
def test_rounded_values_as_the_engine_writes_them(whole: int, places: int) -> None:
    value = round(whole / 10**places, 3)
    assert C_FP_STR(value) == PY_FP_STR(value)  # type: ignore[operator]
