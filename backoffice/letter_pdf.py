"""A letter to the person as a PDF (issue 16): A4, the letter's words as saved, in DejaVu Sans
(shipped in ``backoffice/fonts``, so names in any European script print the same on every
machine; fpdf2's own fonts are Latin-1 only), marked OFFICIAL-SENSITIVE at the top and the
foot of every page. Made with fpdf2 (pure Python, no system libraries)."""

from __future__ import annotations

import logging
from pathlib import Path

from fpdf import FPDF

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


def letter_pdf(text: str, *, title: str, author: str) -> bytes:
    """The letter as PDF bytes."""
    logging.getLogger("fpdf").setLevel(logging.ERROR)  # a glyph missing is not worth a warning
    pdf = _LetterPDF(format="A4")
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_subject(MARKING)
    pdf.set_creator("sanctions back office")
    pdf.add_font(FONT, fname=str(FONT_FILE))
    pdf.set_margins(25, 20, 25)
    pdf.set_auto_page_break(True, margin=22)
    pdf.add_page()
    pdf.set_font(FONT, size=12)
    words = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", TAB)
    pdf.multi_cell(0, 6.5, words, align="L")
    return bytes(pdf.output())
