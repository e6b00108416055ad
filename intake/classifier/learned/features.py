"""The features the learned second opinion reads: words, word pairs and letter sequences.

Training (scikit-learn) and classifying (numpy) use these same functions, so a narrative is
read the same way by both. Letter sequences are taken within words, padded by a space either
side ("char_wb" in scikit-learn's terms), so "grassed", "grassing" and "grasss" share most of
theirs: that is what lets a misspelling or a new form of a known word count.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from itertools import pairwise

WORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
#: Lengths of the letter sequences taken within each word.
CHAR_SIZES = (3, 4, 5)


def words(text: str) -> list[str]:
    """Lower-cased words, with apostrophes kept inside them ("didn't", "officer's")."""
    return WORD_RE.findall(text.lower().replace("\u2019", "'"))


@lru_cache(maxsize=65_536)
def letter_grams(word: str) -> tuple[str, ...]:
    """Letter sequences of one word, padded with a space at each end."""
    padded = f" {word} "
    return tuple("#" + padded[i : i + n] for n in CHAR_SIZES for i in range(len(padded) - n + 1))


def feature_counts(text: str) -> Counter[str]:
    """How often each feature occurs in ``text``."""
    tokens = words(text)
    counts: Counter[str] = Counter(tokens)
    counts.update(f"{a} {b}" for a, b in pairwise(tokens))
    for word, n in Counter(tokens).items():
        for gram in letter_grams(word):
            counts[gram] += n
    return counts


def analyse(text: str) -> list[str]:
    """Every feature occurrence, for scikit-learn's ``analyzer=``."""
    return list(feature_counts(text).elements())
