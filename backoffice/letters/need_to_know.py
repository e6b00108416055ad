"""A letter holds the person's name: only staff identified to the case fill, save or read one."""

from __future__ import annotations

from sqlmodel import Session

from backoffice.access import READ_ROLES, WORKFLOW_ROLES, get_visible_case, is_identified, require
from intake.core.db.models import SanctionCase
from intake.core.errors import PermissionDenied
from intake.core.users import Actor


def _require_identified(actor: Actor, case: SanctionCase, *, what: str) -> None:
    if not is_identified(actor, case):
        raise PermissionDenied(
            f"{actor.name} ({actor.organisation.value}) may not {what} for {case.reference}: "
            f"a letter holds the person's name, for those identified to the case only"
        )


def _writable_case(session: Session, actor: Actor, reference: str) -> SanctionCase:
    require(actor, what="write letters", roles=WORKFLOW_ROLES)
    case = get_visible_case(session, actor, reference)
    _require_identified(actor, case, what="write a letter")
    return case


def _readable_case(session: Session, actor: Actor, reference: str) -> SanctionCase:
    require(actor, what="read letters", roles=READ_ROLES)
    case = get_visible_case(session, actor, reference)
    _require_identified(actor, case, what="read a letter")
    return case
