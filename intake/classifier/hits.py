"""A phrase found in a document (``Hit``), and which of them stand.

Within one vocabulary file a hit lying inside a longer hit is dropped, so "Scottish Public
Services Ombudsman" is not also read as "ombudsman"; ``shadow`` entries exist only to hide the
hits they cover; an idiom (``idioms.yaml``) hides what it holds in every file.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

#: The file whose phrases (idioms) hide what they hold in every other file.
IDIOMS = "idioms"


@dataclass(slots=True)
class Hit:
    """One phrase found: words ``first``..``last`` (inclusive) of the document.

    Read-only by convention (use ``dataclasses.replace``); not frozen, because a frozen
    dataclass is five times slower to build and a long narrative yields a thousand hits.
    """

    lexicon: str
    label: str
    stands_for: str
    first: int
    last: int
    start: int
    end: int
    gapped: bool = False


def standing(by_lexicon: dict[str, list[Hit]]) -> dict[str, list[Hit]]:
    """Each file's hits with nested and shadowed ones dropped, idioms shadowing every file."""
    idioms = [replace(h, label="shadow") for h in by_lexicon.pop(IDIOMS, [])]
    return {name: _outermost([*hits, *idioms]) for name, hits in by_lexicon.items()}


def _outermost(hits: list[Hit]) -> list[Hit]:
    """Drop hits inside a longer hit and hits a shadow covers; no repeats.

    A hit is hidden by a longer one of the same label or by any longer phrase without a gap; a
    loose phrase with a gap ("lost ... job") hides only its own label. ``shadow`` hides every
    hit it covers, ``shadow:<label>`` only hits of that label (its own span included).
    """
    ordered = [h for h in hits if not h.label.startswith("shadow")]
    # most files have no shadow among their hits: then nothing is shadowed
    shadows = _shadows_by_word(hits) if len(ordered) < len(hits) else None
    ordered.sort(key=lambda h: (h.first, -h.last))
    kept: list[Hit] = []
    cover: tuple[int, int] = (-1, -1)
    cover_by_label: dict[str, tuple[int, int]] = {}
    seen: set[tuple[int, int, str]] = set()
    for hit in ordered:
        span = (hit.first, hit.last)
        same = cover_by_label.get(hit.label, (-1, -1))
        if (hit.last <= cover[1] and span != cover) or (hit.last <= same[1] and span != same):
            continue
        if not hit.gapped and hit.last > cover[1]:
            cover = span
        if hit.last > same[1]:
            cover_by_label[hit.label] = span
        key = (hit.first, hit.last, hit.label)
        if key not in seen and not (shadows and _shadowed(hit, shadows)):
            seen.add(key)
            kept.append(hit)
    return kept


def _shadowed(hit: Hit, shadows: dict[int, list[Hit]]) -> bool:
    return any(
        hit.last <= s.last and (s.label == "shadow" or s.label == f"shadow:{hit.label}")
        for s in shadows.get(hit.first, ())
    )


def _shadows_by_word(hits: list[Hit]) -> dict[int, list[Hit]]:
    """Shadow hits under each word they cover (shadows are short: this stays linear)."""
    covering: dict[int, list[Hit]] = defaultdict(list)
    for hit in hits:
        if hit.label.startswith("shadow"):
            for i in range(hit.first, hit.last + 1):
                covering[i].append(hit)
    return covering
