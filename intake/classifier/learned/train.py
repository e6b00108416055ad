"""Train the learned second opinion from the labelled sets in ``data/eval`` (``./dev.sh model``).

scikit-learn fits TF-IDF vocabularies for the words' and the letters' blocks (:mod:`features`)
and a logistic regression per head (for a detriment category, averaged with one over features
scaled by their naive-Bayes log-count ratio: ``fit_head``):
``sanction`` (qualifies yes or unclear), ``risk`` (immediate risk), ``whistleblowing`` (a member of
staff fearing sanctions for their own contact: the whistleblowing route) and one per detriment
category (fitted on the yes and unclear items only, the only ones whose categories are labelled).
Each head's threshold is chosen on out-of-fold probabilities (5-fold), never on the texts it was
fitted on. The result is written as plain arrays (``model.npz``) that
:mod:`intake.classifier.learned` scores with numpy: scikit-learn is needed to train, not to
classify.

Trained on ``eval/dev.jsonl``, ``eval/dev2-tune.jsonl`` and the team's own ``train/written*.jsonl``;
``eval/dev2-test.jsonl`` stays unseen.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack
from scipy.special import expit
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import normalize

from intake.classifier.learned import CATEGORY_HEAD, SecondOpinion, category_head
from intake.classifier.learned.features import LETTER_WEIGHT, analyse_letters, analyse_words
from intake.core.vocabulary import SanctionCategory

ROOT = Path(__file__).resolve().parents[3]
#: The tuning sets under ``data/eval`` the model learns from: never ``eval/dev2-test.jsonl`` or a
#: held-out batch.
TUNING = ("eval/dev.jsonl", "eval/dev2-tune.jsonl")


def training_files(data: Path) -> tuple[str, ...]:
    """The labelled sets it learns from, under ``data/``: the tuning sets and every written
    batch in ``data/train``, in the order they were written (``written.jsonl``,
    ``written2.jsonl`` ...)."""

    def number(path: Path) -> int:
        digits = path.stem.removeprefix("written")
        return int(digits) if digits.isdigit() else 1

    batches = sorted((data / "train").glob("written*.jsonl"), key=number)
    return TUNING + tuple(f"train/{p.name}" for p in batches)


TRAINING = training_files(ROOT / "data")
OUT = Path(__file__).with_name("model.npz")
C = 10.0
MIN_DF = 2
#: How often, out of fold, a head must be right when it speaks: what it says is added to what the
#: rules found, so it speaks where it is right this often. A "no" raised to "unclear" sends a
#: person an account to read (0.85); "ask about risk now" is a question staff ask (0.55: risk
#: favours recall); a category added is named to staff beside the rules' (0.9); a staff member's
#: own fear changes where the account goes (0.95). Measured on accounts neither the rules nor
#: the model had seen (the fourth and fifth written batches, a model trained without them): risk
#: at 0.55 asks about 0.955 of risks (precision 0.667) where 0.6 asked about 0.940 (0.700).
#: Categories at 0.8 scored F1 0.800 there against 0.770 at 0.9, but added detriments to plain
#: accounts ("kept behind my door" as an entitlement, a threat as an assault), so they stay 0.9.
#: Checked again in session 9 with the sixth batch held out from the model (rules as shipped):
#: the 0.55 floor gives threshold 0.25, asking about 0.880 of its risks at precision 0.595;
#: 0.35 (floor 0.65) 0.840 at 0.677; 0.55 (floor 0.7+) 0.760 at 0.760. Risk favours recall.
#: Session 11 (words and letters as two blocks, ten batches): out of fold the 0.55 floor gave
#: 0.25 (recall 0.955, precision 0.591), which asked "ask now" of a plain account of segregation
#: for the words "two days"; 0.6 gives 0.30 (0.938 at 0.660), and on the eighth batch (held out
#: from both) kept recall at 1.000 with precision 0.556 to 0.606.
#: Session 12 (thirteen batches, and rules that now read more risks themselves): out of fold the
#: 0.6 floor gave 0.25; combined with the rules, on the eighth batch and the eighteenth (held out
#: from both) 0.25, 0.30 and 0.35 all asked about every risk, at precision 0.606 / 0.645 / 0.667
#: and 0.486 / 0.531 / 0.567, and 0.40 missed two of the eighteenth's seventeen: floor 0.7 (0.35).
#: Session 13 (seventeen batches): at 0.35 the retrained head no longer asked about one risk of
#: the twenty-third batch (held out). Pooled over the six held-out batches (480 accounts, 116
#: risks, figures only), rules and model together asked about 0.974 / 0.966 / 0.948 of risks at
#: 0.25 / 0.30 / 0.35, precision 0.585 / 0.626 / 0.663: 0.30 is the only one meeting both issue
#: 13 targets (0.95, 0.6), and a 0.65 floor gives it.
#: Session 14 (twenty-five batches): the 0.65 floor gave 0.25; pooled over the same six held-out
#: batches 0.25 asked about no more of their risks than 0.30 (recall 0.983 both) at precision
#: 0.630 against 0.655, so the head never asks below 0.30, the threshold session 13 chose there.
PRECISION_FLOOR = {"sanction": 0.85, "risk": 0.65, "whistleblowing": 0.95}
LOWEST = {"risk": 0.30}
CATEGORY_PRECISION = 0.9
FOLDS = 5
#: The category heads average a plain logistic regression with one over features scaled by
#: their log-count ratio (``fit_head``). Measured in session 19 on the sixteen held-out batches
#: (1,360 accounts, figures only): categories micro-F1 0.843 plain; the scaled model alone 0.853
#: (smoothing 0.1; 0.03 / 0.3 / 1.0 gave 0.852 / 0.846 / 0.831; C 3 / 30 gave 0.846 / 0.852);
#: the average at shares 0.3 / 0.5 / 0.7 0.850 / 0.857 / 0.856. Found, "yes" of no, route and
#: risk unchanged. Scaling the sanction head too cost found (0.962 -> 0.960); the risk head,
#: risk recall (0.981 -> 0.952).
NB_SMOOTHING = 0.1
NB_SHARE = 0.5


def load(data: Path) -> list[dict]:
    rows = []
    for name in TRAINING:
        lines = (data / name).read_text(encoding="utf-8").splitlines()
        rows += [json.loads(line) for line in lines if line.strip()]
    return rows


def targets(rows: list[dict]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Each head's rows (indices) and labels."""
    everyone = np.arange(len(rows))
    found = np.array([i for i, r in enumerate(rows) if r["qualifies"] != "no"])
    heads = {
        "sanction": (everyone, np.array([r["qualifies"] != "no" for r in rows])),
        "risk": (everyone, np.array([r["immediate_risk"] for r in rows])),
        "whistleblowing": (everyone, np.array([r["route"] == "whistleblowing" for r in rows])),
    }
    for cat in SanctionCategory:
        labels = np.array([cat.value in rows[i]["categories"] for i in found])
        heads[category_head(cat)] = (found, labels)
    return heads


class Features:
    """The two blocks, each of length one, letters weighed at ``LETTER_WEIGHT``, the whole
    then of length one: what :class:`~intake.classifier.learned.SecondOpinion` computes."""

    def __init__(self) -> None:
        self.blocks = [
            TfidfVectorizer(analyzer=a, sublinear_tf=True, min_df=MIN_DF, dtype=np.float32)
            for a in (analyse_words, analyse_letters)
        ]

    def fit_transform(self, texts: list[str]) -> csr_matrix:
        for block in self.blocks:
            block.fit(texts)
        return self.transform(texts)

    def transform(self, texts: list[str]) -> csr_matrix:
        words, letters = (block.transform(texts) for block in self.blocks)
        return normalize(hstack([words, LETTER_WEIGHT * letters]).tocsr())

    def names(self) -> np.ndarray:
        return np.concatenate([b.get_feature_names_out() for b in self.blocks])

    def idf(self) -> np.ndarray:
        return np.concatenate([b.idf_ for b in self.blocks]).astype(np.float32)


@dataclass(frozen=True, slots=True)
class LinearHead:
    """One head: weights over the features and a bias, read through the logistic function."""

    weights: np.ndarray
    bias: float

    def probability(self, x: csr_matrix) -> np.ndarray:
        return np.asarray(expit(x @ self.weights + self.bias)).ravel()


def _logistic(x: csr_matrix, y: np.ndarray) -> LogisticRegression:
    return LogisticRegression(C=C, class_weight="balanced", max_iter=5000).fit(x, y)


def log_count_ratio(x: csr_matrix, y: np.ndarray) -> np.ndarray:
    """How much more each feature weighs in the head's positive accounts than in the others
    (naive Bayes' log-count ratio, smoothed by ``NB_SMOOTHING``)."""
    pos = np.asarray(x[y].sum(axis=0)).ravel() + NB_SMOOTHING
    neg = np.asarray(x[~y].sum(axis=0)).ravel() + NB_SMOOTHING
    return np.log((pos / pos.sum()) / (neg / neg.sum())).astype(np.float32)


def fit_head(head: str, x: csr_matrix, y: np.ndarray) -> LinearHead:
    """A logistic regression; for a detriment category, averaged with one fitted on the
    features scaled by their log-count ratio (Wang and Manning's NBSVM, 2012). Both are linear
    in the same features, so their average is one set of weights the reader scores as before."""
    plain = _logistic(x, y)
    weights, bias = plain.coef_[0], float(plain.intercept_[0])
    if head.startswith(CATEGORY_HEAD):
        ratio = log_count_ratio(x, y)
        scaled = _logistic(csr_matrix(x.multiply(ratio)), y)
        weights = NB_SHARE * scaled.coef_[0] * ratio + (1 - NB_SHARE) * weights
        bias = NB_SHARE * float(scaled.intercept_[0]) + (1 - NB_SHARE) * bias
    return LinearHead(weights.astype(np.float32), bias)


def out_of_fold(head: str, texts: list[str], y: np.ndarray) -> np.ndarray:
    folds = StratifiedKFold(min(FOLDS, int(y.sum())), shuffle=True, random_state=0)
    p = np.zeros(len(texts))
    for train, test in folds.split(texts, y):
        features = Features()
        fitted = fit_head(head, features.fit_transform([texts[i] for i in train]), y[train])
        p[test] = fitted.probability(features.transform([texts[i] for i in test]))
    return p


#: Fewer items than this said at a threshold give no precision worth the name (one error in
#: nine is 0.89): such thresholds neither set nor block the choice. Without it, one confident
#: error among the ninth batch's entitlements set that head's threshold to "never". Above it a
#: floor is met within one item (16 of 18 meets 0.9): with the eleventh batch, psychological
#: abuse at 0.85 was right 16 times in 18 and the head would otherwise never speak.
MIN_SAID = 10


def threshold(head: str, p: np.ndarray, y: np.ndarray) -> float:
    """The lowest threshold (most recall) whose out-of-fold precision reaches the head's floor
    and stays there for every higher threshold (so one lucky item does not set it) at which at
    least ``MIN_SAID`` items are said."""
    floor = PRECISION_FLOOR.get(head, CATEGORY_PRECISION)
    grid = np.round(np.arange(0.05, 0.96, 0.05), 2)
    precise = []
    for t in grid:
        said = p >= t
        # one item of slack: at 16 of 18 (0.889) a 0.9 floor is one item short, not missed
        precise.append(said.sum() < MIN_SAID or ((said & y).sum() + 1) / said.sum() >= floor)
    for i, t in enumerate(grid):
        if all(precise[i:]) and (p >= t).sum() >= MIN_SAID:
            return max(float(t), LOWEST.get(head, 0.0))
    return 1.0


def main(data: Path = ROOT / "data") -> None:
    rows = load(data)
    texts = [r["text"] for r in rows]
    features = Features()
    x = features.fit_transform(texts)
    names, cuts, fitted = [], [], []
    for head, (idx, y) in targets(rows).items():
        cut = threshold(head, out_of_fold(head, [texts[i] for i in idx], y), y)
        names.append(head)
        cuts.append(cut)
        fitted.append(fit_head(head, x[idx], y))
        print(f"{head:<32} threshold {cut:.2f}  positives {int(y.sum())}/{len(y)}")
    np.savez_compressed(
        OUT,
        features=np.array(features.names(), dtype=str),
        idf=features.idf(),
        weights=np.stack([head.weights for head in fitted], axis=1),
        bias=np.array([head.bias for head in fitted], dtype=np.float32),
        thresholds=np.array(cuts, dtype=np.float32),
        heads=np.array(names, dtype=str),
        trained_on=np.array(TRAINING, dtype=str),
    )
    check(texts, features, fitted)
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes, {x.shape[1]:,} features)")


def check(texts: list[str], features: Features, fitted: list[LinearHead]) -> None:
    """The shipped file, scored with numpy, gives scikit-learn's probabilities (or stop)."""
    shipped = SecondOpinion(OUT)
    sample = texts[:: max(1, len(texts) // 50)]
    x = features.transform(sample)
    want = np.stack([head.probability(x) for head in fitted], axis=1)
    got = np.stack([shipped.read(text).probabilities for text in sample])
    worst = float(np.abs(want - got).max())
    if worst > 1e-4:
        raise SystemExit(f"the shipped model scores differently from training (by {worst:.2g})")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "data")
