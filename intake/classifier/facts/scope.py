"""Where a hit sits: its clause and sentence, and hits grouped by label or sentence."""

from __future__ import annotations

from collections.abc import Iterable

from intake.classifier.document import Document
from intake.classifier.hits import Hit


def sentences_of(doc: Document, groups: Iterable[list[Hit]]) -> set[int]:
    """Numbers of the sentences holding the hits ("which sentences name a body")."""
    return {doc.sentences[h.first] for hits in groups for h in hits}


def by_label(hits: list[Hit]) -> dict[str, list[Hit]]:
    grouped: dict[str, list[Hit]] = {}
    for hit in hits:
        grouped.setdefault(hit.label, []).append(hit)
    return grouped


def clause_end(doc: Document, index: int, limit: int) -> int:
    """Last word of the clause holding word ``index``, at most ``limit`` words on."""
    clause = doc.clauses[index]
    last = index
    while last + 1 < len(doc) and doc.clauses[last + 1] == clause and last - index < limit:
        last += 1
    return last


def clause_start(doc: Document, index: int) -> int:
    clause = doc.clauses[index]
    first = index
    while first > 0 and doc.clauses[first - 1] == clause:
        first -= 1
    return first


def by_sentence(doc: Document, hits: list[Hit]) -> dict[int, list[Hit]]:
    grouped: dict[int, list[Hit]] = {}
    for hit in hits:
        grouped.setdefault(doc.sentences[hit.first], []).append(hit)
    return grouped
