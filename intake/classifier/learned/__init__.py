"""The learned second opinion: a linear model over words and letter sequences (issue 13).

Rules alone do not generalise from a few hundred texts; this model, trained by
``python -m intake.classifier.learned.train`` on the labelled sets in ``data/eval``, reads the
same narrative and gives a probability per head (``sanction``, ``risk``, ``category:<name>``)
with the words that weighed most. It is scored with numpy from ``model.npz``; scikit-learn is only
needed to train it. It never takes away what the rules found (see the classifier's combination).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from intake.classifier.learned.features import feature_counts

MODEL_PATH = Path(__file__).with_name("model.npz")


@dataclass(frozen=True, slots=True)
class Opinion:
    """Probabilities per head, and what each feature of the text added to each head's score."""

    heads: tuple[str, ...]
    probabilities: np.ndarray
    thresholds: np.ndarray
    features: list[str]
    contributions: np.ndarray  # (features in the text, heads)

    def probability(self, head: str) -> float:
        return float(self.probabilities[self.heads.index(head)])

    def says(self, head: str) -> bool:
        i = self.heads.index(head)
        return bool(self.probabilities[i] >= self.thresholds[i])

    def weighing(self, head: str, k: int = 3) -> list[str]:
        """The whole words (not letter sequences) that pushed ``head`` up the most."""
        column = self.contributions[:, self.heads.index(head)]
        order = np.argsort(-column)
        out = []
        for i in order:
            if column[i] <= 0 or len(out) == k:
                break
            if not self.features[i].startswith("#"):
                out.append(self.features[i])
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
        self.index = {name: i for i, name in enumerate(names)}

    def read(self, text: str) -> Opinion:
        counts = feature_counts(text)
        found = [(self.index[f], n) for f, n in counts.items() if f in self.index]
        idx = np.fromiter((i for i, _ in found), dtype=np.intp, count=len(found))
        tf = np.fromiter((n for _, n in found), dtype=np.float32, count=len(found))
        x = (1.0 + np.log(tf)) * self.idf[idx]
        norm = float(np.linalg.norm(x))
        if norm:
            x /= norm
        contributions = x[:, None] * self.weights[idx]
        scores = contributions.sum(axis=0) + self.bias
        probabilities = 1.0 / (1.0 + np.exp(-scores))
        features = [self.names[i] for i in idx]
        return Opinion(self.heads, probabilities, self.thresholds, features, contributions)


@cache
def second_opinion() -> SecondOpinion:
    """The shipped model, loaded once on first use."""
    return SecondOpinion()
