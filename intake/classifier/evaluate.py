"""Score the classifier against a labelled file in the format of ``eval/dev.jsonl``.

The figures and targets are the classifier issue's: recall of true ``yes`` as yes-or-unclear,
precision of ``yes``, the share of ``unclear``, categories micro-F1 on the true-yes items, route
accuracy, immediate-risk recall and precision; body accuracy is reported beside them.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from intake.classifier.model import Classification
from intake.vocabulary import Body, Qualifies, Route, SanctionCategory


class GoldItem(BaseModel):
    """One labelled narrative (eval README, "Format")."""

    model_config = ConfigDict(extra="ignore")

    id: str
    text: str
    qualifies: Qualifies
    categories: list[SanctionCategory]
    body: list[Body]
    immediate_risk: bool
    route: Route


@dataclass(frozen=True, slots=True)
class Figure:
    name: str
    value: float
    target: float
    #: True when the value must be at least the target, False when at most.
    at_least: bool = True

    @property
    def passed(self) -> bool:
        return self.value >= self.target if self.at_least else self.value <= self.target


@dataclass(slots=True)
class Report:
    figures: list[Figure]
    confusion: Counter[tuple[str, str]]
    mismatches: list[tuple[str, list[str]]]
    skipped: list[str] = field(default_factory=list)
    n: int = 0


def load_gold(path: Path) -> tuple[list[GoldItem], list[str]]:
    """Items of a labelled file, and a note for each line that could not be read.

    Raises ``OSError`` (or ``UnicodeDecodeError``) when the file itself cannot be read.
    """
    items: list[GoldItem] = []
    skipped: list[str] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            items.append(GoldItem.model_validate(json.loads(line)))
        except (json.JSONDecodeError, ValidationError) as exc:
            reason = str(exc).splitlines()[0]
            skipped.append(f"line {n}: {reason}")
    return items, skipped


def evaluate(items: Iterable[GoldItem], classify: Callable[[str], Classification]) -> Report:
    """Classify every item and compare with its labels."""
    confusion: Counter[tuple[str, str]] = Counter()
    counts: Counter[str] = Counter()
    mismatches: list[tuple[str, list[str]]] = []
    for item in items:
        got = classify(item.text)
        confusion[(item.qualifies.value, got.qualifies.value)] += 1
        _count(counts, item, got)
        differences = _differences(item, got)
        if differences:
            mismatches.append((item.id, differences))
    return Report(_figures(counts, confusion), confusion, mismatches, n=counts["n"])


def _count(counts: Counter[str], item: GoldItem, got: Classification) -> None:
    counts["n"] += 1
    counts["route_ok"] += got.route is item.route
    counts["body_ok"] += sorted(got.body) == sorted(item.body)
    if item.qualifies is Qualifies.YES:
        gold, pred = set(item.categories), set(got.categories)
        counts["cat_tp"] += len(gold & pred)
        counts["cat_fp"] += len(pred - gold)
        counts["cat_fn"] += len(gold - pred)
    counts["risk_tp"] += item.immediate_risk and got.immediate_risk
    counts["risk_gold"] += item.immediate_risk
    counts["risk_pred"] += got.immediate_risk


def _ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


def _figures(counts: Counter[str], confusion: Counter[tuple[str, str]]) -> list[Figure]:
    n = counts["n"]
    true_yes = sum(v for (g, _), v in confusion.items() if g == "yes")
    caught = confusion[("yes", "yes")] + confusion[("yes", "unclear")]
    called_yes = sum(v for (_, p), v in confusion.items() if p == "yes")
    unclear = sum(v for (_, p), v in confusion.items() if p == "unclear")
    tp, fp, fn = counts["cat_tp"], counts["cat_fp"], counts["cat_fn"]
    return [
        Figure("true yes found (yes or unclear)", _ratio(caught, true_yes), 0.97),
        Figure("precision of yes", _ratio(confusion[("yes", "yes")], called_yes), 0.92),
        Figure("share of unclear", _ratio(unclear, n), 0.15, at_least=False),
        Figure("categories micro-F1 (true yes)", _ratio(2 * tp, 2 * tp + fp + fn), 0.88),
        Figure("route accuracy", _ratio(counts["route_ok"], n), 0.92),
        Figure("immediate risk recall", _ratio(counts["risk_tp"], counts["risk_gold"]), 0.95),
        Figure("immediate risk precision", _ratio(counts["risk_tp"], counts["risk_pred"]), 0.75),
        Figure("body accuracy", _ratio(counts["body_ok"], n), 0.90),
    ]


def _differences(item: GoldItem, got: Classification) -> list[str]:
    out = []
    if got.qualifies is not item.qualifies:
        out.append(f"qualifies {item.qualifies.value}->{got.qualifies.value}")
    extra = sorted(c.value for c in set(got.categories) - set(item.categories))
    lost = sorted(c.value for c in set(item.categories) - set(got.categories))
    if extra or lost:
        out.append(f"categories +{extra} -{lost}")
    if got.route is not item.route:
        out.append(f"route {item.route.value}->{got.route.value}")
    if got.immediate_risk is not item.immediate_risk:
        out.append(f"risk {item.immediate_risk}->{got.immediate_risk}")
    if sorted(got.body) != sorted(item.body):
        out.append(f"body {[b.value for b in item.body]}->{[b.value for b in got.body]}")
    return out


def format_report(report: Report) -> str:
    """The figures with their targets, the qualifies confusion table and the mismatches."""
    lines = [f"{report.n} items", ""]
    for f in report.figures:
        sign = ">=" if f.at_least else "<="
        verdict = "PASS" if f.passed else "FAIL"
        lines.append(f"{f.name:<34} {f.value:6.3f}   target {sign} {f.target:.2f}   {verdict}")
    lines += ["", "qualifies (rows: gold, columns: classifier)"]
    values = [q.value for q in Qualifies]
    lines.append(" " * 10 + "".join(f"{v:>9}" for v in values))
    for g in values:
        lines.append(f"{g:<10}" + "".join(f"{report.confusion[(g, p)]:>9}" for p in values))
    lines += ["", f"mismatched items: {len(report.mismatches)}"]
    lines += [f"  {item_id}: {'; '.join(diffs)}" for item_id, diffs in report.mismatches]
    if report.skipped:
        lines += ["", f"lines skipped: {len(report.skipped)}"]
        lines += [f"  {s}" for s in report.skipped]
    return "\n".join(lines)
