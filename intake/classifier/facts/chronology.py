"""Dates in order as a link: "On 3 May he wrote to the Ombudsman. On 5 May his job went."

Solicitors, families and staff notes often link a detriment to a contact by dates alone, the
contact first and the detriment a few days or weeks after it; the labelling rules count timing
the writer presents as the cause. A detriment dated before the contact ("moved on 1 May; wrote
to the IMB about it on 3 May") is no link, nor is one dated months later.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date

from intake.classifier.document import Document
from intake.classifier.facts.model import Facts
from intake.classifier.matcher import Hit

_MONTHS = (
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
)  # fmt: skip
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE = re.compile(
    rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b(?:\s+(?P<year>(?:19|20)\d\d))?"
    r"|\b(?P<d>[0-3]?\d)/(?P<m>[01]?\d)(?:/(?P<y>(?:20)?\d\d))?\b"
    # a month alone, after a word that makes it a time ("in April", "since June")
    r"|\b(?:in|during|since|from|by|early|late|mid|end of|start of|beginning of)\s+"
    r"(?P<mo>january|february|march|april|may|june|july|august|september|october|november"
    r"|december)\b",
    re.IGNORECASE,
)
#: The longest gap between a contact and a detriment that dates alone link.
_MAX_DAYS = 120
#: A year for dates written without one (only their order matters; a leap year, for 29 Feb).
_ANY_YEAR = 2000


def _read(match: re.Match[str]) -> tuple[int | None, int, int]:
    """(year if written, month, day; day 0 for a month alone)."""
    if match["mo"]:
        return None, _MONTHS.index(match["mo"][:3].lower()) + 1, 0
    if match["month"]:
        year = int(match["year"]) if match["year"] else None
        return year, _MONTHS.index(match["month"][:3].lower()) + 1, int(match["day"])
    y = match["y"]
    year = (int(y) + 2000 if len(y) == 2 else int(y)) if y else None
    return year, int(match["m"]), int(match["d"])


def _days_after(earlier: tuple[int | None, int, int], later: tuple[int | None, int, int]) -> int:
    """Days from one written date to another (in one year when either has none; by months
    when either is a month alone); 0 if either is no date ("31/2")."""
    one_year = earlier[0] is None or later[0] is None
    if not earlier[2] or not later[2]:  # a month alone: only a later month is after it
        months = (
            later[1] - earlier[1]
            if one_year
            else (later[0] or 0) * 12 + later[1] - (earlier[0] or 0) * 12 - earlier[1]
        )
        return 30 * months if months > 0 else 0
    try:
        a = date(_ANY_YEAR if one_year else earlier[0] or 0, earlier[1], earlier[2])
        b = date(_ANY_YEAR if one_year else later[0] or 0, later[1], later[2])
    except ValueError:
        return 0
    return (b - a).days


def _dates(doc: Document) -> list[tuple[int, int, tuple[int | None, int, int]]]:
    """(first word, last word, (year, month, day)) of each date written in the text."""
    found = []
    for match in _DATE.finditer(doc.clean):
        when = _read(match)
        first = bisect_right(doc.starts, match.start()) - 1
        last = bisect_right(doc.starts, match.end() - 1) - 1
        if 0 <= first <= last:
            found.append((first, last, when))
    return found


def links_by_dates(doc: Document, facts: Facts) -> list[Hit]:
    """A detriment's date a few days or weeks after a dated contact with a named body, said
    after it: the later date, as a link."""
    dates = _dates(doc)
    if len(dates) < 2:
        return []
    contacts = {doc.sentences[h.first] for hs in facts.bodies.values() for h in hs}
    done = {doc.sentences[h.first] for hs in facts.categories.values() for h in hs}
    contacted = [(first, when) for first, _, when in dates if doc.sentences[first] in contacts]
    links = []
    for first, last, when in dates:
        if doc.sentences[first] not in done:
            continue
        if any(
            0 < _days_after(then, when) <= _MAX_DAYS for start, then in contacted if start < first
        ):
            start, end = doc.span(first, last)
            links.append(
                Hit("links", "link:dates", "dates in order: the contact, then this", first, last,
                    start, end)
            )  # fmt: skip
    return links


#: A death within this many days of release is a death in custody (eval README, route rule 1).
_DEATH_AFTER_RELEASE_DAYS = 14
_RELEASED = frozenset({"released", "release", "discharged", "freed"})
#: How far after "released" or "died" its date may be written ("died on 2 May").
_DATE_REACH = 8


def deaths_in_reach_of_release(doc: Document, deaths: list[Hit]) -> list[Hit]:
    """Deaths, less those dated more than 14 days after a dated release ("released on 20
    January and died on 2 May" is not a death in custody)."""
    if not deaths:
        return deaths
    dates = _dates(doc)
    releases = [
        when
        for i, word in enumerate(doc.words)
        if word in _RELEASED
        for when in _date_after(doc, dates, i)
    ]
    if not releases:
        return deaths
    return [
        h
        for h in deaths
        if not any(
            _days_after(out, died) > _DEATH_AFTER_RELEASE_DAYS
            for died in _date_after(doc, dates, h.last)
            for out in releases
        )
    ]


def _date_after(
    doc: Document, dates: list[tuple[int, int, tuple[int | None, int, int]]], index: int
) -> list[tuple[int | None, int, int]]:
    """The first date written just after word ``index`` in its sentence (none or one)."""
    for first, _, when in dates:
        if index < first <= index + _DATE_REACH and doc.sentences[first] == doc.sentences[index]:
            return [when]
    return []
