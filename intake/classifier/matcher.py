"""Find every vocabulary phrase in a document in one pass over its words.

Phrases are indexed by their first word (or first two words, so phrases opening with "the" are
not all tried at every "the"); at each word only the phrases indexed under it are tried. Which
of the hits found stand (nesting, shadows, idioms) is ``intake.classifier.hits``.
"""

from __future__ import annotations

from collections import Counter, OrderedDict, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate
from threading import Lock

from intake.classifier.document import Document
from intake.classifier.hits import Hit, standing
from intake.classifier.lexicon import Phrase, vocabulary
from intake.classifier.patterns import Item

# A phrase, its items, and the word sets of which its sentence must hold one each, as a bit
# mask over those sets (bit n: set n; see _Index.need_bits).
_Entry = tuple[Phrase, tuple[Item, ...], int, int]


# What may start at one word: phrases indexed under it alone, and phrases indexed under it and
# the next word (by that next word). Phrases opening with a prefix are looked up apart.
_Starts = tuple[list[_Entry], dict[str, list[_Entry]]]


@dataclass(slots=True)
class _Index:
    prefix: dict[str, list[_Entry]] = field(default_factory=dict)
    numeric: list[_Entry] = field(default_factory=list)
    #: Word -> its :data:`_Starts`, for every word some phrase may start at.
    starts: dict[str, _Starts] = field(default_factory=dict)
    #: Word -> the bit mask of the word sets (a phrase's later words) that hold it.
    need_bits: dict[str, int] = field(default_factory=dict)
    #: Every word set's bit.
    every: int = 0

    def lacking(self, words: set[str]) -> int:
        """The bit mask of the word sets ``words`` hold none of. Positive (all sets' bits less
        those held), unlike ``~``: a negative mask makes every ``&`` with it work through all
        its bits."""
        held = 0
        need_bits = self.need_bits
        for word in words & need_bits.keys():
            held |= need_bits[word]
        return self.every ^ held


@cache
def _index() -> _Index:
    phrases = vocabulary().phrases
    need_bit = _need_bits(phrases)
    unigram: dict[str, list[_Entry]] = defaultdict(list)
    seconds: dict[str, dict[str, list[_Entry]]] = defaultdict(lambda: defaultdict(list))
    prefix: dict[str, list[_Entry]] = defaultdict(list)
    numeric: list[_Entry] = []
    for phrase in phrases:
        items = phrase.items
        needs = 0
        for item in items[1:]:
            if item.heads is not None:
                needs |= need_bit[item.heads]
        first = items[0]
        second = items[1] if len(items) > 1 else None
        # How many leading items the look-up that finds the phrase has matched already: plain
        # words (the word, or its possessive's base), not words of exact case.
        plain = first.kind == "word"
        entry = (phrase, items, needs, int(plain))
        if first.kind == "prefix":
            for p in first.prefixes:
                prefix[p[:3]].append(entry)
        elif first.kind == "class":
            numeric.append(entry)
        elif second is not None and second.kind in ("word", "exact") and not second.optional:
            entry = (phrase, items, needs, plain + (plain and second.kind == "word"))
            for a in first.first_keys():
                for b in second.first_keys():
                    seconds[a][b].append(entry)
        else:
            for a in first.first_keys():
                unigram[a].append(entry)
    starts = {w: (unigram.get(w, []), dict(seconds.get(w, {}))) for w in {*unigram, *seconds}}
    words_bits: dict[str, int] = defaultdict(int)
    for heads, bit in need_bit.items():
        for word in heads:
            words_bits[word] |= bit
    every = sum(need_bit.values())
    return _Index(dict(prefix), numeric, starts, dict(words_bits), every)


def _need_bits(phrases: Sequence[Phrase]) -> dict[frozenset[str], int]:
    """One bit per word set a phrase's later words must come from, the sets most phrases need
    the lowest. Masks are still wide (a common word is in thousands of sets; the phrases tried
    on the benchmark's narratives need bits up to about 1,200): hence a positive mask of what a
    sentence lacks (``_Index.lacking``), which an ``&`` with a narrow mask reads only so far."""
    uses: Counter[frozenset[str]] = Counter(
        i.heads for phrase in phrases for i in phrase.items[1:] if i.heads is not None
    )
    return {heads: 1 << n for n, (heads, _) in enumerate(uses.most_common())}


def _fits(item: Item, doc: Document, j: int) -> bool:
    """Whether word ``j`` fits a prefix, class or exact-case item (plain words are inline)."""
    kind = item.kind
    if kind == "exact":
        original = doc.originals[j]
        return original in item.words or original.removesuffix("'s") in item.words
    if kind == "prefix":
        return doc.words[j].startswith(item.prefixes)
    if item.name == "any":
        return True
    word = doc.words[j]
    # isdecimal, not isdigit: "¹⁶" and "①" are digits that int() refuses.
    if not word.isdecimal():
        return False
    return item.name == "num" or (len(word) <= 2 and 10 <= int(word) <= 17)


def _match(items: tuple[Item, ...], k: int, doc: Document, j: int, sent: int) -> int:
    """Index of the last word matched by ``items[k:]`` starting at word ``j``, or -1.

    Returns ``j - 1`` when ``items[k:]`` matches no word at all (only optional items left).
    """
    words, bases, sentences = doc.words, doc.bases, doc.sentences
    n, size = len(words), len(items)
    while k < size:
        item = items[k]
        kind = item.kind
        if kind == "group":
            return _match_choice(items, k, doc, j, sent)
        if kind == "gap":
            return _match_gap(items, k, doc, j, sent)
        if j >= n or sentences[j] != sent:
            return -1
        if kind == "word":
            if words[j] not in item.words and bases[j] not in item.words:
                return -1
        elif not _fits(item, doc, j):
            return -1
        k += 1
        j += 1
    return j - 1


def _match_gap(items: tuple[Item, ...], k: int, doc: Document, j: int, sent: int) -> int:
    """Skip up to ``gap`` words (within the sentence), then match the rest."""
    words, bases, sentences = doc.words, doc.bases, doc.sentences
    n = len(words)
    heads = items[k + 1].heads
    for g in range(items[k].gap + 1):
        at = j + g
        if g and (at - 1 >= n or sentences[at - 1] != sent):
            break
        if heads is not None and (at >= n or (words[at] not in heads and bases[at] not in heads)):
            continue
        end = _match(items, k + 1, doc, at, sent)
        if end >= at:
            return end
    return -1


def _match_choice(items: tuple[Item, ...], k: int, doc: Document, j: int, sent: int) -> int:
    item = items[k]
    inside = j < len(doc.words) and doc.sentences[j] == sent
    word = doc.words[j] if inside else ""
    base = doc.bases[j] if inside else ""
    # A match of no words ends at j - 1 (never -1: the first word of a phrase is plain).
    for alt in item.alts:
        first = alt[0]
        heads = first.heads
        if heads is not None and word not in heads and base not in heads:
            continue
        if len(alt) == 1 and first.kind == "word":
            # one plain word ("(the)?"), which ``heads`` holds: the rest goes on after it
            end = _match(items, k + 1, doc, j + 1, sent)
        else:
            end = _match(alt + items[k + 1 :], 0, doc, j, sent)
        if end >= j - 1:
            return end
    if item.optional:
        return _match(items, k + 1, doc, j, sent)
    return -1


def _candidates(doc: Document, index: _Index) -> Iterator[tuple[int, Sequence[_Entry]]]:
    """Word by word, the phrases that may start there, in the order they are tried: a word
    may come more than once (phrases under it alone, under it and the next word, by prefix, by
    number). The index's own lists: never changed."""
    words, bases, sents = doc.words, doc.bases, doc.sentences
    same = [a == b for a, b in zip(sents, [*sents[1:], -1], strict=True)]
    starts, prefix, numeric = index.starts, index.prefix, index.numeric
    opens = tuple(prefix)  # the first letters of every prefix phrase's prefixes
    around = set() if words == bases else _around_possessives(words, bases, same)
    for i, word in enumerate(words):
        if i in around:
            yield i, _with_base_variants(doc, i, index, same)
            continue
        here = starts.get(word)
        if here is not None:
            alone, pairs = here
            if alone:
                yield i, alone
            if pairs and same[i]:
                both = pairs.get(words[i + 1])
                if both:
                    yield i, both
        if opens and word.startswith(opens) and word[:3] in prefix:
            yield i, prefix[word[:3]]
        if numeric and word.isdecimal():
            yield i, numeric


def _around_possessives(words: list[str], bases: list[str], same: list[bool]) -> set[int]:
    """A possessive changes the look-ups at its own word and at the word before it."""
    changed = [i for i, (w, b) in enumerate(zip(words, bases, strict=True)) if w != b]
    return {i for c in changed for i in (c - 1, c) if i == c or (i >= 0 and same[i])}


def _with_base_variants(doc: Document, i: int, index: _Index, same: list[bool]) -> list[_Entry]:
    """Every phrase that may start at word ``i``, a possessive's base read as well, once each."""
    words = doc.words
    word = words[i]
    found: list[_Entry] = []
    here = index.starts.get(word)
    if here is not None:
        alone, pairs = here
        found += alone
        if pairs and same[i]:
            found += pairs.get(words[i + 1], ())
    if index.prefix and word.startswith(tuple(index.prefix)) and word[:3] in index.prefix:
        found += index.prefix[word[:3]]
    if index.numeric and word.isdecimal():
        found += index.numeric
    merged = {id(e[1]): e for e in [*found, *_base_variants(doc, i, index, same[i])]}
    return list(merged.values())


def _base_variants(doc: Document, i: int, index: _Index, same: bool) -> list[_Entry]:
    """Phrases reached through a possessive ("officer's" also reads as "officer")."""
    word, base = doc.words[i], doc.bases[i]
    starts = index.starts
    out: list[_Entry] = []
    if base != word:
        out += starts.get(base, _NO_STARTS)[0]
    if same:
        nxt, nxt_base = doc.words[i + 1], doc.bases[i + 1]
        for a, b in {(word, nxt_base), (base, nxt), (base, nxt_base)} - {(word, nxt)}:
            out += starts.get(a, _NO_STARTS)[1].get(b, ())
    return out


_NO_STARTS: _Starts = ([], {})


# (phrase, first, last) of each phrase found in one sentence, counted from the sentence's start.
_Found = tuple[tuple[Phrase, int, int], ...]


def find_hits(doc: Document) -> dict[str, list[Hit]]:
    """Every phrase in ``doc``, grouped by vocabulary file, nested and shadowed hits dropped.

    Phrases never cross a sentence, so each sentence's hits are remembered: a narrative
    re-classified as it is typed only re-matches the sentences that changed.
    """
    by_lexicon: dict[str, list[Hit]] = defaultdict(list)
    starts, ends = doc.starts, doc.ends
    spans = _sentence_spans(doc)
    for (first, _), found in zip(spans, _SENTENCES.hits(doc, spans), strict=True):
        for phrase, a, b in found:
            by_lexicon[phrase.lexicon].append(
                Hit(
                    phrase.lexicon,
                    phrase.label,
                    phrase.stands_for,
                    first + a,
                    first + b,
                    starts[first + a],
                    ends[first + b],
                    phrase.gapped,
                )
            )
    return standing(by_lexicon)


def _sentence_spans(doc: Document) -> list[tuple[int, int]]:
    """(first, last) word index of each sentence (sentences are numbered 0, 1, 2 ...)."""
    sentences = doc.sentences
    cuts = [i for i in range(1, len(sentences)) if sentences[i] != sentences[i - 1]]
    firsts = [0, *cuts] if sentences else []
    lasts = [c - 1 for c in cuts] + ([len(sentences) - 1] if sentences else [])
    return list(zip(firsts, lasts, strict=True))


class _SentenceCache:
    """Hits of recently seen sentences, keyed by their words as typed (thread-safe LRU)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._store: OrderedDict[tuple[str, ...], _Found] = OrderedDict()
        self._lock = Lock()

    def hits(self, doc: Document, spans: list[tuple[int, int]]) -> list[_Found]:
        """The hits of each sentence, matching only those not seen recently."""
        # The words as typed fix the lower-cased, typo-corrected words used for matching.
        originals = doc.originals
        keys = [tuple(originals[first : last + 1]) for first, last in spans]
        with self._lock:
            results = [self._store.get(key) for key in keys]
            for key, found in zip(keys, results, strict=True):
                if found is not None:
                    self._store.move_to_end(key)
        todo = [n for n, found in enumerate(results) if found is None]
        if not todo:
            return results  # type: ignore[return-value]
        matched = _match_sentences(doc, [spans[n] for n in todo], len(todo) == len(spans))
        with self._lock:
            for n, found in zip(todo, matched, strict=True):
                results[n] = self._store[keys[n]] = found
            while len(self._store) > self.size:
                self._store.popitem(last=False)
        return results  # type: ignore[return-value]

    def clear(self) -> None:
        with self._lock:
            self._store.clear()


_SENTENCES = _SentenceCache(size=8192)


def clear_cache() -> None:
    """Forget remembered sentences (for measuring the cold path)."""
    _SENTENCES.clear()


def _sub_document(doc: Document, spans: list[tuple[int, int]]) -> Document:
    """Only the given sentences, renumbered 0, 1, 2 ... (offsets are not needed to match)."""
    words: list[str] = []
    bases: list[str] = []
    originals: list[str] = []
    sentences: list[int] = []
    for number, (first, last) in enumerate(spans):
        end = last + 1
        words += doc.words[first:end]
        bases += doc.bases[first:end]
        originals += doc.originals[first:end]
        sentences += [number] * (end - first)
    zeros = [0] * len(words)
    return Document("", "", words, bases, originals, zeros, zeros, sentences, zeros)


def _match_sentences(doc: Document, spans: list[tuple[int, int]], whole: bool) -> list[_Found]:
    """The hits of each sentence in ``spans``; ``whole``: the spans are all of ``doc``."""
    sub = doc if whole else _sub_document(doc, spans)
    words, bases, sentences = sub.words, sub.bases, sub.sentences
    offsets = [first for first, _ in spans] if whole else _sub_offsets(spans)
    bounds = zip(offsets, [*offsets[1:], len(words)], strict=True)
    index = _index()
    # A cheap test before matching: the sentence holds one word of each set a phrase needs.
    missing = [index.lacking({*words[a:b], *bases[a:b]}) for a, b in bounds]
    found: list[list[tuple[Phrase, int, int]]] = [[] for _ in spans]
    for i, candidates in _candidates(sub, index):
        sent = sentences[i]
        lacking = missing[sent]
        for phrase, items, needs, skip in candidates:
            if needs & lacking:
                continue
            last = _match(items, skip, sub, i + skip, sent)
            if last >= i:
                base = offsets[sent]
                found[sent].append((phrase, i - base, last - base))
    return [tuple(hits) for hits in found]


def _sub_offsets(spans: list[tuple[int, int]]) -> list[int]:
    """Where each sentence starts in the sub-document of ``spans``."""
    return list(accumulate((last - first + 1 for first, last in spans[:-1]), initial=0))
