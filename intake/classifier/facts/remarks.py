"""A staff remark in quotes that names a body is a link: "a DCO told him 'people who talk to
inspectors don't earn here'"; "Off.: 'just checking what you've been handing the Board'".

The labelling rules count a staff remark tying the detriment to the contact. Remarks in the
vocabulary (``link:remark``) catch the common ones; this catches any quoted words that name a
body, where a member of staff is named in that sentence or the one before. Words the person
quotes of themselves ("I said 'I'm going to the IMB'") are not a staff remark: a quote in the
first person singular is left out.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from intake.classifier.document import Document
from intake.classifier.facts.model import Facts
from intake.classifier.hits import Hit

#: A quotation: opened after a space, a colon or a bracket (or at the start), closed before a
#: space or punctuation, so that the apostrophe in "you've" neither opens nor closes one. The
#: opening mark comes first in the pattern (and what precedes it is checked behind it), so the
#: search skips ahead to quote marks instead of trying every position.
_SAID = r"""(?P<said>[^'‘’"“”\n]*(?:'\w[^'‘’"“”\n]*)*)['’"”](?=[\s.,;:!?)\]—-]|$)"""
_QUOTE = re.compile(r"""['‘"“](?<=[\s:(\[—-]['‘"“])""" + _SAID)
_QUOTE_AT_START = re.compile(r"""\A['‘"“]""" + _SAID)
_FIRST_PERSON = frozenset({"i", "i'm", "im", "i've", "ive", "i'd", "i'll", "me", "my", "mine"})


def _quotes(doc: Document) -> list[tuple[int, int]]:
    """Word ranges [first, last] of each quotation."""
    spans = []
    for match in [*_QUOTE_AT_START.finditer(doc.clean), *_QUOTE.finditer(doc.clean)]:
        first = bisect_right(doc.starts, match.start("said")) - 1
        last = bisect_right(doc.starts, match.end("said") - 1) - 1
        if match.start("said") < match.end("said") and 0 <= first <= last:
            if doc.starts[first] < match.start("said"):
                first += 1
            if first <= last:
                spans.append((first, last))
    return spans


def _staff_quotes(doc: Document, staff: list[Hit]) -> list[tuple[int, int]]:
    """Word ranges of a staff member's quoted words: not in the first person singular, with a
    member of staff named in the quote's sentence or the one before."""
    said = {doc.sentences[h.first] for h in staff}
    if not said:
        return []
    return [
        (first, last)
        for first, last in _quotes(doc)
        if not any(doc.words[i] in _FIRST_PERSON for i in range(first, last + 1))
        and said & {doc.sentences[first], doc.sentences[first] - 1}
    ]


def outside_remarks(doc: Document, hits: list[Hit], people: list[Hit]) -> list[Hit]:
    """``hits`` less those inside a staff member's quoted words: "DCO: 'tables are for people
    who don't write to the ombudsman'" denies no contact; "I said 'I've never been to the
    Board'" and "Det says 'this is nothing to do with them'" do."""
    if not hits:
        return hits
    quoted = _staff_quotes(doc, [p for p in people if p.label == "staff"])
    return [h for h in hits if not any(a <= h.first and h.last <= b for a, b in quoted)]


def remarks_naming_a_body(doc: Document, facts: Facts) -> list[Hit]:
    """Bodies named inside a staff member's quoted words, as links."""
    if not facts.staff:
        return []
    named = [h for hs in facts.bodies.values() for h in hs if not h.label.startswith("addressee")]
    if not named:
        return []
    links = []
    for first, last in _staff_quotes(doc, facts.staff):
        for body in named:
            if first <= body.first and body.last <= last:
                start, end = doc.span(first, last)
                links.append(
                    Hit("links", "link:remark", "a staff remark naming the body", first, last,
                        start, end)
                )  # fmt: skip
                break
    return links
