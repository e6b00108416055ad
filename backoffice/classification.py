"""CaseClassification records: the effective values of a case, new views, and where views differ.

The case carries its effective classification (denormalised); each view behind it (the rules',
a model's, intake staff's, triage's, a supervisor's override) is a CaseClassification row that is
never changed or deleted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel

from backoffice.view_models import ClassificationRecord, Disagreement
from intake.core.audit import record_case_event
from intake.core.db.models import CaseClassification, SanctionCase
from intake.core.errors import ValidationProblem
from intake.core.users import Actor
from intake.core.vocabulary import (
    ClassificationSource,
    Qualifies,
    RiskLevel,
    Route,
    SanctionCategory,
    Severity,
)

# Field names people type, and the case/classification field each sets.
FIELDS = {
    "qualifies": "qualifies",
    "categories": "categories",
    "severity": "severity",
    "risk": "risk_level",
    "risk_level": "risk_level",
    "route": "route",
}
_ENUMS: dict[str, type[Any]] = {
    "qualifies": Qualifies,
    "severity": Severity,
    "risk_level": RiskLevel,
    "route": Route,
}
SOURCE_ORDER = [s.value for s in ClassificationSource]
COMPARED = ("qualifies", "categories", "severity", "route", "risk_level")


def _choices(enum: type[Any]) -> str:
    return ", ".join(member.value for member in enum)


def _parse_categories(value: str | Sequence[str]) -> list[str]:
    items = value.split(",") if isinstance(value, str) else list(value)
    cleaned = [item.strip().lower() for item in items if item.strip()]
    if cleaned in (["none"], ["-"]):
        return []
    unknown = [item for item in cleaned if item not in SanctionCategory._value2member_map_]
    if unknown:
        raise ValidationProblem(
            f"categories: {', '.join(unknown)} not known; use any of {_choices(SanctionCategory)}"
        )
    return list(dict.fromkeys(cleaned))


def parse_changes(raw: Mapping[str, str | Sequence[str]]) -> dict[str, Any]:
    """Validate ``{field: value}`` typed by a person; returns case field names and values."""
    if not raw:
        raise ValidationProblem(
            "nothing to change: set at least one of qualifies, categories, severity, risk, route"
        )
    parsed: dict[str, Any] = {}
    for name, value in raw.items():
        key = name.strip().lower().replace("-", "_")
        field = FIELDS.get(key)
        if field is None:
            raise ValidationProblem(
                f"{name!r} cannot be changed; use qualifies, categories, severity, risk or route"
            )
        if field == "categories":
            parsed[field] = _parse_categories(value)
            continue
        text = value.strip().lower() if isinstance(value, str) else ",".join(value)
        enum = _ENUMS[field]
        if text not in enum._value2member_map_:
            raise ValidationProblem(f"{key} {text!r} is not one of {_choices(enum)}")
        parsed[field] = enum(text).value
    return parsed


def effective_values(case: SanctionCase) -> dict[str, Any]:
    return {
        "qualifies": case.qualifies,
        "categories": list(case.categories or []),
        "severity": case.severity,
        "route": case.route,
        "risk_level": case.risk_level,
        "possible_immediate_risk": case.possible_immediate_risk,
    }


def possible_risk_after(case: SanctionCase, values: Mapping[str, Any]) -> bool:
    """Whether a view setting ``values`` says possible immediate risk ("ask now").

    A view that sets the risk level is a person's judgement of the risk, so it says possible
    immediate risk only when it says immediate: a supervisor who has looked at the risk and
    overrides it to high or standard clears "ask now". A view that leaves the risk alone keeps
    what the case's effective classification says.
    """
    if "risk_level" in values:
        return bool(values["risk_level"] == RiskLevel.IMMEDIATE.value)
    return case.possible_immediate_risk or case.risk_level == RiskLevel.IMMEDIATE.value


def add_classification(
    session: Any,
    case: SanctionCase,
    *,
    actor: Actor,
    source: ClassificationSource,
    values: Mapping[str, Any],
    reason: str | None,
) -> CaseClassification:
    """Add a view (a new row; older rows stay) and record it on the case's audit trail."""
    merged = {**effective_values(case), **values}
    merged["possible_immediate_risk"] = possible_risk_after(case, values)
    row = CaseClassification(
        case_id=case.id,  # type: ignore[arg-type]
        source=source.value,
        qualifies=merged["qualifies"],
        categories=list(merged["categories"]),
        bodies=list(case.bodies or []),
        immediate_risk=merged["risk_level"] == RiskLevel.IMMEDIATE.value,
        possible_immediate_risk=merged["possible_immediate_risk"],
        severity=merged["severity"],
        route=merged["route"],
        risk_level=merged["risk_level"],
        reason=reason,
        created_by_id=actor.id,
    )
    session.add(row)
    session.flush()
    record_case_event(
        session,
        case,
        actor=actor,
        action=f"classification_{source.value}",
        entity="classification",
        entity_id=row.id,
        after={key: merged[key] for key in (*COMPARED, "possible_immediate_risk")},
        reason=reason,
    )
    return row


def _value(record: ClassificationRecord | BaseModel, name: str) -> Any:
    value = getattr(record, name)
    return sorted(value) if isinstance(value, list) else value


def compare_classifications(records: Sequence[ClassificationRecord]) -> list[Disagreement]:
    """Field by field, where the latest view of each source differs from another's."""
    latest: dict[str, ClassificationRecord] = {}
    for record in sorted(records, key=lambda r: (r.created_at, r.id)):
        latest[record.source] = record
    ordered = sorted(latest.values(), key=lambda r: SOURCE_ORDER.index(r.source))
    found = []
    for name in COMPARED:
        values = {r.source: _value(r, name) for r in ordered if _value(r, name) is not None}
        distinct = {repr(v) for v in values.values()}
        if len(distinct) > 1:
            found.append(
                Disagreement(field=name if name != "risk_level" else "risk", values=values)
            )
    return found
