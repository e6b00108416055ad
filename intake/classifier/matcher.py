"""Find every vocabulary phrase in a document in one pass over its words.

Phrases are indexed by their first word (or first two words, so phrases opening with "the" are
not all tried at every "the"); at each word only the phrases indexed under it are tried. Within
one vocabulary file a hit lying inside a longer hit is dropped, so "Scottish Public Services
Ombudsman" is not also read as "ombudsman", and ``shadow`` entries exist only to do that.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from intake.classifier.document import Document
from intake.classifier.patterns import Item
from intake.classifier.vocabulary_data import Phrase, vocabulary


@dataclass(frozen=True, slots=True)
class Hit:
    """One phrase found: words ``first``..``last`` (inclusive) of the document."""

    lexicon: str
    label: str
    stands_for: str
    first: int
    last: int
    start: int
    end: int
    gapped: bool = False


_Entry = tuple[Phrase, tuple[Item, ...]]


@dataclass(slots=True)
class _Index:
    unigram: dict[str, list[_Entry]] = field(default_factory=dict)
    bigram: dict[tuple[str, str], list[_Entry]] = field(default_factory=dict)
    prefix: dict[str, list[_Entry]] = field(default_factory=dict)
    numeric: list[_Entry] = field(default_factory=list)


@cache
def _index() -> _Index:
    unigram: dict[str, list[_Entry]] = defaultdict(list)
    bigram: dict[tuple[str, str], list[_Entry]] = defaultdict(list)
    prefix: dict[str, list[_Entry]] = defaultdict(list)
    numeric: list[_Entry] = []
    for phrase in vocabulary().phrases:
        items = phrase.items
        entry = (phrase, items)
        first = items[0]
        second = items[1] if len(items) > 1 else None
        if first.kind == "prefix":
            for p in first.prefixes:
                prefix[p[:3]].append(entry)
        elif first.kind == "class":
            numeric.append(entry)
        elif second is not None and second.kind in ("word", "exact") and not second.optional:
            for a in first.first_keys():
                for b in second.first_keys():
                    bigram[(a, b)].append(entry)
        else:
            for a in first.first_keys():
                unigram[a].append(entry)
    return _Index(dict(unigram), dict(bigram), dict(prefix), numeric)


def _fits(item: Item, doc: Document, j: int) -> bool:
    kind = item.kind
    if kind == "word":
        return doc.words[j] in item.words or doc.bases[j] in item.words
    if kind == "exact":
        original = doc.originals[j]
        return original in item.words or original.removesuffix("'s") in item.words
    if kind == "prefix":
        return doc.words[j].startswith(item.prefixes)
    if item.name == "any":
        return True
    word = doc.words[j]
    if not word.isdigit():
        return False
    return item.name == "num" or 10 <= int(word) <= 17


def _match(items: tuple[Item, ...], k: int, doc: Document, j: int, sent: int) -> int:
    """Index of the last word matched by ``items[k:]`` starting at word ``j``, or -1.

    Returns ``j - 1`` when ``items[k:]`` matches no word at all (only optional items left).
    """
    n = len(doc.words)
    while k < len(items):
        item = items[k]
        if item.kind == "gap":
            for g in range(item.gap + 1):
                if g and (j + g - 1 >= n or doc.sentences[j + g - 1] != sent):
                    break
                end = _match(items, k + 1, doc, j + g, sent)
                if end >= j + g:
                    return end
            return -1
        if item.kind == "group" or item.optional:
            return _match_choice(items, k, doc, j, sent)
        if j >= n or doc.sentences[j] != sent or not _fits(item, doc, j):
            return -1
        k += 1
        j += 1
    return j - 1


def _match_choice(items: tuple[Item, ...], k: int, doc: Document, j: int, sent: int) -> int:
    item, rest = items[k], items[k + 1 :]
    alts = item.alts if item.kind == "group" else ((item.required(),),)
    # A match of no words ends at j - 1 (never -1: the first word of a phrase is plain).
    for alt in alts:
        end = _match(alt + rest, 0, doc, j, sent)
        if end >= j - 1:
            return end
    if item.optional:
        return _match(rest, 0, doc, j, sent)
    return -1


def _candidates(doc: Document, i: int, index: _Index) -> list[_Entry]:
    word, base = doc.words[i], doc.bases[i]
    found = list(index.unigram.get(word, ()))
    if base != word:
        found += index.unigram.get(base, ())
    if i + 1 < len(doc.words) and doc.sentences[i + 1] == doc.sentences[i]:
        nexts = {doc.words[i + 1], doc.bases[i + 1]}
        for a in {word, base}:
            for b in nexts:
                found += index.bigram.get((a, b), ())
    if len(word) >= 3:
        found += index.prefix.get(word[:3], ())
    if word.isdigit():
        found += index.numeric
    return found


def find_hits(doc: Document) -> dict[str, list[Hit]]:
    """Every phrase in ``doc``, grouped by vocabulary file, nested hits dropped."""
    index = _index()
    by_lexicon: dict[str, list[Hit]] = defaultdict(list)
    for i in range(len(doc.words)):
        seen: set[int] = set()
        sent = doc.sentences[i]
        for phrase, items in _candidates(doc, i, index):
            key = id(items)
            if key in seen:
                continue
            seen.add(key)
            last = _match(items, 0, doc, i, sent)
            if last >= i:
                hit = Hit(
                    phrase.lexicon,
                    phrase.label,
                    phrase.stands_for,
                    i,
                    last,
                    doc.starts[i],
                    doc.ends[last],
                    phrase.gapped,
                )
                by_lexicon[phrase.lexicon].append(hit)
    return {name: _outermost(hits) for name, hits in by_lexicon.items()}


def _outermost(hits: list[Hit]) -> list[Hit]:
    """Drop hits inside a longer hit and hits a shadow covers; no repeats.

    A hit is hidden by a longer one of the same label or by any longer phrase without a gap; a
    loose phrase with a gap ("lost ... job") hides only its own label. ``shadow`` hides every
    hit it covers, ``shadow:<label>`` only hits of that label (its own span included).
    """
    shadows = [h for h in hits if h.label.startswith("shadow")]
    ordered = sorted(
        (h for h in hits if not h.label.startswith("shadow")), key=lambda h: (h.first, -h.last)
    )
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
        if key not in seen and not _shadowed(hit, shadows):
            seen.add(key)
            kept.append(hit)
    return kept


def _shadowed(hit: Hit, shadows: list[Hit]) -> bool:
    return any(
        s.first <= hit.first
        and hit.last <= s.last
        and (s.label == "shadow" or s.label == f"shadow:{hit.label}")
        for s in shadows
    )
