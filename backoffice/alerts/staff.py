"""Staff described: the name after a title, grouped with rapidfuzz ("Pryce" joins "Price"), and
never a name close to the person's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

#: Two described names this close (rapidfuzz ratio of the normalised names) are one person.
SAME_STAFF = 80.0
#: A described name this close to a part of a person's name is taken to be theirs: dropped.
PERSON_NAME_NEAR = 80.0


#: Titles and ranks before a name, any case ("Officer Price", "mr price", "OSG Khan").
_TITLES = (
    r"mr|mrs|ms|miss|mx|dr|officer|off|governor|gov|guv|nurse|sister|sir|boss|sergeant|sgt|"
    r"so|po|cm|osg|dco|pco|manager|chaplain|doctor|custody\s+officer|supervising\s+officer"
)
_TITLED = re.compile(rf"(?<![\w])(?:{_TITLES})\.?\s+([A-Za-z][A-Za-z'’-]+)", re.IGNORECASE)
#: Words after a title, or in a description, that are not a name.
_NOT_NAME_WORDS = """a an the and or but so then than that this these those there here who what
    when where why how if as at on in into of off out up to too for from by with about after
    before is was were are be been has had have do did i me my he him his she her they them their
    we us our you your it its one two three four said told came went took put gave got moved
    stopped called shouted refused kept made left saw knew wrote started just never always still
    back later today yesterday night day morning evening office duty wing block unit landing cell
    seg segregation staff team nurse nurses officer officers governor governors gov manager
    managers man men woman women lady guy lad bloke screw screws dco dcos osg osgs some several
    all both other others each every any no none unknown skip not sure don't dont know remember
    name names senior principal custody prison prisons healthcare security mr mrs ms miss sir
    boss also lot lots few many"""
_NOT_NAMES = frozenset(_NOT_NAME_WORDS.split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_AFTER_TITLE = re.compile(r"\.?\s+([A-Za-z][A-Za-z'’-]+)")


def normal_name(text: str) -> str:
    """A described name as it is compared: lower case, letters only, a possessive 's gone."""
    value = default_process(text or "")
    value = re.sub(r"\b(\w+) s\b", r"\1", value)  # "price's" -> "price s" -> "price"
    return " ".join(w for w in value.split() if w.isalpha())


def _name_word(word: str) -> str | None:
    key = normal_name(word)
    if not key or " " in key or len(key) < 2 or key in _NOT_NAMES:
        return None
    return key


def staff_keys(text: str | None) -> list[str]:
    """The members of staff a description names, each as its normalised name: the name after
    a title ("Officer Price", "Mr Price", "officer price" → "price"); a short description
    without a title gives its one or two remaining words ("Dave" → "dave"). Any text in."""
    if not text:
        return []
    found = [k for m in _TITLED.finditer(text) if (k := _name_word(m.group(1)))]
    if found:
        return list(dict.fromkeys(found))
    words = [k for w in _WORD.findall(text) if (k := _name_word(w))]
    if 1 <= len(words) <= 2 and len(_WORD.findall(text)) <= 6:
        return [" ".join(words)]
    return []


def staff_from_evidence(narrative: str, evidence: Iterable[dict[str, Any]]) -> list[str]:
    """The names after the classifier's staff evidence in the account (its evidence is the
    title: "Officer"; the name follows it)."""
    found = []
    for item in evidence:
        if item.get("label") != "staff":
            continue
        start, end = item.get("start"), item.get("end")
        if not isinstance(start, int) or not isinstance(end, int) or end > len(narrative):
            continue
        if narrative[start:end] != item.get("matched"):
            continue  # offsets of another text: not trusted
        after = _AFTER_TITLE.match(narrative, end)
        if after and (key := _name_word(after.group(1))):
            found.append(key)
    return list(dict.fromkeys(found))


def _person_parts(names: Iterable[str | None]) -> set[str]:
    return {p for name in names for p in normal_name(name or "").split() if len(p) >= 2}


def is_a_persons_name(key: str, parts: set[str]) -> bool:
    """True when any word of a described name is (or is close to) a part of a person's name."""
    for word in key.split():
        for part in parts:
            if word == part or fuzz.ratio(word, part) >= PERSON_NAME_NEAR:
                return True
    return False


def group_names(keys: Iterable[str]) -> dict[str, str]:
    """Each normalised name to its group's name: the first seen of those within
    ``SAME_STAFF`` of each other (so "pryce" joins "price")."""
    groups: list[str] = []
    found: dict[str, str] = {}
    for key in keys:
        if key in found:
            continue
        match = next((g for g in groups if fuzz.ratio(key, g) >= SAME_STAFF), None)
        if match is None:
            groups.append(key)
            match = key
        found[key] = match
    return found
