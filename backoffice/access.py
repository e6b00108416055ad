"""Roles and need to know, enforced in the services so the CLI and the TUI cannot differ.

Who sees a case at all (visibility):

- IMB staff of every role see only their own Board's cases (``User.establishment_id``); the IMB
  national lead (IMB role ``lead``) sees every Board's cases. An IMB user without an
  establishment who is not the national lead sees none.
- Intake staff (of any organisation) see only the cases they recorded.
- HMIP and PPO triage, supervisors, leads and admins see every case (HMIP keeps the log of all
  incidences, protocol para 24).
- A case the actor may not see is reported as not found, so its existence is not revealed.

Who sees who the person is (identification): the organisation that received the allegation,
an organisation the case was handed to (``SanctionCase.identified_to``: the IMB for enquiries
with consent, the PPO once it investigates) and the intake user who recorded it. Admins are
never identified. Everyone else reads the case pseudonymised (:mod:`backoffice.case_view`).

Acting: supervisors act only on their own organisation's cases (:func:`require_own_organisation`).
Intake staff record allegations; they take no workflow step and make no override.

Each rule exists twice, as a Python predicate for one loaded case and as a SQL clause for
queries; ``tests/backoffice/test_bo_need_to_know.py`` checks the two agree.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import ColumnElement, Text, cast, false, or_, true
from sqlmodel import Session, col, select

from intake.core.db.models import Establishment, SanctionCase
from intake.core.errors import NotFoundError, PermissionDenied
from intake.core.users import Actor
from intake.core.vocabulary import Organisation, Role

WORKFLOW_ROLES = (Role.TRIAGE, Role.SUPERVISOR, Role.LEAD)
READ_ROLES = (Role.INTAKE, Role.TRIAGE, Role.SUPERVISOR, Role.LEAD, Role.ADMIN)
EXPORT_ROLES = (Role.SUPERVISOR, Role.LEAD, Role.ADMIN)


# ---- visibility ----------------------------------------------------------------------------


def sees_own_records_only(actor: Actor) -> bool:
    """Intake staff see only what they recorded."""
    return actor.role == Role.INTAKE


def is_scoped(actor: Actor) -> bool:
    """True when the actor sees only their own Board's (establishment's) cases."""
    return actor.organisation == Organisation.IMB and actor.role not in (Role.LEAD, Role.INTAKE)


def scope_words(session: Session, actor: Actor) -> str:
    """Which cases ``actor``'s figures cover, in words ("HMP Leeds (your Board)")."""
    if not is_scoped(actor):
        return "all establishments"
    place = session.get(Establishment, actor.establishment_id) if actor.establishment_id else None
    return f"{place.name} (your Board)" if place else "no establishment (you have no Board)"


def visible_cases_filter(actor: Actor) -> ColumnElement[bool]:
    """A WHERE clause limiting SanctionCase rows to those the actor may see."""
    if sees_own_records_only(actor):
        if actor.id is None:
            return false()
        return col(SanctionCase.created_by_id) == actor.id
    if not is_scoped(actor):
        return true()
    if actor.establishment_id is None:
        return false()
    return col(SanctionCase.establishment_id) == actor.establishment_id


def can_see(actor: Actor, case: SanctionCase) -> bool:
    """Whether the actor may see this case at all (the Python twin of the filter above)."""
    if sees_own_records_only(actor):
        return actor.id is not None and case.created_by_id == actor.id
    if not is_scoped(actor):
        return True
    return actor.establishment_id is not None and case.establishment_id == actor.establishment_id


# ---- identification ------------------------------------------------------------------------


def _org(value: object) -> str:
    return str(getattr(value, "value", value))


def is_identified(actor: Actor, case: SanctionCase) -> bool:
    """Whether the actor may see who the person is (name, numbers, location).

    The receiving organisation, an organisation handed the case, and the intake user who
    recorded it; never an admin.
    """
    if actor.role == Role.ADMIN:
        return False
    if actor.id is not None and case.created_by_id == actor.id:
        return True
    org = actor.organisation.value
    return case.receiving_organisation == org or org in {_org(o) for o in case.identified_to or []}


def handed_to_clause(organisation: Organisation) -> ColumnElement[bool]:
    """Cases whose ``identified_to`` list holds this organisation.

    The list is JSON of fixed words ("HMIP", "IMB", "PPO"), so looking for the quoted word in
    its text is exact and works alike on SQLite and PostgreSQL.
    """
    text = cast(SanctionCase.identified_to, Text)
    return text.like(f'%"{organisation.value}"%')


def identified_filter(actor: Actor) -> ColumnElement[bool]:
    """A SQL expression: true for the cases the actor is identified to (see is_identified)."""
    if actor.role == Role.ADMIN:
        return false()
    found = [
        col(SanctionCase.receiving_organisation) == actor.organisation.value,
        handed_to_clause(actor.organisation),
    ]
    if actor.id is not None:
        found.append(col(SanctionCase.created_by_id) == actor.id)
    return or_(*found)


def identity_note(case: SanctionCase, actor: Actor | None = None) -> str:
    """One line for a reader who is not identified: why the person's details are withheld."""
    if actor is not None and actor.role == Role.ADMIN:
        return "Pseudonymised: administrators never see who the person is"
    receiving = case.receiving_organisation
    handed = [o for o in dict.fromkeys(_org(x) for x in case.identified_to or []) if o != receiving]
    who = [f"{receiving} (received it)", *(f"{o} (handed the case)" for o in handed)]
    return f"Pseudonymised: identity only for {', '.join(who)} and whoever recorded it"


# ---- roles and acting ----------------------------------------------------------------------


def _names(values: Iterable[object]) -> str:
    items = [str(getattr(v, "value", v)) for v in values]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


def require(
    actor: Actor,
    *,
    what: str,
    roles: Iterable[Role] | None = None,
    organisations: Iterable[Organisation] | None = None,
) -> None:
    """Raise PermissionDenied unless the actor has one of the roles and organisations."""
    role_list = list(roles) if roles is not None else None
    org_list = list(organisations) if organisations is not None else None
    if role_list is not None and actor.role not in role_list:
        raise PermissionDenied(
            f"{actor.name} ({actor.role.value}) may not {what}: "
            f"this is for {_names(role_list)} users"
        )
    if org_list is not None and actor.organisation not in org_list:
        raise PermissionDenied(
            f"{actor.name} ({actor.organisation.value}) may not {what}: "
            f"this is for {_names(org_list)} staff"
        )


def require_own_organisation(actor: Actor, case: SanctionCase, *, what: str) -> None:
    """PermissionDenied unless the case was received by the actor's own organisation.

    For what only the receiving organisation's supervisors decide: overriding its
    classification, confirming a referral without consent, reopening it.
    """
    if case.receiving_organisation != actor.organisation.value:
        raise PermissionDenied(
            f"{actor.name} ({actor.organisation.value}) may not {what} on {case.reference}: "
            f"it was received by {case.receiving_organisation}, whose supervisors decide that"
        )


def require_active_role(actor: Actor) -> None:
    """Anyone reading the back office must hold a known role (all roles read, scoped)."""
    require(actor, what="use the back office", roles=READ_ROLES)


def get_visible_case(session: Session, actor: Actor, reference: str) -> SanctionCase:
    """The case with this reference, if the actor may see it; otherwise NotFoundError."""
    require_active_role(actor)
    text = reference.strip().upper()
    case = session.exec(select(SanctionCase).where(SanctionCase.reference == text)).first()
    if case is None or not can_see(actor, case):
        raise NotFoundError(f"no case {text} that {actor.name} can see")
    return case
