"""Small drawing pieces: QR codes and tables with empty rows to write in."""

from __future__ import annotations

import itertools
from functools import lru_cache

from reportlab.lib import colors
from reportlab.platypus import Flowable, Table, TableStyle


@lru_cache(maxsize=64)
def _qr_runs(value: str) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """The code's size in modules and its dark runs (row, first column, length), computed once.

    reportlab's QR widget re-encodes on every draw and emits a shape per run; encoding once and
    drawing one path keeps a hand-out with several codes fast.
    """
    from reportlab.graphics.barcode import qrencoder

    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(value)
    code.make()
    runs = []
    for r, row in enumerate(code.modules):
        c = 0
        for dark, group in itertools.groupby(bool(x) for x in row):
            length = len(list(group))
            if dark:
                runs.append((r, c, length))
            c += length
    return code.getModuleCount(), tuple(runs)


class QrCode(Flowable):
    BORDER = 2  # quiet zone, in modules

    def __init__(self, value: str, size: float) -> None:
        super().__init__()
        self.value = value
        self.size = size
        self.width = self.height = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFillColor(colors.black)
        # The same path operators reportlab's path object would write, formatted once per code:
        # formatting a thousand rectangles in pure Python was a tenth of a hand-out's render time.
        canvas.addLiteral(_qr_path(self.value, self.size, self.BORDER))


@lru_cache(maxsize=64)
def _qr_path(value: str, size: float, border: int) -> str:
    """PDF operators filling the dark modules of the code (`re` rectangles, then `f`)."""
    from reportlab.lib.rl_accel import fp_str

    count, runs = _qr_runs(value)
    box = size / (count + 2 * border)
    ops = [
        f"{fp_str((c + border) * box, size - (r + border + 1) * box, length * box, box)} re" for r, c, length in runs
    ]
    return "\n".join(ops) + "\nf"


def qr_code(value: str, size: float, font: str = "") -> Flowable:
    return QrCode(value, size)


def write_in_table(
    headers: list[list[Flowable]],
    widths: list[float],
    rows: int,
    rtl: bool,
    *,
    row_height: float,
    rule: colors.Color,
    head: colors.Color,
    font: str,
) -> Table:
    """A header row (one cell per column, each a list of paragraphs) and empty rows to write in.

    Right-to-left: the first column stands on the right.
    """
    header = list(headers)
    col_widths = list(widths)
    if rtl:
        header.reverse()
        col_widths.reverse()
    data = [header] + [["" for _ in header] for _ in range(rows)]
    table = Table(data, colWidths=col_widths, rowHeights=[None] + [row_height] * rows, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), font),
                ("BACKGROUND", (0, 0), (-1, 0), head),
                ("GRID", (0, 0), (-1, -1), 0.6, rule),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, 0), 4),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 5),
            ]
        )
    )
    return table
