"""Pattern alerts (issue 16, point 2): one establishment, one wing or one described member of
staff in several allegations within a window, for the leads to see and act on.

Three kinds, each counted over the cases received in the last ``alerts.window_days`` (90 by
default) that the reader may see (:func:`backoffice.access.visible_cases_filter`: an IMB
Board's supervisor sees alerts about their Board's establishment only), an alert when
``alerts.min_cases`` (3) or more:

- **establishment**: counted in SQL (GROUP BY ... HAVING);
- **wing or unit** at one establishment: from the person's location as recorded and the
  interview's "when and where" answer ("B wing", "wing C", "houseblock 2", segregation,
  healthcare). A location identifies the person, so these count only the cases the reader is
  identified to (:func:`backoffice.access.identified_filter`);
- **staff described** at one establishment: the interview's "which staff" answer and the
  classifier's staff evidence in the account, reduced to the name after a title ("Officer
  Price", "Mr Price", "officer price" are all *Price*; :func:`staff_keys`) and grouped with
  rapidfuzz, so a misspelling ("Pryce") joins its group. A description of a member of staff is
  not the person's identity, but it is checked never to be the person's name: a described name
  close to any part of the name of a person in the cases counted is dropped.

An alert lists the case references the reader may see, and never a person's name, number,
location or the account. Leads record what was done about an alert (``pattern_alert_action``,
audited on the ``access`` chain); the note shows to the recorder's own organisation.

Who: supervisors and leads see alerts; leads record what was done.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from pydantic import Field
from rapidfuzz import fuzz
from rapidfuzz.utils import default_process
from sqlalchemy import Text, cast, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from backoffice.access import identified_filter, is_scoped, require, visible_cases_filter
from backoffice.view_models import View
from intake.core.audit_chain import record_access
from intake.core.clock import utcnow
from intake.core.db.models import (
    Answer,
    CaseClassification,
    Establishment,
    PatternAlertAction,
    SanctionCase,
    User,
    table_of,
)
from intake.core.errors import NotFoundError, ValidationProblem
from intake.core.settings import Alerts
from intake.core.users import Actor
from intake.core.validation import required_text
from intake.core.vocabulary import ClassificationSource, Role

SEE_ROLES = (Role.SUPERVISOR, Role.LEAD)
RECORD_ROLES = (Role.LEAD,)
#: Two described names this close (rapidfuzz ratio of the normalised names) are one person.
SAME_STAFF = 80.0
#: A described name this close to a part of a person's name is taken to be theirs: dropped.
PERSON_NAME_NEAR = 80.0
MAX_NOTE = 4_000


# ---- who may ----------------------------------------------------------------------------------


def may_see_alerts(actor: Actor) -> None:
    require(actor, what="see pattern alerts", roles=SEE_ROLES)


def may_record(actor: Actor) -> None:
    require(actor, what="record what was done about a pattern alert", roles=RECORD_ROLES)


# ---- read models ------------------------------------------------------------------------------


class AlertActionView(View):
    recorded_at: datetime
    recorded_by: str | None
    organisation: str
    #: The note, for the recorder's own organisation; None for anyone else.
    note: str | None
    references: list[str]


class PatternAlert(View):
    #: Stable while the pattern lasts: `backoffice alerts record KEY`.
    key: str
    #: establishment, wing or staff.
    kind: str
    #: In words, never a person's identity: "HMP Wandsworth", "B wing at HMP Wandsworth",
    #: "Staff described as Price at HMP Wandsworth".
    label: str
    establishment: str | None
    count: int
    references: list[str]
    first_received: date
    last_received: date
    actions: list[AlertActionView] = Field(default_factory=list)


class AlertList(View):
    window_days: int
    min_cases: int
    #: Whose cases count, in words.
    scope: str
    includes_demo: bool
    alerts: list[PatternAlert]


# ---- staff descriptions -----------------------------------------------------------------------

#: Titles and ranks before a name, any case ("Officer Price", "mr price", "OSG Khan").
_TITLES = (
    r"mr|mrs|ms|miss|mx|dr|officer|off|governor|gov|guv|nurse|sister|sir|boss|sergeant|sgt|"
    r"so|po|cm|osg|dco|pco|manager|chaplain|doctor|custody\s+officer|supervising\s+officer"
)
_TITLED = re.compile(rf"(?<![\w])(?:{_TITLES})\.?\s+([A-Za-z][A-Za-z'’-]+)", re.IGNORECASE)
#: Words after a title, or in a description, that are not a name.
_NOT_NAME_WORDS = """a an the and or but so then than that this these those there here who what
    when where why how if as at on in into of off out up to too for from by with about after
    before is was were are be been has had have do did i me my he him his she her they them their
    we us our you your it its one two three four said told came went took put gave got moved
    stopped called shouted refused kept made left saw knew wrote started just never always still
    back later today yesterday night day morning evening office duty wing block unit landing cell
    seg segregation staff team nurse nurses officer officers governor governors gov manager
    managers man men woman women lady guy lad bloke screw screws dco dcos osg osgs some several
    all both other others each every any no none unknown skip not sure don't dont know remember
    name names senior principal custody prison prisons healthcare security mr mrs ms miss sir
    boss also lot lots few many"""
_NOT_NAMES = frozenset(_NOT_NAME_WORDS.split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_AFTER_TITLE = re.compile(r"\.?\s+([A-Za-z][A-Za-z'’-]+)")


def normal_name(text: str) -> str:
    """A described name as it is compared: lower case, letters only, a possessive 's gone."""
    value = default_process(text or "")
    value = re.sub(r"\b(\w+) s\b", r"\1", value)  # "price's" -> "price s" -> "price"
    return " ".join(w for w in value.split() if w.isalpha())


def _name_word(word: str) -> str | None:
    key = normal_name(word)
    if not key or " " in key or len(key) < 2 or key in _NOT_NAMES:
        return None
    return key


def staff_keys(text: str | None) -> list[str]:
    """The members of staff a description names, each as its normalised name: the name after
    a title ("Officer Price", "Mr Price", "officer price" → "price"); a short description
    without a title gives its one or two remaining words ("Dave" → "dave"). Any text in."""
    if not text:
        return []
    found = [k for m in _TITLED.finditer(text) if (k := _name_word(m.group(1)))]
    if found:
        return list(dict.fromkeys(found))
    words = [k for w in _WORD.findall(text) if (k := _name_word(w))]
    if 1 <= len(words) <= 2 and len(_WORD.findall(text)) <= 6:
        return [" ".join(words)]
    return []


def staff_from_evidence(narrative: str, evidence: Iterable[dict[str, Any]]) -> list[str]:
    """The names after the classifier's staff evidence in the account (its evidence is the
    title: "Officer"; the name follows it)."""
    found = []
    for item in evidence:
        if item.get("label") != "staff":
            continue
        start, end = item.get("start"), item.get("end")
        if not isinstance(start, int) or not isinstance(end, int) or end > len(narrative):
            continue
        if narrative[start:end] != item.get("matched"):
            continue  # offsets of another text: not trusted
        after = _AFTER_TITLE.match(narrative, end)
        if after and (key := _name_word(after.group(1))):
            found.append(key)
    return list(dict.fromkeys(found))


def _person_parts(names: Iterable[str | None]) -> set[str]:
    return {p for name in names for p in normal_name(name or "").split() if len(p) >= 2}


def is_a_persons_name(key: str, parts: set[str]) -> bool:
    """True when any word of a described name is (or is close to) a part of a person's name."""
    for word in key.split():
        for part in parts:
            if word == part or fuzz.ratio(word, part) >= PERSON_NAME_NEAR:
                return True
    return False


def group_names(keys: Iterable[str]) -> dict[str, str]:
    """Each normalised name to its group's name: the first seen of those within
    ``SAME_STAFF`` of each other (so "pryce" joins "price")."""
    groups: list[str] = []
    found: dict[str, str] = {}
    for key in keys:
        if key in found:
            continue
        match = next((g for g in groups if fuzz.ratio(key, g) >= SAME_STAFF), None)
        if match is None:
            groups.append(key)
            match = key
        found[key] = match
    return found


# ---- wings and units --------------------------------------------------------------------------

_WING = re.compile(r"(?<![\w])([A-Za-z]|\d{1,2})[\s-]?wing(?![\w])", re.IGNORECASE)
_WING_AFTER = re.compile(r"(?<![\w])wing\s+([A-Za-z]|\d{1,2})(?![\w])", re.IGNORECASE)
_HOUSEBLOCK = re.compile(r"(?<![\w])house\s?block\s*(\d{1,2}|[A-Za-z])(?![\w])", re.IGNORECASE)
_UNITS = (
    (
        re.compile(r"(?<![\w])(seg|segregation|csu|care and separation)(?![\w])", re.I),
        "segregation",
    ),
    (re.compile(r"(?<![\w])(healthcare|health care|inpatients?)(?![\w])", re.I), "healthcare"),
)


def wings(text: str | None) -> list[str]:
    """The wings and units a location or an answer names: "B wing", "wing c" → "C wing";
    "houseblock 2"; "segregation"; "healthcare" ("a wing" is an article, not A wing)."""
    if not text:
        return []
    found = []
    for m in _WING.finditer(text):
        letter = m.group(1)
        if letter == "a":  # "moved to a wing": the article
            continue
        found.append(f"{letter.upper()} wing")
    found += [f"{m.group(1).upper()} wing" for m in _WING_AFTER.finditer(text)]
    found += [f"houseblock {m.group(1).upper()}" for m in _HOUSEBLOCK.finditer(text)]
    found += [unit for pattern, unit in _UNITS if pattern.search(text)]
    return list(dict.fromkeys(found))


# ---- computing them ---------------------------------------------------------------------------


@dataclass
class _Case:
    id: int
    reference: str
    establishment_id: int | None
    received: datetime
    identified: bool
    person_name: str | None
    location: str | None


@dataclass
class _Group:
    kind: str
    establishment_id: int
    name: str
    cases: dict[int, _Case] = field(default_factory=dict)


def _since(window_days: int, on: datetime | None = None) -> datetime:
    return (on or utcnow()) - timedelta(days=window_days)


def _scope(actor: Actor, window_days: int, include_demo: bool) -> list[Any]:
    where = [
        visible_cases_filter(actor),
        col(SanctionCase.created_at) >= _since(window_days),
        col(SanctionCase.disposed_at).is_(None),
    ]
    if not include_demo:
        where.append(~col(SanctionCase.is_demo))
    return where


def _holds_only_demo(session: Session) -> bool:
    real = session.exec(select(SanctionCase.id).where(~col(SanctionCase.is_demo)).limit(1))
    return real.first() is None


def _establishment_groups(session: Session, where: list[Any], least: int) -> dict[int, int]:
    """Establishment id to its number of cases, for those with ``least`` or more (SQL)."""
    est = col(SanctionCase.establishment_id)
    query = (
        select(est, func.count())
        .where(*where, est.is_not(None))
        .group_by(est)
        .having(func.count() >= least)
    )
    return {int(e): int(n) for e, n in session.execute(query)}


def _cases(session: Session, actor: Actor, where: list[Any]) -> dict[int, _Case]:
    cases = table_of(SanctionCase)
    query = sa_select(
        cases.c.id,
        cases.c.reference,
        cases.c.establishment_id,
        cases.c.created_at,
        identified_filter(actor).label("identified"),
        cases.c.person_name,
        cases.c.location,
    ).where(*where)
    return {
        int(row[0]): _Case(int(row[0]), row[1], row[2], row[3], bool(row[4]), row[5], row[6])
        for row in session.execute(query)
    }


def _answers(session: Session, where: list[Any]) -> list[tuple[int, str, str]]:
    ids = select(SanctionCase.id).where(*where)
    query = select(Answer.case_id, Answer.key, Answer.answer).where(
        col(Answer.case_id).in_(ids), col(Answer.key).in_(("staff_involved", "when_where"))
    )
    return [(int(c), k, a or "") for c, k, a in session.execute(query)]


def _staff_evidence(session: Session, where: list[Any]) -> list[tuple[int, str, list[Any]]]:
    """The rules' evidence naming staff, with the account it points into (only the cases whose
    evidence has a staff span are read)."""
    query = (
        select(CaseClassification.case_id, SanctionCase.narrative, CaseClassification.evidence)
        .join(SanctionCase, col(SanctionCase.id) == CaseClassification.case_id)
        .where(
            *where,
            CaseClassification.source == ClassificationSource.RULES.value,
            cast(CaseClassification.evidence, Text).like('%"staff"%'),
        )
    )
    return [(int(c), n or "", list(e or [])) for c, n, e in session.execute(query)]


def _staff_groups(
    session: Session, where: list[Any], cases: dict[int, _Case]
) -> dict[tuple[int, str], _Group]:
    named: dict[int, set[str]] = {}
    for case_id, key, answer in _answers(session, where):
        if key == "staff_involved":
            named.setdefault(case_id, set()).update(staff_keys(answer))
    for case_id, narrative, evidence in _staff_evidence(session, where):
        named.setdefault(case_id, set()).update(staff_from_evidence(narrative, evidence))
    everyone = _person_parts(c.person_name for c in cases.values())
    groups: dict[tuple[int, str], _Group] = {}
    by_place: dict[int, list[tuple[int, str]]] = {}
    for case_id, keys in named.items():
        case = cases.get(case_id)
        if case is None or case.establishment_id is None:
            continue
        for key in sorted(keys):
            if is_a_persons_name(key, everyone):
                continue  # never a person's name, whoever's case it came from
            by_place.setdefault(case.establishment_id, []).append((case_id, key))
    for place, pairs in by_place.items():
        names = group_names(key for _, key in pairs)
        for case_id, key in pairs:
            group = groups.setdefault((place, names[key]), _Group("staff", place, names[key]))
            group.cases[case_id] = cases[case_id]
    return groups


def _wing_groups(
    session: Session, where: list[Any], cases: dict[int, _Case]
) -> dict[tuple[int, str], _Group]:
    """Wings from the location and "when and where": only of cases the reader is identified to
    (a location identifies the person)."""
    places: dict[int, set[str]] = {}
    for case in cases.values():
        if case.identified:
            places.setdefault(case.id, set()).update(wings(case.location))
    for case_id, key, answer in _answers(session, where):
        if key == "when_where" and cases.get(case_id) and cases[case_id].identified:
            places.setdefault(case_id, set()).update(wings(answer))
    groups: dict[tuple[int, str], _Group] = {}
    for case_id, found in places.items():
        case = cases[case_id]
        if case.establishment_id is None:
            continue
        for wing in found:
            group = groups.setdefault(
                (case.establishment_id, wing), _Group("wing", case.establishment_id, wing)
            )
            group.cases[case_id] = case
    return groups


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _alert(
    kind: str, place_id: int, name: str, cases: Sequence[_Case], places: dict[int, str]
) -> PatternAlert:
    place = places.get(place_id, "an establishment")
    ordered = sorted(cases, key=lambda c: (c.received, c.reference))
    if kind == "establishment":
        key, label = f"place-{place_id}", place
    elif kind == "wing":
        key, label = f"wing-{place_id}-{_slug(name)}", f"{name} at {place}"
    else:
        shown = " ".join(w.capitalize() for w in name.split())
        key, label = f"staff-{place_id}-{_slug(name)}", f"Staff described as {shown} at {place}"
    return PatternAlert(
        key=key,
        kind=kind,
        label=label,
        establishment=place,
        count=len(ordered),
        references=[c.reference for c in ordered],
        first_received=ordered[0].received.date(),
        last_received=ordered[-1].received.date(),
    )


_KIND_ORDER = {"establishment": 0, "wing": 1, "staff": 2}


def find_alerts(
    session: Session,
    *,
    actor: Actor,
    settings: Alerts,
    window_days: int | None = None,
    min_cases: int | None = None,
    demo_database: bool = False,
) -> AlertList:
    """The pattern alerts over the cases this actor may see (most cases first)."""
    may_see_alerts(actor)
    window = window_days if window_days is not None else settings.window_days
    least = min_cases if min_cases is not None else settings.min_cases
    if window < 1:
        raise ValidationProblem("the window must be 1 day or more")
    if least < 2:
        raise ValidationProblem("an alert needs 2 allegations or more")
    demo = demo_database or _holds_only_demo(session)
    where = _scope(actor, window, demo)
    places = {int(i): n for i, n in session.execute(select(Establishment.id, Establishment.name))}
    cases = _cases(session, actor, where)
    found: list[PatternAlert] = []
    counts = _establishment_groups(session, where, least)
    for place_id in counts:
        members = [c for c in cases.values() if c.establishment_id == place_id]
        found.append(_alert("establishment", place_id, "", members, places))
    for groups in (_wing_groups(session, where, cases), _staff_groups(session, where, cases)):
        for group in groups.values():
            if len(group.cases) >= least:
                found.append(
                    _alert(group.kind, group.establishment_id, group.name,
                           list(group.cases.values()), places)
                )  # fmt: skip
    found.sort(key=lambda a: (-a.count, _KIND_ORDER[a.kind], a.label))
    actions = _actions(session, actor, [a.key for a in found])
    return AlertList(
        window_days=window,
        min_cases=least,
        scope=_scope_words(session, actor),
        includes_demo=demo,
        alerts=[a.model_copy(update={"actions": actions.get(a.key, [])}) for a in found],
    )


def _scope_words(session: Session, actor: Actor) -> str:
    if not is_scoped(actor):
        return "all establishments"
    place = session.get(Establishment, actor.establishment_id) if actor.establishment_id else None
    return f"{place.name} (your Board)" if place else "no establishment (you have no Board)"


def _actions(session: Session, actor: Actor, keys: list[str]) -> dict[str, list[AlertActionView]]:
    if not keys:
        return {}
    query = (
        select(PatternAlertAction, User.name)
        .outerjoin(User, col(User.id) == PatternAlertAction.recorded_by_id)
        .where(col(PatternAlertAction.alert_key).in_(keys))
        .order_by(col(PatternAlertAction.recorded_at))
    )
    found: dict[str, list[AlertActionView]] = {}
    own = actor.organisation.value
    for row, name in session.execute(query):
        found.setdefault(row.alert_key, []).append(
            AlertActionView(
                recorded_at=row.recorded_at,
                recorded_by=name,
                organisation=row.organisation,
                note=row.note if row.organisation == own else None,
                references=list(row.references or []),
            )
        )
    return found


def record_alert_action(
    session: Session,
    *,
    actor: Actor,
    key: str,
    note: str,
    settings: Alerts,
    demo_database: bool = False,
) -> PatternAlert:
    """A lead records what was done about an alert they see now; audited. The caller commits."""
    may_record(actor)
    text = required_text(note or "", what="a note saying what was done", limit=MAX_NOTE)
    alerts = find_alerts(session, actor=actor, settings=settings, demo_database=demo_database)
    wanted = key.strip().lower()
    alert = next((a for a in alerts.alerts if a.key == wanted), None)
    if alert is None:
        raise NotFoundError(
            f"no pattern alert {key.strip()!r} that {actor.name} can see now "
            "(see `backoffice alerts` for the keys)"
        )
    row = PatternAlertAction(
        alert_key=alert.key,
        label=alert.label,
        organisation=actor.organisation.value,
        references=alert.references,
        note=text,
        recorded_by_id=actor.id,
        recorded_at=datetime.now(UTC),
    )
    session.add(row)
    session.flush()
    record_access(
        session, actor=actor, action="alert.action_recorded", entity="pattern_alert_action",
        entity_id=row.id, details={"key": alert.key, "references": alert.references},
        separate=False,
    )  # fmt: skip
    mine = AlertActionView(
        recorded_at=row.recorded_at,
        recorded_by=actor.name,
        organisation=row.organisation,
        note=text,
        references=alert.references,
    )
    return alert.model_copy(update={"actions": [*alert.actions, mine]})
