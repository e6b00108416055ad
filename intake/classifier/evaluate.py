"""Score the classifier against a labelled file in the format of ``eval/dev.jsonl``.

The figures and targets are issue 13's (floors measured on the dev2 test half): true ``yes`` found
as yes-or-unclear, "yes" said of ``no`` items, categories micro-F1 on the true-yes items, route
accuracy, and recall and precision of "ask about risk now" (immediate or possible immediate risk)
against the labelled immediate risks. Precision of ``yes``, the share of ``unclear``, the clear
immediate-risk flag's own recall and precision, and body accuracy are reported beside them.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from intake.classifier.result import Classification
from intake.core.vocabulary import Body, Qualifies, Route, SanctionCategory


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
    #: (gold immediate risk, what the classifier said: "immediate", "possible" or "none").
    risk: Counter[tuple[str, str]] = field(default_factory=Counter)
    #: (category, "tp" | "fp" | "fn") over the true-yes items, as the micro-F1 counts them.
    per_category: Counter[tuple[str, str]] = field(default_factory=Counter)
    #: (gold route, the classifier's route).
    routes: Counter[tuple[str, str]] = field(default_factory=Counter)


_RISK_COLUMNS = ("immediate", "possible", "none")
#: Each route's column heading in the route table (the table stays within 100 columns).
_ROUTE_HEADINGS = {
    Route.SANCTION_PROTOCOL: "protocol",
    Route.WHISTLEBLOWING: "whistle",
    Route.COMPLAINT: "complaint",
    Route.DEATH_IN_CUSTODY: "death",
    Route.IMB_MEMBER_COMPLAINT: "imb_memb",
    Route.SAFER_CUSTODY: "safer",
    Route.OUT_OF_SCOPE: "outside",
}


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
    risk: Counter[tuple[str, str]] = Counter()
    counts: Counter[str] = Counter()
    per_category: Counter[tuple[str, str]] = Counter()
    routes: Counter[tuple[str, str]] = Counter()
    mismatches: list[tuple[str, list[str]]] = []
    for item in items:
        got = classify(item.text)
        confusion[(item.qualifies.value, got.qualifies.value)] += 1
        risk[(str(item.immediate_risk).lower(), _risk_said(got))] += 1
        routes[(item.route.value, got.route.value)] += 1
        _count(counts, item, got)
        if item.qualifies is Qualifies.YES:
            _count_categories(per_category, set(item.categories), set(got.categories))
        differences = _differences(item, got)
        if differences:
            mismatches.append((item.id, differences))
    figures = _figures(counts, confusion)
    return Report(
        figures,
        confusion,
        mismatches,
        n=counts["n"],
        risk=risk,
        per_category=per_category,
        routes=routes,
    )


def _count_categories(
    per: Counter[tuple[str, str]], gold: set[SanctionCategory], said: set[SanctionCategory]
) -> None:
    for cat in gold & said:
        per[(cat.value, "tp")] += 1
    for cat in said - gold:
        per[(cat.value, "fp")] += 1
    for cat in gold - said:
        per[(cat.value, "fn")] += 1


def _risk_said(got: Classification) -> str:
    if got.immediate_risk:
        return "immediate"
    return "possible" if got.possible_immediate_risk else "none"


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
    asked = got.immediate_risk or got.possible_immediate_risk
    counts["ask_tp"] += item.immediate_risk and asked
    counts["ask_pred"] += asked


def _ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


def _figures(counts: Counter[str], confusion: Counter[tuple[str, str]]) -> list[Figure]:
    n = counts["n"]
    true_yes = sum(v for (g, _), v in confusion.items() if g == "yes")
    caught = confusion[("yes", "yes")] + confusion[("yes", "unclear")]
    called_yes = sum(v for (_, p), v in confusion.items() if p == "yes")
    unclear = sum(v for (_, p), v in confusion.items() if p == "unclear")
    tp, fp, fn = counts["cat_tp"], counts["cat_fp"], counts["cat_fn"]
    true_no = sum(v for (g, _), v in confusion.items() if g == "no")
    return [
        Figure("true yes found (yes or unclear)", _ratio(caught, true_yes), 0.95),
        Figure('"yes" said of no items', _ratio(confusion[("no", "yes")], true_no), 0.08, False),
        Figure("categories micro-F1 (true yes)", _ratio(2 * tp, 2 * tp + fp + fn), 0.85),
        Figure("route accuracy", _ratio(counts["route_ok"], n), 0.90),
        Figure("ask about risk: recall", _ratio(counts["ask_tp"], counts["risk_gold"]), 0.95),
        Figure("ask about risk: precision", _ratio(counts["ask_tp"], counts["ask_pred"]), 0.60),
        Figure("precision of yes", _ratio(confusion[("yes", "yes")], called_yes), 0.90),
        Figure("share of unclear", _ratio(unclear, n), 0.20, at_least=False),
        Figure("immediate risk recall", _ratio(counts["risk_tp"], counts["risk_gold"]), 0.75),
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
        said = _risk_said(got)
        if not (item.immediate_risk and said == "possible"):
            out.append(f"risk {item.immediate_risk}->{said}")
    if sorted(got.body) != sorted(item.body):
        out.append(f"body {[b.value for b in item.body]}->{[b.value for b in got.body]}")
    return out


def format_report(report: Report, *, figures_only: bool = False) -> str:
    """The figures with their targets, the confusion tables and, unless ``figures_only``, the
    mismatched items (a held-out set is scored with ``figures_only``: its errors are not read)."""
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
    lines += ["", "immediate risk (rows: gold, columns: classifier)"]
    lines.append(" " * 10 + "".join(f"{v:>9}" for v in _RISK_COLUMNS))
    for g in ("true", "false"):
        lines.append(f"{g:<10}" + "".join(f"{report.risk[(g, p)]:>9}" for p in _RISK_COLUMNS))
    lines += ["", *_category_table(report.per_category)]
    lines += ["", *_route_table(report.routes)]
    lines += ["", f"mismatched items: {len(report.mismatches)}"]
    if figures_only:
        return "\n".join(lines)
    lines += [f"  {item_id}: {'; '.join(diffs)}" for item_id, diffs in report.mismatches]
    if report.skipped:
        lines += ["", f"lines skipped: {len(report.skipped)}"]
        lines += [f"  {s}" for s in report.skipped]
    return "\n".join(lines)


def _category_table(per: Counter[tuple[str, str]]) -> list[str]:
    """Each category's counts, precision and recall on the true-yes items."""
    lines = ["categories on true-yes items" + " " * 8 + "  tp   fp   fn  precision  recall"]
    for cat in SanctionCategory:
        tp, fp, fn = (per[(cat.value, k)] for k in ("tp", "fp", "fn"))
        precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
        lines.append(f"  {cat.value:<34}{tp:>4} {fp:>4} {fn:>4}  {precision:9.2f} {recall:7.2f}")
    return lines


def _route_table(routes: Counter[tuple[str, str]]) -> list[str]:
    """Routes, rows the labels' and columns the classifier's (only routes that occur)."""
    seen = [r for r in Route if any(r.value in pair for pair in routes)]
    lines = ["route (rows: gold, columns: classifier)"]
    lines.append(" " * 10 + "".join(f"{_ROUTE_HEADINGS[r]:>10}" for r in seen))
    for g in seen:
        row = "".join(f"{routes[(g.value, p.value)]:>10}" for p in seen)
        lines.append(f"{_ROUTE_HEADINGS[g]:<10}{row}")
    return lines
