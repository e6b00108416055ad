"""Typo tolerance: a word the vocabulary does not know is replaced by a close vocabulary word.

Exact look-up comes first (a set); only unknown words of ``min_word_length`` or more letters are
compared, and only with targets that start with the same letter and have a similar length, using
rapidfuzz's optimal-string-alignment distance (a swapped pair of letters counts as one edit).
Results are cached per word, so a narrative re-classified on every keystroke costs almost nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz import process
from rapidfuzz.distance import OSA


class FuzzySettings(BaseModel):
    """``prompts/classifier/fuzzy.yaml``."""

    model_config = ConfigDict(extra="forbid")

    description: str = ""
    min_word_length: int = Field(5, ge=3)
    min_target_length: int = Field(6, ge=3)
    #: Largest edit distance allowed for a word of at least this many letters.
    max_distance: dict[int, int] = Field(default_factory=lambda: {5: 1, 8: 2})
    min_similarity: float = Field(0.8, gt=0, le=1)
    same_first_letter: bool = True
    #: Vocabulary words a misspelling is corrected to (each must appear in some pattern).
    targets: list[str] = Field(min_length=1)
    #: Real words that look like a typo of a vocabulary word and must be left alone.
    never_correct: list[str] = Field(default_factory=list)
    #: Vocabulary words that must never be produced by a correction.
    never_target: list[str] = Field(default_factory=list)


class FuzzyCorrector:
    """Maps an unknown word to the vocabulary word it is most likely a typo of, or ``None``."""

    def __init__(self, settings: FuzzySettings, targets: Iterable[str], known: Iterable[str]):
        self.settings = settings
        banned = set(settings.never_target)
        self.targets = sorted(
            {t for t in targets if len(t) >= settings.min_target_length and t.isalpha()} - banned
        )
        self.known = frozenset(known) | frozenset(settings.never_correct)
        buckets: dict[str, list[str]] = defaultdict(list)
        for target in self.targets:
            buckets[target[0] if settings.same_first_letter else ""].append(target)
        self._buckets = dict(buckets)
        self._limits = sorted(settings.max_distance.items())
        self.correct = lru_cache(maxsize=65536)(self._correct)

    def candidate(self, word: str) -> bool:
        """Whether ``word`` is looked at all (long enough, letters only, not already known)."""
        return (
            len(word) >= self.settings.min_word_length and word not in self.known and word.isalpha()
        )

    def candidates(self, words: list[str]) -> list[int]:
        """Indexes of the words worth looking at (see :meth:`candidate`)."""
        shortest, known = self.settings.min_word_length, self.known
        return [
            i for i, w in enumerate(words) if len(w) >= shortest and w not in known and w.isalpha()
        ]

    def allowed_distance(self, length: int) -> int:
        allowed = 0
        for min_length, distance in self._limits:
            if length >= min_length:
                allowed = distance
        return allowed

    def choices_for(self, word: str) -> list[str]:
        key = word[0] if self.settings.same_first_letter else ""
        return self._buckets.get(key, [])

    def _correct(self, word: str) -> str | None:
        if not self.candidate(word):
            return None
        allowed = self.allowed_distance(len(word))
        choices = self.choices_for(word)
        if not allowed or not choices:
            return None
        best = process.extractOne(word, choices, scorer=OSA.distance, score_cutoff=allowed)
        if best is None:
            return None
        target, distance, _ = best
        if 1 - distance / max(len(word), len(target)) < self.settings.min_similarity:
            return None
        return target
