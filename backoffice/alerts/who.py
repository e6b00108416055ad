"""Who may: supervisors and leads see pattern alerts; leads record what was done."""

from __future__ import annotations

from backoffice.access import require
from intake.core.users import Actor
from intake.core.vocabulary import Role

SEE_ROLES = (Role.SUPERVISOR, Role.LEAD)
RECORD_ROLES = (Role.LEAD,)


def may_see_alerts(actor: Actor) -> None:
    require(actor, what="see pattern alerts", roles=SEE_ROLES)


def may_record(actor: Actor) -> None:
    require(actor, what="record what was done about a pattern alert", roles=RECORD_ROLES)
