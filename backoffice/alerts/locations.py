"""Wings and units named in a location or an answer: "B wing", "houseblock 2", segregation."""

from __future__ import annotations

import re

_WING = re.compile(r"(?<![\w])([A-Za-z]|\d{1,2})[\s-]?wing(?![\w])", re.IGNORECASE)
_WING_AFTER = re.compile(r"(?<![\w])wing\s+([A-Za-z]|\d{1,2})(?![\w])", re.IGNORECASE)
_HOUSEBLOCK = re.compile(r"(?<![\w])house\s?block\s*(\d{1,2}|[A-Za-z])(?![\w])", re.IGNORECASE)
_UNITS = (
    (
        re.compile(r"(?<![\w])(seg|segregation|csu|care and separation)(?![\w])", re.I),
        "segregation",
    ),
    (re.compile(r"(?<![\w])(healthcare|health care|inpatients?)(?![\w])", re.I), "healthcare"),
)


def wings(text: str | None) -> list[str]:
    """The wings and units a location or an answer names: "B wing", "wing c" → "C wing";
    "houseblock 2"; "segregation"; "healthcare" ("a wing" is an article, not A wing)."""
    if not text:
        return []
    found = []
    for m in _WING.finditer(text):
        letter = m.group(1)
        if letter == "a":  # "moved to a wing": the article
            continue
        found.append(f"{letter.upper()} wing")
    found += [f"{m.group(1).upper()} wing" for m in _WING_AFTER.finditer(text)]
    found += [f"houseblock {m.group(1).upper()}" for m in _HOUSEBLOCK.finditer(text)]
    found += [unit for pattern, unit in _UNITS if pattern.search(text)]
    return list(dict.fromkeys(found))
