"""Shared XLSX building blocks (openpyxl >= 3.1) following FORMATS.md "XLSX".

One ``write_table`` gives every list the same shape: bold header, frozen panes under it, an
autofilter over the data, column widths from the content (capped), real dates shown ``DD.MM.YYYY``,
and text that Excel would take for a formula (``= + - @``) kept as text with the quote-prefix style
(the value itself stays unchanged, so "+49 89 …" reads back as written).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from bezag_desktop.domain.text import xml_safe
from bezag_desktop.domain.timeutil import BERLIN

DATE_FORMAT = "DD.MM.YYYY"
DATETIME_FORMAT = "DD.MM.YYYY HH:MM"
TEXT_FORMAT = "@"
#: Column widths in Excel's character units.
MIN_WIDTH = 6.0
MAX_WIDTH = 60.0
#: Excel refuses longer cell texts.
MAX_CELL_CHARS = 32767
MAX_SHEET_TITLE = 31
HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
#: Named, so Excel and LibreOffice use the body's font and not a fallback for the header row.
HEADER_FONT = Font(name="Calibri", size=11, bold=True)

_FORMULA_START = ("=", "+", "-", "@")
_SHEET_FORBIDDEN = re.compile(r"[:\\/?*\[\]]")
#: openpyxl refuses these; XML 1.0 forbids them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SOFT_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})


def clean_text(value: str) -> str:
    """Text without control characters, within Excel's cell length.

    Vertical tab and form feed (line and page break in text pasted from Word) become line breaks,
    so the words on either side stay apart.
    """
    text = _CONTROL.sub("", xml_safe(value.translate(_SOFT_BREAKS)))
    return text[:MAX_CELL_CHARS]


def excel_datetime(value: datetime) -> datetime:
    """Excel has no time zones: aware values become naive Europe/Berlin wall time."""
    if value.tzinfo is not None:
        return value.astimezone(BERLIN).replace(tzinfo=None)
    return value


def _columns(spec: Collection[int | str], headers: Sequence[str]) -> set[int]:
    """0-based indexes from indexes or header names."""
    result: set[int] = set()
    for item in spec:
        if isinstance(item, int):
            result.add(item)
        else:
            result.add(list(headers).index(item))
    return result


def set_cell(cell: Any, value: Any, *, as_date: bool = False, as_text: bool = False) -> int:
    """Write one value by the rules of FORMATS.md; returns its display length for the column width."""
    if value is None or (isinstance(value, str) and not value.strip() and not as_text):
        cell.value = None
        return 0
    if as_text and not isinstance(value, str):
        value = str(value)
    if isinstance(value, str):
        text = clean_text(value)
        cell.value = text
        # openpyxl would turn "=..." into a formula; force a plain string cell
        cell.data_type = "s"
        if as_text:
            cell.number_format = TEXT_FORMAT
        if text.startswith(_FORMULA_START):
            cell.quotePrefix = True
        if "\n" in text:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            return max(len(line) for line in text.split("\n"))
        return len(text)
    if isinstance(value, datetime):
        naive = excel_datetime(value)
        cell.value = naive
        if as_date or naive.time() == time(0, 0):
            cell.number_format = DATE_FORMAT
            return 10
        cell.number_format = DATETIME_FORMAT
        return 16
    if isinstance(value, date):
        cell.value = value
        cell.number_format = DATE_FORMAT
        return 10
    if isinstance(value, bool):
        cell.value = "ja" if value else "nein"
        return 4
    if isinstance(value, int | float | Decimal):
        cell.value = value
        return len(str(value))
    # anything else (enums, paths): its text
    return set_cell(cell, str(value), as_date=as_date, as_text=as_text)


def write_table(
    ws: Worksheet,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    date_columns: Collection[int | str] = (),
    text_columns: Collection[int | str] = (),
    max_width: float = MAX_WIDTH,
) -> int:
    """Write a header row and the data rows from A1; returns the number of data rows.

    ``date_columns``/``text_columns`` name columns by 0-based index or header text. Date columns show
    ``DD.MM.YYYY`` (also for datetimes); text columns are stored and formatted as text (AGS, phone
    numbers) so Excel keeps leading zeros. Control characters are stripped, aware datetimes turned
    into Berlin wall time, and text starting with ``= + - @`` stays text.
    """
    dates = _columns(date_columns, headers)
    texts = _columns(text_columns, headers)
    widths = [float(len(h)) + 2 for h in headers]  # room for the filter button
    for col, title in enumerate(headers, start=1):
        cell = ws.cell(row=1, column=col)
        set_cell(cell, title)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="top", wrap_text=False)
    count = 0
    #: (row, column, text) of texts that may need more than one line
    long_texts: list[tuple[int, int, str]] = []
    for r, row in enumerate(rows, start=2):
        count += 1
        for c, value in enumerate(row):
            if c >= len(headers):
                break
            cell = ws.cell(row=r, column=c + 1)
            length = set_cell(cell, value, as_date=c in dates, as_text=c in texts)
            if length > widths[c]:
                widths[c] = float(length)
            if isinstance(cell.value, str) and ("\n" in cell.value or len(cell.value) + 1 > max_width):
                long_texts.append((r, c, cell.value))
    last_col = get_column_letter(max(1, len(headers)))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{last_col}{count + 1}"
    final = [min(max(width + 1, MIN_WIDTH), max_width) for width in widths]
    for c, width in enumerate(final, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    # wrap cells wider than the cap so nothing is cut off on paper
    for c, width in enumerate(widths):
        if width + 1 > max_width:
            for (cell,) in ws.iter_rows(min_row=2, max_row=count + 1, min_col=c + 1, max_col=c + 1):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    _fit_row_heights(ws, long_texts, final)
    return count


#: Excel's default row height (Calibri 11) and its maximum, in points.
ROW_HEIGHT = 15.0
MAX_ROW_HEIGHT = 409.0


def _fit_row_heights(ws: Worksheet, long_texts: Iterable[tuple[int, int, str]], widths: Sequence[float]) -> None:
    """Give rows with wrapped text the height of their longest cell.

    LibreOffice does not grow a row for wrapped text in a file it opens (and Excel not always), so
    without an explicit height the lines of a wrapped cell overprint the next row.
    """
    lines_per_row: dict[int, int] = {}
    for r, c, text in long_texts:
        per_line = max(int(widths[c]) - 1, 1)
        lines = sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))
        if lines > lines_per_row.get(r, 1):
            lines_per_row[r] = lines
    for r, lines in lines_per_row.items():
        ws.row_dimensions[r].height = min(ROW_HEIGHT * lines, MAX_ROW_HEIGHT)
        # the row's other cells start at the top too, level with the first line of the long one
        for cell in ws[r]:
            if cell.alignment.vertical != "top":
                cell.alignment = Alignment(wrap_text=cell.alignment.wrap_text, vertical="top")


def safe_sheet_title(text: str, workbook: Workbook | None = None, *, fallback: str = "Tabelle") -> str:
    """A sheet title Excel accepts: without ``: \\ / ? * [ ]``, no leading or trailing apostrophe,
    at most 31 characters, not "History" (reserved by Excel), and unique in ``workbook``
    (case-insensitive, like Excel) by appending " (2)", " (3)", … within the length limit.
    """
    title = _SHEET_FORBIDDEN.sub(" ", _CONTROL.sub("", xml_safe(text)))
    title = " ".join(title.split()).strip("'").strip()
    title = title[:MAX_SHEET_TITLE].strip() or fallback
    if title.casefold() == "history":
        title = f"{title} (1)"
    if workbook is None:
        return title
    taken = {name.casefold() for name in workbook.sheetnames}
    if title.casefold() not in taken:
        return title
    n = 2
    while True:
        suffix = f" ({n})"
        candidate = title[: MAX_SHEET_TITLE - len(suffix)].rstrip() + suffix
        if candidate.casefold() not in taken:
            return candidate
        n += 1


def setup_print(ws: Worksheet, *, landscape: bool = False, title_rows: int = 1, footer: bool = True) -> None:
    """Print on A4, fit to the page width, repeat the header row(s) on every page, "Seite X von Y"."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE if landscape else ws.ORIENTATION_PORTRAIT
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.page_margins.left = ws.page_margins.right = 0.6
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    if title_rows > 0:
        ws.print_title_rows = f"1:{title_rows}"
    if footer:
        ws.oddFooter.center.text = "Seite &P von &N"
        ws.oddFooter.center.size = 9
        ws.oddHeader.left.text = "&A"
        ws.oddHeader.left.size = 9


def new_workbook() -> Workbook:
    """An empty workbook without openpyxl's default sheet."""
    wb = Workbook()
    wb.remove(wb.active)  # a fresh workbook always has its default sheet
    return wb


def add_sheet(wb: Workbook, title: str) -> Worksheet:
    """A new sheet with a safe, unique title."""
    return wb.create_sheet(safe_sheet_title(title, wb))
