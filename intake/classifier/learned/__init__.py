"""The learned second opinion: a linear model over words and letter sequences (issue 13).

Rules alone do not generalise from a few hundred texts; this model, trained by
``python -m intake.classifier.learned.train`` on the labelled sets in ``data/eval``, reads the
same narrative and gives a probability per head (``sanction``, ``risk``, ``category:<name>``)
with the words that weighed most. It is scored with numpy from ``model.npz``; scikit-learn is only
needed to train it. It never takes away what the rules found (see the classifier's combination).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache
from itertools import chain, pairwise
from pathlib import Path

import numpy as np

from intake.classifier.learned.features import LETTER_WEIGHT, is_letters, letter_grams, words

#: Words whose known features are remembered (a narrative's words recur; the cache stays small).
_WORD_CACHE_SIZE = 50_000

MODEL_PATH = Path(__file__).with_name("model.npz")


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

    def probability(self, head: str) -> float:
        return float(self.probabilities[self.heads.index(head)])

    def says(self, head: str) -> bool:
        i = self.heads.index(head)
        return bool(self.probabilities[i] >= self.thresholds[i])

    def weighing(self, head: str, k: int = 3) -> list[str]:
        """The whole words (not letter sequences) that pushed ``head`` up the most."""
        column = self.values * self.weights[self.present, self.heads.index(head)]
        order = np.argsort(-column)
        out: list[str] = []
        for i in order:
            if column[i] <= 0 or len(out) == k:
                break
            name = self.names[self.present[i]]
            if not is_letters(name):
                out.append(name)
        return out


class SecondOpinion:
    def __init__(self, path: Path = MODEL_PATH) -> None:
        with np.load(path, allow_pickle=False) as data:
            names = data["features"].tolist()
            self.idf = data["idf"]
            self.weights = data["weights"]
            self.bias = data["bias"]
            self.thresholds = data["thresholds"]
            self.heads = tuple(data["heads"].tolist())
        self.names = names
        #: Which features are letter sequences (the second block).
        self.letters = np.fromiter(map(is_letters, names), dtype=bool, count=len(names))
        self.index = {name: i for i, name in enumerate(names)}
        #: Each word the model knows, with its known features (built once, part of the model);
        #: other words are worked out when met and remembered in ``_known``.
        self._words = {
            name: self._features_of(name)
            for name in names
            if not is_letters(name) and " " not in name
        }
        self._known: dict[str, tuple[int, ...]] = {}

    def known_features(self, text: str) -> Counter[int]:
        """How often each of the model's features occurs in ``text`` (the same count as
        :func:`~intake.classifier.learned.features.feature_counts`, for known features only)."""
        tokens = words(text)
        counts: Counter[int] = Counter(chain.from_iterable(map(self._word_features, tokens)))
        index = self.index
        pairs = (index.get(f"{a} {b}") for a, b in pairwise(tokens))
        counts.update(i for i in pairs if i is not None)
        return counts

    def forget(self) -> None:
        """Forget remembered words (benchmarks measure the cold path)."""
        self._known.clear()

    def _word_features(self, word: str) -> tuple[int, ...]:
        known = self._words.get(word) or self._known.get(word)
        if known is None:
            if len(self._known) >= _WORD_CACHE_SIZE:
                self._known.clear()
            known = self._known[word] = self._features_of(word)
        return known

    def _features_of(self, word: str) -> tuple[int, ...]:
        index = self.index
        return tuple(index[g] for g in (word, *letter_grams(word)) if g in index)

    def read(self, text: str) -> Opinion:
        counts = self.known_features(text)
        idx = np.fromiter(counts.keys(), dtype=np.intp, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
        x = (1.0 + np.log(tf)) * self.idf[idx]
        letters = self.letters[idx]
        for block, weight in ((~letters, 1.0), (letters, LETTER_WEIGHT)):
            norm = float(np.sqrt(x[block] @ x[block]))
            if norm:
                x[block] *= weight / norm
        norm = float(np.sqrt(x @ x))
        if norm:
            x /= norm
        scores = x @ self.weights[idx] + self.bias
        probabilities = 1.0 / (1.0 + np.exp(-scores))
        return Opinion(self.heads, probabilities, self.thresholds, self.names, self.weights, idx, x)


@cache
def second_opinion() -> SecondOpinion:
    """The shipped model, loaded once on first use."""
    return SecondOpinion()
