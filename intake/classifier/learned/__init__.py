"""The learned second opinion: a linear model over words and letter sequences (issue 13).

Rules alone do not generalise from a few hundred texts; this model, trained by
``python -m intake.classifier.learned.train`` on the labelled sets in ``data/eval``, reads the
same narrative and gives a probability per head (``sanction``, ``risk``, ``category:<name>``)
with the words that weighed most. It is scored with numpy from ``model.npz``; scikit-learn is only
needed to train it. It never takes away what the rules found (see the classifier's combination).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from itertools import accumulate, chain, repeat
from pathlib import Path

import numpy as np

from intake.classifier.learned.features import LETTER_WEIGHT, is_letters, letter_grams, words
from intake.core.vocabulary import SanctionCategory

#: Words whose known features are remembered (a narrative's words recur; the cache stays small).
_WORD_CACHE_SIZE = 50_000

MODEL_PATH = Path(__file__).with_name("model.npz")

#: The heads of the detriment categories are named ``category:<category>``.
CATEGORY_HEAD = "category:"


def category_head(category: SanctionCategory) -> str:
    """The name of the head that reads ``category`` (as training names it)."""
    return f"{CATEGORY_HEAD}{category.value}"


@dataclass(frozen=True, slots=True)
class Opinion:
    """Probabilities per head, and the text's features to say which weighed most."""

    heads: tuple[str, ...]
    probabilities: np.ndarray
    thresholds: np.ndarray
    #: The model's feature names and weights; which features the text has, and their values.
    names: list[str]
    weights: np.ndarray
    present: np.ndarray
    values: np.ndarray
    #: How many of ``present`` are whole words (they come first; letter sequences follow).
    words: int = 0

    def probability(self, head: str) -> float:
        return float(self.probabilities[self.heads.index(head)])

    def says(self, head: str) -> bool:
        i = self.heads.index(head)
        return bool(self.probabilities[i] >= self.thresholds[i])

    def weighing(self, head: str, k: int = 3) -> list[str]:
        """The whole words (not letter sequences) that pushed ``head`` up the most."""
        present = self.present[: self.words]
        column = self.values[: self.words] * self.weights[present, self.heads.index(head)]
        order = np.argsort(-column, kind="stable")[:k]  # ties: the feature listed first
        return [self.names[present[i]] for i in order.tolist() if column[i] > 0]


class SecondOpinion:
    def __init__(self, path: Path = MODEL_PATH) -> None:
        with np.load(path, allow_pickle=False) as data:
            names = data["features"].tolist()
            idf = data["idf"]
            weights = data["weights"]
            self.bias = data["bias"]
            self.thresholds = data["thresholds"]
            self.heads = tuple(data["heads"].tolist())
        self.names = names
        #: Each feature's weights and then its idf in one row of 16 floats, each row on its own
        #: 64-byte cache line: a narrative's few hundred features come from memory in one
        #: fetch each (15 weights alone straddle two lines, and the idf was a third).
        self.rows = _aligned_rows(weights, idf)
        self.weights = self.rows[:, :-1]
        #: Features from this one on are letter sequences (the second block; words come first).
        self.first_letters = _first_letters(names)
        self.index = {name: i for i, name in enumerate(names)}
        self._table = _WordTable(names, self._features_of)
        #: Features of words the table does not hold, worked out when met.
        self._known: dict[str, tuple[int, ...]] = {}

    def known_features(self, text: str) -> Counter[int]:
        """How often each of the model's features occurs in ``text`` (the same count as
        :func:`~intake.classifier.learned.features.feature_counts`, for known features only)."""
        idx, tf = self._counts(words(text))
        return Counter(dict(zip(idx.tolist(), tf.tolist(), strict=True)))

    def forget(self) -> None:
        """Forget remembered words (benchmarks measure the cold path)."""
        self._known.clear()

    def _counts(self, tokens: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """The features present (ascending) and how often each occurs."""
        table = self._table
        rows = np.fromiter(map(table.rows.get, tokens, repeat(-1)), np.intp, len(tokens))
        unknown = [self._unknown(t) for t, r in zip(tokens, rows.tolist(), strict=True) if r < 0]
        found = [table.features(rows), table.pairs(rows)]
        if unknown:
            found.append(np.fromiter(chain.from_iterable(unknown), dtype=np.intp))
        return np.unique(np.concatenate(found), return_counts=True)

    def _unknown(self, word: str) -> tuple[int, ...]:
        known = self._known.get(word)
        if known is None:
            if len(self._known) >= _WORD_CACHE_SIZE:
                self._known.clear()
            known = self._known[word] = self._features_of(word)
        return known

    def _features_of(self, word: str) -> tuple[int, ...]:
        index = self.index
        return tuple(index[g] for g in (word, *letter_grams(word)) if g in index)

    def read(self, text: str) -> Opinion:
        idx, tf = self._counts(words(text))
        rows = self.rows[idx]
        x = (1.0 + np.log(tf.astype(np.float32))) * rows[:, -1]
        cut = int(np.searchsorted(idx, self.first_letters))  # idx ascends: words, then letters
        for block, weight in ((x[:cut], 1.0), (x[cut:], LETTER_WEIGHT)):
            norm = float(np.sqrt(block @ block))
            if norm:
                block *= weight / norm  # a view: scales x in place
        norm = float(np.sqrt(x @ x))
        if norm:
            x /= norm
        scores = x @ rows[:, :-1] + self.bias
        probabilities = 1.0 / (1.0 + np.exp(-scores))
        return Opinion(
            self.heads, probabilities, self.thresholds, self.names, self.weights, idx, x, cut
        )


def _aligned_rows(weights: np.ndarray, idf: np.ndarray) -> np.ndarray:
    """``weights`` with ``idf`` as one more column, each row starting on a 64-byte boundary
    (when the row is 16 floats)."""
    features, heads = weights.shape
    width = heads + 1
    buffer = np.empty(features * width + 16, dtype=np.float32)
    skip = (-buffer.ctypes.data % 64) // buffer.itemsize
    rows = buffer[skip : skip + features * width].reshape(features, width)
    rows[:, :-1] = weights
    rows[:, -1] = idf
    return rows


def _first_letters(names: list[str]) -> int:
    """Where the letter sequences start; training lists every word feature before them."""
    letters = [is_letters(name) for name in names]
    first = letters.index(True) if True in letters else len(names)
    if not all(letters[first:]):
        raise ValueError("the model lists a word feature after a letter sequence; retrain it")
    return first


class _WordTable:
    """Each word the model knows (as a feature, or in a word pair), with its features as rows
    of one array, and the word pairs the model knows by their two rows: a narrative's features
    are gathered by numpy, not word by word."""

    def __init__(self, names: list[str], features_of: Callable[[str], tuple[int, ...]]) -> None:
        pairs = {name: i for i, name in enumerate(names) if " " in name and not is_letters(name)}
        known = [n for n in names if " " not in n and not is_letters(n)]
        known += sorted({w for pair in pairs for w in pair.split(" ")} - set(known))
        self.rows = {word: r for r, word in enumerate(known)}
        each = [features_of(word) for word in known]
        self.ends = np.fromiter(accumulate(map(len, each), initial=0), dtype=np.int32)
        self.ids = np.fromiter(chain.from_iterable(each), dtype=np.int32)
        size = len(known)
        keyed = sorted(
            (self.rows[a] * size + self.rows[b], i)
            for pair, i in pairs.items()
            for a, b in (pair.split(" "),)
        )
        self.pair_keys = np.array([k for k, _ in keyed], dtype=np.int64)
        self.pair_ids = np.array([i for _, i in keyed], dtype=np.intp)
        self.size = size

    def features(self, rows: np.ndarray) -> np.ndarray:
        """Every feature of every known word in ``rows`` (-1: unknown), repeats kept."""
        rows = rows[rows >= 0]
        firsts, lasts = self.ends[rows], self.ends[rows + 1]
        lengths = lasts - firsts
        shift = np.repeat(firsts - np.cumsum(lengths) + lengths, lengths)
        return self.ids[np.arange(len(shift)) + shift]

    def pairs(self, rows: np.ndarray) -> np.ndarray:
        """The word-pair features of consecutive known words in ``rows``, repeats kept."""
        if not len(self.pair_keys):
            return np.empty(0, dtype=np.intp)
        a, b = rows[:-1], rows[1:]
        both = (a >= 0) & (b >= 0)
        keys = np.sort(a[both] * self.size + b[both])  # in order, each search starts near the last
        at = np.searchsorted(self.pair_keys, keys).clip(max=len(self.pair_keys) - 1)
        return self.pair_ids[at[self.pair_keys[at] == keys]]


@cache
def second_opinion() -> SecondOpinion:
    """The shipped model, loaded once on first use."""
    return SecondOpinion()
