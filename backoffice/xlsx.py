"""A small streaming .xlsx writer: one sheet of text cells, never a formula.

The tracker export (:mod:`backoffice.tracker`) writes 100,000 rows of about 50 columns; general
writers spend several microseconds a cell on options it never uses (openpyxl write-only took
35-40 s, XlsxWriter's ``constant_memory`` mode about 10 s for the cells alone). This one only
writes what the tracker needs, as Excel itself writes it:

- every cell is an inline string (``t="inlineStr"``): nothing written is ever read as a formula,
  a number, a date or a link, whatever the text (a formula is escaped by the caller too, with
  the apostrophe of ``backoffice.tracker.cells._safe``);
- text is escaped as Excel escapes it: ``& < >`` for XML, a control character as ``_xHHHH_``
  and a literal ``_xHHHH_`` as ``_x005F_xHHHH_``, so every character comes back as written;
- rows go into the zip entry as they come, in blocks: memory stays flat whatever the count;
- document properties (title, subject, keywords, category, creator), a centred header and
  footer, and frozen panes.

An empty string is no cell at all, but for the last of a row, written empty (as openpyxl did):
a reader that goes row by row (openpyxl's read-only mode) gets every row at its full width.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

#: Excel's limit of rows a sheet.
MAX_ROWS = 1_048_576
#: Rows encoded and handed to the compressor at a time.
BLOCK = 500

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

#: Anything that makes a text need more than copying: XML's markup characters, characters
#: XML 1.0 cannot hold, and a literal escape that Excel would otherwise decode.
_NEEDS_ESCAPE = re.compile("[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_")
_LITERAL_ESCAPE = re.compile("(_x[0-9A-Fa-f]{4}_)")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Properties:
    """The document properties (File > Info in Excel)."""

    title: str
    subject: str
    keywords: str
    category: str
    creator: str


class TooLarge(ValueError):
    """More rows than a sheet holds, or a sheet past 2 GiB (a zip entry without Zip64, which
    some versions of Excel refuse)."""


def escape(text: str) -> str:
    """Text for a ``<t>`` element, every character kept (Excel's escapes, then XML's)."""
    if not _NEEDS_ESCAPE.search(text):
        return text
    text = _LITERAL_ESCAPE.sub(r"_x005F\1", text)
    text = _CONTROL.sub(lambda found: f"_x{ord(found.group()):04X}_", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def column_letters(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def write_sheet(
    path: Path,
    rows: Iterable[Sequence[str]],
    *,
    sheet: str,
    properties: Properties,
    header_footer: str,
    freeze: tuple[int, int] = (0, 0),
) -> int:
    """Write ``rows`` (lists of text) to a new workbook at ``path``; return how many.

    ``header_footer`` is printed centred at the top and bottom of every page; ``freeze`` is
    the number of rows and columns kept in view. Raises :class:`TooLarge` past Excel's
    1,048,576 rows or 2 GiB (what is left at ``path`` is no workbook: the caller writes to a
    temporary file).
    """
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        book.writestr("[Content_Types].xml", _CONTENT_TYPES)
        book.writestr("_rels/.rels", _PACKAGE_RELS)
        book.writestr("docProps/core.xml", _core(properties))
        book.writestr("docProps/app.xml", _APP)
        book.writestr("xl/workbook.xml", _workbook(sheet))
        book.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        book.writestr("xl/styles.xml", _STYLES)
        try:
            with book.open("xl/worksheets/sheet1.xml", "w") as part:
                part.write((_DECLARATION + _sheet_head(*freeze)).encode())
                count = _sheet_data(part, rows)
                part.write(_sheet_tail(header_footer).encode())
        except RuntimeError as error:  # zipfile: "File size too large, try using force_zip64"
            raise TooLarge("the sheet is larger than 2 GiB") from error
    return count


def _sheet_data(part: IO[bytes], rows: Iterable[Sequence[str]]) -> int:
    write = part.write
    letters: list[str] = []
    block: list[str] = []
    number = 0
    for row in rows:
        number += 1
        if number > MAX_ROWS:
            raise TooLarge(f"more than {MAX_ROWS:,} rows: more than a sheet holds")
        while len(letters) < len(row):
            letters.append(column_letters(len(letters)))
        block.append(f'<row r="{number}">')
        for letter, text in zip(letters, row, strict=False):
            if not text:
                continue
            if _NEEDS_ESCAPE.search(text):
                text = escape(text)
            space = ' xml:space="preserve"' if text[0].isspace() or text[-1].isspace() else ""
            block.append(f'<c r="{letter}{number}" t="inlineStr"><is><t{space}>{text}</t></is></c>')
        if row and not row[-1]:  # the row's last cell, empty: readers keep every row's width
            block.append(f'<c r="{letters[len(row) - 1]}{number}" t="inlineStr"/>')
        block.append("</row>")
        if number % BLOCK == 0:
            write("".join(block).encode())
            block.clear()
    write("".join(block).encode())
    return number


def _sheet_head(rows: int, columns: int) -> str:
    views = '<sheetViews><sheetView workbookViewId="0"/></sheetViews>'
    if rows or columns:
        corner = f"{column_letters(columns)}{rows + 1}"
        split = (f' xSplit="{columns}"' if columns else "") + (f' ySplit="{rows}"' if rows else "")
        pane = "bottomRight" if rows and columns else "bottomLeft" if rows else "topRight"
        views = (
            '<sheetViews><sheetView workbookViewId="0">'
            f'<pane{split} topLeftCell="{corner}" activePane="{pane}" state="frozen"/>'
            f'<selection pane="{pane}" activeCell="{corner}" sqref="{corner}"/>'
            "</sheetView></sheetViews>"
        )
    return (
        f'<worksheet xmlns="{_MAIN}" xmlns:r="{_DOC_RELS}">{views}'
        '<sheetFormatPr defaultRowHeight="15"/><sheetData>'
    )


def _sheet_tail(header_footer: str) -> str:
    centred = escape("&C" + header_footer.replace("&", "&&"))
    return (
        '</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" '
        'header="0.3" footer="0.3"/>'
        f"<headerFooter><oddHeader>{centred}</oddHeader><oddFooter>{centred}</oddFooter>"
        "</headerFooter></worksheet>"
    )


def _core(properties: Properties) -> str:
    now = f"{datetime.now(UTC):%Y-%m-%dT%H:%M:%SZ}"
    fields = (
        ("dc:title", properties.title),
        ("dc:subject", properties.subject),
        ("dc:creator", properties.creator),
        ("cp:keywords", properties.keywords),
        ("cp:lastModifiedBy", properties.creator),
        ("cp:category", properties.category),
    )
    return (
        _DECLARATION + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/'
        '2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        + "".join(f"<{tag}>{escape(value)}</{tag}>" for tag, value in fields)
        + f'<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def _workbook(sheet: str) -> str:
    name = escape(sheet).replace('"', "&quot;")
    return (
        f'{_DECLARATION}<workbook xmlns="{_MAIN}" xmlns:r="{_DOC_RELS}">'
        "<bookViews><workbookView/></bookViews>"
        f'<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )


_CONTENT_TYPES = (
    _DECLARATION + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>"
)
_PACKAGE_RELS = (
    f'{_DECLARATION}<Relationships xmlns="{_RELS}">'
    f'<Relationship Id="rId1" Type="{_DOC_RELS}/officeDocument" Target="xl/workbook.xml"/>'
    f'<Relationship Id="rId2" Type="{_RELS}/metadata/core-properties" '
    'Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{_DOC_RELS}/extended-properties" '
    'Target="docProps/app.xml"/>'
    "</Relationships>"
)
_WORKBOOK_RELS = (
    f'{_DECLARATION}<Relationships xmlns="{_RELS}">'
    f'<Relationship Id="rId1" Type="{_DOC_RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_DOC_RELS}/styles" Target="styles.xml"/>'
    "</Relationships>"
)
_APP = (
    f"{_DECLARATION}<Properties "
    'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>sanctions-intake</Application></Properties>"
)
_STYLES = (
    f'{_DECLARATION}<styleSheet xmlns="{_MAIN}">'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
