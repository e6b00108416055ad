"""The narrative cut into words, with each word's offsets into the original text."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from itertools import accumulate

from intake.classifier.patterns import WORD_RE
from intake.classifier.result import MAX_TEXT_CHARS, ClassifierInputError

# One character in, one character out, so offsets never move: control and format characters
# become spaces, curly quotes and long dashes their plain forms.
_CLEAN_TABLE = {c: " " for c in (*range(0x00, 0x20), *range(0x7F, 0xA0))}
_CLEAN_TABLE |= {c: " " for c in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x2028, 0x2029)}
_CLEAN_TABLE |= {0x2018: "'", 0x2019: "'", 0x02BC: "'", 0x201C: '"', 0x201D: '"'}
_CLEAN_TABLE |= {0x2013: "-", 0x2014: "-", 0x2212: "-"}
_CLEAN_TABLE[ord("\n")] = "\n"  # line breaks end a sentence; kept

# The same words as WORD_RE for plain ASCII text, found about twice as fast.
ASCII_WORD_RE = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*|[0-9]+")
# Split on it: [between, word, between, word, ..., between], with no match objects to build.
_ASCII_SPLIT = re.compile(f"({ASCII_WORD_RE.pattern})")
_POSSESSIVE = re.compile(r"'[sS](?![^\W\d_])")
_SENTENCE_END = re.compile(r"[.!?\n\u2022]")
# Clause marks; a hyphen only counts with a space beside it (see _clause_marks).
_CLAUSE_END = re.compile(r"[,;:()\[\]\"-]|\.\.")
#: Words that open a new clause (a threat or a topic stops before them).
CLAUSE_WORDS = frozenset({"and", "but", "then", "so", "because", "cos", "coz", "while", "whereas"})


def checked_text(text: object) -> str:
    """Check the input and return it with control characters made spaces (same length)."""
    if not isinstance(text, str):
        raise ClassifierInputError(f"text must be a string, not {type(text).__name__}")
    if len(text) > MAX_TEXT_CHARS:
        raise ClassifierInputError(
            f"text is {len(text):,} characters; the limit is {MAX_TEXT_CHARS:,}"
        )
    cleaned = text.translate(_CLEAN_TABLE)
    if not cleaned.strip():
        raise ClassifierInputError("text is empty")
    return cleaned


@dataclass(slots=True)
class Document:
    """Parallel lists, one entry per word (faster than one object per word)."""

    text: str  # the original text
    clean: str  # same length, control characters as spaces
    words: list[str]  # lower-case, typos corrected
    bases: list[str]  # ``words`` without a possessive 's
    originals: list[str]  # as typed (after cleaning)
    starts: list[int]
    ends: list[int]
    sentences: list[int]  # sentence number of each word
    clauses: list[int]  # clause number of each word (clauses never cross sentences)
    #: The distinct words, made on first use by :meth:`holds_any` (after typos are corrected).
    distinct: frozenset[str] | None = None

    def __len__(self) -> int:
        return len(self.words)

    def holds_any(self, words: AbstractSet[str]) -> bool:
        """Whether any of ``words`` is one of the document's: a pass over every word for a
        rare word ("joked", a month's name) is skipped when the text has none."""
        if self.distinct is None:
            self.distinct = frozenset(self.words)
        return not self.distinct.isdisjoint(words)

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Character offsets of words ``first`` up to and including ``last``."""
        return self.starts[first], self.ends[last]

    def sentence_range(self, index: int) -> tuple[int, int]:
        """Word indexes [first, last] of the sentence holding word ``index``."""
        sent = self.sentences[index]
        first = last = index
        while first > 0 and self.sentences[first - 1] == sent:
            first -= 1
        while last + 1 < len(self.words) and self.sentences[last + 1] == sent:
            last += 1
        return first, last


def tokenize(text: str, clean: str) -> Document:
    """Cut ``clean`` into words and number its sentences and clauses."""
    originals, starts, ends = _words(clean)
    words = [w.lower() for w in originals]
    bases = list(words)
    for m in _POSSESSIVE.finditer(clean):  # "officer's" is also read as "officer"
        i = bisect_left(ends, m.end())
        if i < len(ends) and ends[i] == m.end() and words[i].endswith("'s"):
            bases[i] = words[i][:-2]
    marks = (m.start() for m in _SENTENCE_END.finditer(clean))
    sentence_marks = [at for at in marks if not _abbreviation(clean, at)]
    sentences = _number(starts, sentence_marks, [False] * len(words))
    opens = [w in CLAUSE_WORDS for w in words]
    clauses = _number(starts, sorted(sentence_marks + _clause_marks(clean)), opens)
    return Document(text, clean, words, bases, originals, starts, ends, sentences, clauses)


#: A full stop after an initial or a title ("Pr L. his insulin", "Mr D. Osei") ends no sentence.
_TITLE_BEFORE = re.compile(r"(?:^|[^\w.])(?:[A-Z]|Mr|Mrs|Ms|Dr|Pr|Det|Off|Prof)$")


def _abbreviation(clean: str, at: int) -> bool:
    return clean[at] == "." and bool(_TITLE_BEFORE.search(clean, max(0, at - 6), at))


def _words(clean: str) -> tuple[list[str], list[int], list[int]]:
    """The words as typed, with their start and end offsets."""
    if clean.isascii():
        parts = _ASCII_SPLIT.split(clean)
        offsets = list(accumulate(map(len, parts), initial=0))
        return parts[1::2], offsets[1:-1:2], offsets[2:-1:2]
    spans = [m.span() for m in WORD_RE.finditer(clean)]
    return [clean[a:b] for a, b in spans], [a for a, _ in spans], [b for _, b in spans]


def _clause_marks(clean: str) -> list[int]:
    """Offsets of clause breaks: punctuation, "..", and a hyphen with a space beside it."""
    last = len(clean) - 1
    return [
        at
        for m in _CLAUSE_END.finditer(clean)
        for at in (m.start(),)
        if clean[at] != "-"
        or (at > 0 and clean[at - 1].isspace())
        or (at < last and clean[at + 1].isspace())
    ]


def _number(starts: list[int], marks: list[int], opens: list[bool]) -> list[int]:
    """Number the spans between marks: a word starts a new span when a mark lies between it
    and the word before (however many), or when it opens one itself ("and", "but")."""
    steps = list(opens)
    for mark in marks:  # far fewer marks than words
        after = bisect_right(starts, mark)
        if after < len(steps):
            steps[after] = True
    if steps:
        steps[0] = False
    return list(accumulate(steps, initial=0))[1:]
