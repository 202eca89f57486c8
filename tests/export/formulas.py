"""An independent description of a spreadsheet cell that could run as a formula (the oracle for the
CSV guard): a formula sign after any invisible lead, or a tab or line break first."""

from __future__ import annotations

TRIGGERS = "=+-@\uff1d\uff0b\uff0d\uff20"  # with the full-width forms spreadsheets also accept


def could_run(cell: str) -> bool:
    visible = cell.lstrip(" \t\r\n\u00a0\u3000\u200b\u200c\u200d\u2060\ufeff")
    return cell.startswith(("\t", "\r", "\n")) or visible.startswith(tuple(TRIGGERS))
