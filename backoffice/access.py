"""Roles and need to know, enforced in the services so the CLI and the TUI cannot differ.

- HMIP and PPO staff see every case; IMB staff see only the cases of their own establishment
  (``User.establishment_id``). Supervisors override that scope.
- A case the actor may not see is reported as not found, so its existence is not revealed.
- Intake staff record allegations; they take no workflow step and make no override.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import ColumnElement, false, true
from sqlmodel import Session, col, select

from intake.db.models import SanctionCase
from intake.errors import NotFoundError, PermissionDenied
from intake.users import Actor
from intake.vocabulary import Organisation, Role

WORKFLOW_ROLES = (Role.TRIAGE, Role.SUPERVISOR, Role.LEAD)
READ_ROLES = (Role.INTAKE, Role.TRIAGE, Role.SUPERVISOR, Role.LEAD, Role.ADMIN)
EXPORT_ROLES = (Role.SUPERVISOR, Role.LEAD, Role.ADMIN)


def is_scoped(actor: Actor) -> bool:
    """True when the actor sees only their own establishment's cases."""
    return actor.organisation == Organisation.IMB and actor.role != Role.SUPERVISOR


def visible_cases_filter(actor: Actor) -> ColumnElement[bool]:
    """A WHERE clause limiting SanctionCase rows to those the actor may see."""
    if not is_scoped(actor):
        return true()
    if actor.establishment_id is None:
        return false()
    return col(SanctionCase.establishment_id) == actor.establishment_id


def can_see(actor: Actor, case: SanctionCase) -> bool:
    if not is_scoped(actor):
        return True
    return actor.establishment_id is not None and case.establishment_id == actor.establishment_id


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
            f"this needs a {_names(role_list)} user"
        )
    if org_list is not None and actor.organisation not in org_list:
        raise PermissionDenied(
            f"{actor.name} ({actor.organisation.value}) may not {what}: "
            f"this is for {_names(org_list)} staff"
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
