"""Dates in order as a link: "On 3 May he wrote to the Ombudsman. On 5 May his job went."

Solicitors, families and staff notes often link a detriment to a contact by dates alone, the
contact first and the detriment a few days or weeks after it; the labelling rules count timing
the writer presents as the cause. A detriment dated before the contact ("moved on 1 May; wrote
to the IMB about it on 3 May") is no link, nor is one dated months later.

Dates also tell a death in custody (eval README, route rule 1: in custody or within 14 days of
release) from one long after release ("released on 20 January and died on 2 May").
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date

from intake.classifier.document import Document
from intake.classifier.facts.model import Facts
from intake.classifier.facts.scope import sentences_of
from intake.classifier.hits import Hit

_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
#: A month's word (full, or its first three letters, or "sept") and its number.
_MONTH = {
    **{name: n for n, name in enumerate(_MONTH_NAMES, start=1)},
    **{name[:3]: n for n, name in enumerate(_MONTH_NAMES, start=1)},
    "sept": 9,
}
#: Words after which a month alone is a time ("in April", "since June", "end of May").
_MONTH_ALONE_AFTER = frozenset(
    {"in", "during", "since", "from", "by", "early", "late", "mid", "of"}
)
_ORDINALS = frozenset({"st", "nd", "rd", "th"})
_Date = tuple[int | None, int, int]
#: The longest gap between a contact and a detriment that dates alone link.
_MAX_DAYS = 120
#: A year for dates written without one (only their order matters; a leap year, for 29 Feb).
_ANY_YEAR = 2000


def _year(word: str) -> int | None:
    return int(word) if len(word) == 4 and word[:2] in ("19", "20") else None


def _dates(doc: Document) -> list[tuple[int, int, _Date]]:
    """(first word, last word, (year or None, month, day; day 0 for a month alone)) of each
    date written in the text: "3 March", "14th of June 2026", "3/9", "in April"."""
    months = (
        [i for i, word in enumerate(doc.words) if word in _MONTH]
        if doc.holds_any(_MONTH.keys())
        else []
    )
    found = [written for i in months for written in _named_month(doc, i, _MONTH[doc.words[i]])]
    slash = doc.clean.find("/")
    while slash != -1:
        found.extend(_numeric(doc, bisect_right(doc.ends, slash) - 1, slash))
        slash = doc.clean.find("/", slash + 1)
    return sorted(found + _days_of_the_month(doc, found))


#: Words after "the 3rd" that make it an order, not a day ("the 3rd landing", "the 2nd time").
_NOT_A_DAY = frozenset(
    {"floor", "landing", "landings", "time", "times", "wing", "spur", "tier", "cell", "day",
     "week", "one", "place", "year", "visit", "application", "app", "letter", "complaint",
     "officer", "person", "month", "night", "attempt", "stage", "level", "house", "unit"}
)  # fmt: skip


def _days_of_the_month(
    doc: Document, found: list[tuple[int, int, _Date]]
) -> list[tuple[int, int, _Date]]:
    """Days written alone ("wrote to the ombudsman the 2nd, on basic the 5th"): in the month of
    the date written before them, or in one month together where none is named."""
    if not doc.holds_any(_ORDINALS):
        return []
    words = doc.words
    days = []
    for i in range(1, len(words) - 1):
        if words[i - 1] != "the" or words[i + 1] not in _ORDINALS or not words[i].isdecimal():
            continue
        after = words[i + 2] if i + 2 < len(words) else ""
        if after in _MONTH or after == "of" or after in _NOT_A_DAY or not 1 <= int(words[i]) <= 31:
            continue
        before = max((d for d in found if d[0] < i), default=None)
        year, month = (before[2][0], before[2][1]) if before else (None, 1)
        days.append((i - 1, i + 1, (year, month, int(words[i]))))
    return days


class Dates:
    """The dates written in one document, read once and only when first asked for (a link by
    dates, detriments dated before the contact and a death after release all look at them)."""

    __slots__ = ("_doc", "_found")

    def __init__(self, doc: Document) -> None:
        self._doc = doc
        self._found: list[tuple[int, int, _Date]] | None = None

    @property
    def found(self) -> list[tuple[int, int, _Date]]:
        if self._found is None:
            self._found = _dates(self._doc)
        return self._found


def _numeric(doc: Document, i: int, slash: int) -> list[tuple[int, int, _Date]]:
    """A day and month written with a slash ("3/9", "3/9/26"), the slash at ``slash`` just
    after word ``i``."""
    words, n = doc.words, len(doc.words)
    if not (0 <= i < n - 1 and doc.ends[i] == slash and _slash_between(doc, i)):
        return []
    if not (words[i].isdecimal() and words[i + 1].isdecimal()):
        return []
    if i > 0 and _slash_between(doc, i - 1) and words[i - 1].isdecimal():
        return []  # the month and year of a date already read from its day
    day, month = int(words[i]), int(words[i + 1])
    if not (1 <= day <= 31 and 1 <= month <= 12):  # "8/10" marks, "24/7": not a day and month
        return []
    year, last = None, i + 1
    if i + 2 < n and _slash_between(doc, i + 1) and words[i + 2].isdecimal():
        y = words[i + 2]
        year, last = (int(y) + 2000 if len(y) == 2 else _year(y)), i + 2
    return [(i, last, (year, month, day))]


def _named_month(doc: Document, i: int, month: int) -> list[tuple[int, int, _Date]]:
    """The date a month's name at word ``i`` is part of: a day before it ("3 March", "14th of
    June 2026"), or a word that makes a month alone a time ("in April")."""
    words = doc.words
    j = i - 1
    if j >= 0 and words[j] == "of":  # "14th of June"
        j -= 1
    if j >= 0 and words[j] in _ORDINALS:  # "14th": the tokenizer reads "14", "th"
        j -= 1
    if j >= 0 and words[j].isdecimal() and 1 <= int(words[j]) <= 31:
        year = _year(words[i + 1]) if i + 1 < len(words) else None
        return [(j, i + (year is not None), (year, month, int(words[j])))]
    if i > 0 and words[i - 1] in _MONTH_ALONE_AFTER and words[i] in _MONTH_NAMES:
        return [(i - 1, i, (None, month, 0))]
    return []


def _slash_between(doc: Document, i: int) -> bool:
    return doc.clean[doc.ends[i] : doc.starts[i + 1]] == "/"


def _days_after(earlier: _Date, later: _Date) -> int:
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


def links_by_dates(doc: Document, facts: Facts, written: Dates) -> list[Hit]:
    """A detriment's date a few days or weeks after a dated contact with a named body, said
    after it: the later date, as a link."""
    if not facts.bodies or not facts.categories:
        return []
    dates = written.found
    if len(dates) < 2:
        return []
    contacts = sentences_of(doc, facts.bodies.values())
    done = sentences_of(doc, facts.categories.values())
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


#: A day of the week and its place in the week (not "wed", "sat", "sun": they are also words).
_WEEKDAY = {
    "monday": 0, "tuesday": 1, "tues": 1, "wednesday": 2, "weds": 2, "thursday": 3,
    "thurs": 3, "thur": 3, "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip
#: Words before a weekday that make it a routine, not a day ("every Monday", "most Fridays").
_ROUTINE = frozenset({"every", "each", "most", "some", "all", "other", "last", "next"})


def links_by_weekdays(doc: Document, facts: Facts) -> list[Hit]:
    """A detriment on a later day of the week than a contact, told after it ("I rang your office
    on Monday ... On Wednesday they moved him back"; "Saw IMB Tues. Wed restrained"), as a
    link: the week's order, as a dated account's."""
    if not facts.bodies or not facts.categories or not doc.holds_any(_WEEKDAY.keys()):
        return []
    days = [
        (i, _WEEKDAY[w])
        for i, w in enumerate(doc.words)
        if w in _WEEKDAY and (i == 0 or doc.words[i - 1] not in _ROUTINE)
    ]
    if len(days) < 2:
        return []
    contacts = sentences_of(doc, facts.bodies.values())
    done = sentences_of(doc, facts.categories.values()) - contacts
    contacted = [(i, day) for i, day in days if doc.sentences[i] in contacts]
    links = []
    for i, day in days:
        if not any(j < i and d < day for j, d in contacted):
            continue
        if doc.sentences[i] in done or _done_after(doc, facts, i):
            start, end = doc.span(i, i)
            links.append(
                Hit("links", "link:dates", "days in order: the contact, then this", i, i, start,
                    end)
            )  # fmt: skip
    return links


def _done_after(doc: Document, facts: Facts, index: int) -> bool:
    """A detriment told after word ``index`` in its sentence ("see the board tuesday about the
    showers, thursday the SO says im sacked")."""
    sent = doc.sentences[index]
    return any(
        h.first > index and doc.sentences[h.first] == sent
        for hits in facts.categories.values()
        for h in hits
    )


def detriments_before_contact(doc: Document, facts: Facts, written: Dates) -> list[Hit]:
    """Every dated detriment dated before the first dated contact ("sent back to closed
    conditions in January ... In March he complained to the Ombudsman about it"): the
    punishment came first, so the contact cannot be its cause. Read only where nothing else
    links them but "now" ("Still on standard now"); the first detriment's date, as a denial."""
    strong = [h for h in facts.links if doc.words[h.first : h.last + 1] != ["now"]]
    if not facts.bodies or not facts.categories or strong:
        return []
    dates = written.found
    if len(dates) < 2:
        return []
    contacts, contacted = _contacts_dated(doc, facts, dates)
    done = sentences_of(doc, facts.categories.values())
    dated = [(f, last, when) for f, last, when in dates if doc.sentences[f] in done - contacts]
    if not contacted or not dated:
        return []
    if not all(_days_after(when, then) > 0 for _, _, when in dated for then in contacted):
        return []
    first, last, _ = dated[0]
    start, end = doc.span(first, last)
    return [
        Hit("negation", "denial", "dates: the detriment came before the contact", first, last,
            start, end)
    ]  # fmt: skip


def _contacts_dated(
    doc: Document, facts: Facts, dates: list[tuple[int, int, _Date]]
) -> tuple[set[int], list[_Date]]:
    """The sentences naming a body, and the dates written in them."""
    contacts = sentences_of(doc, facts.bodies.values())
    return contacts, [when for first, _, when in dates if doc.sentences[first] in contacts]


#: A date after these starts something still going on ("on the CSU since 11/5").
_ONGOING = frozenset({"since", "from"})


def drop_detriments_dated_before_contact(doc: Document, facts: Facts, written: Dates) -> None:
    """A detriment whose every mention is told, and dated, before every dated contact ("I lost
    my kitchen job in January for a positive MDT ... In March I spoke to the IMB") came first:
    the contact cannot be its cause, so it is no sanction (and the model does not add it
    back). Not a state still going on ("on the CSU since 11/5")."""
    dates = written.found
    if not facts.bodies or not facts.categories or len(dates) < 2:
        return
    contacts, contacted = _contacts_dated(doc, facts, dates)
    if not contacted:
        return
    before: dict[int, bool] = {}  # sentence -> every date in it is before every contact
    for first, _, when in dates:
        sentence = doc.sentences[first]
        earlier = all(_days_after(when, then) > 0 for then in contacted)
        ongoing = first > 0 and doc.words[first - 1] in _ONGOING  # "on the CSU since 11/5"
        before[sentence] = before.get(sentence, True) and earlier and not ongoing
    # told before the first contact, too: a date told later may be of something else ("the
    # course was withdrawn, though my funding was approved in June")
    past = {s for s, earlier in before.items() if earlier and s < min(contacts)}
    for category, hits in list(facts.categories.items()):
        if all(doc.sentences[h.first] in past for h in hits):
            facts.keep(category, [])
            facts.not_done.add(category)


#: A death within this many days of release is a death in custody (eval README, route rule 1).
_DEATH_AFTER_RELEASE_DAYS = 14
_RELEASED = frozenset({"released", "release", "discharged", "freed"})
#: How far after "released" or "died" its date may be written ("died on 2 May").
_DATE_REACH = 8


def deaths_in_reach_of_release(doc: Document, deaths: list[Hit], written: Dates) -> list[Hit]:
    """Deaths, less those dated more than 14 days after a dated release ("released on 20
    January and died on 2 May" is not a death in custody)."""
    if not deaths:
        return deaths
    dates = written.found
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


def _date_after(doc: Document, dates: list[tuple[int, int, _Date]], index: int) -> list[_Date]:
    """The first date written just after word ``index`` in its sentence (none or one)."""
    for first, _, when in dates:
        if index < first <= index + _DATE_REACH and doc.sentences[first] == doc.sentences[index]:
            return [when]
    return []
