"""A letter to the person as a PDF (issue 16): A4, the letter's words as saved, in DejaVu Sans
(shipped in ``backoffice/fonts``, so names in any European script print the same on every
machine; fpdf2's own fonts are Latin-1 only), marked OFFICIAL-SENSITIVE at the top and the
foot of every page. Made with fpdf2 (pure Python, no system libraries).

:func:`report_pdf` makes a printable report the same way (the six-monthly share's figures,
``backoffice.share``): a title, then sections of text lines and tables, every page marked."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

#: The Government Security Classification of every page.
MARKING = "OFFICIAL-SENSITIVE"
FONT_FILE = Path(__file__).parent / "fonts" / "DejaVuSans.ttf"
FONT = "DejaVuSans"
TAB = "    "


class _LetterPDF(FPDF):
    def header(self) -> None:
        self.set_font(FONT, size=9)
        self.cell(0, 6, MARKING, align="C", new_x="LMARGIN", new_y="NEXT")
        self.ln(4)
        self.set_font(FONT, size=12)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(FONT, size=9)
        self.cell(0, 6, MARKING, align="C")


def _document(title: str, author: str, orientation: str = "portrait") -> FPDF:
    logging.getLogger("fpdf").setLevel(logging.ERROR)  # a glyph missing is not worth a warning
    pdf = _LetterPDF(orientation=orientation, format="A4")
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_subject(MARKING)
    pdf.set_creator("sanctions back office")
    pdf.add_font(FONT, fname=str(FONT_FILE))
    pdf.set_margins(25, 20, 25)
    pdf.set_auto_page_break(True, margin=22)
    pdf.add_page()
    return pdf


def letter_pdf(text: str, *, title: str, author: str) -> bytes:
    """The letter as PDF bytes."""
    pdf = _document(title, author)
    pdf.set_font(FONT, size=12)
    words = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", TAB)
    pdf.multi_cell(0, 6.5, words, align="L")
    return bytes(pdf.output())


@dataclass(frozen=True)
class ReportSection:
    """A heading, lines of text, then (optionally) a table: its column names and rows."""

    heading: str
    lines: Sequence[str] = ()
    columns: Sequence[str] = ()
    rows: Sequence[Sequence[str]] = ()
    #: Relative column widths (the first column wider by default).
    widths: Sequence[int] = field(default_factory=tuple)


def report_pdf(
    sections: Sequence[ReportSection], *, title: str, author: str, intro: Sequence[str] = ()
) -> bytes:
    """A printable report as PDF bytes: A4 landscape (room for a table's columns), DejaVu Sans,
    OFFICIAL-SENSITIVE at the top and foot of every page."""
    pdf = _document(title, author, "landscape")
    pdf.set_font(FONT, size=15)
    pdf.multi_cell(0, 8, title, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=10)
    for line in intro:
        pdf.multi_cell(0, 5.5, line, align="L", new_x="LMARGIN", new_y="NEXT")
    for section in sections:
        pdf.ln(4)
        pdf.set_font(FONT, size=12)
        pdf.multi_cell(0, 7, section.heading, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, size=9)
        for line in section.lines:
            pdf.multi_cell(0, 5, line, align="L", new_x="LMARGIN", new_y="NEXT")
        if section.columns:
            _table(pdf, section)
    return bytes(pdf.output())


def _table(pdf: FPDF, section: ReportSection) -> None:
    count = len(section.columns)
    widths = tuple(section.widths) or (3, *([1] * (count - 1)))
    with pdf.table(
        col_widths=widths,
        text_align="LEFT",
        line_height=5,
        first_row_as_headings=True,
        # DejaVu Sans ships in one weight: headings shaded, not bold
        headings_style=FontFace(emphasis="", fill_color=(225, 225, 225)),
        repeat_headings=1,
    ) as table:
        table.row([str(c) for c in section.columns])
        for cells in section.rows:
            table.row([str(c) for c in cells])
