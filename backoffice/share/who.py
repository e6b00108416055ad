"""Who shares the log: HMIP leads only."""

from __future__ import annotations

from backoffice.access import require
from intake.core.users import Actor
from intake.core.vocabulary import Organisation, Role

SHARE_ROLES = (Role.LEAD,)
SHARE_ORGANISATIONS = (Organisation.HMIP,)
WHAT = "share the log with the IMB and PPO leads"


def may_share(actor: Actor) -> None:
    require(actor, what=WHAT, roles=SHARE_ROLES)
    require(actor, what=WHAT, organisations=SHARE_ORGANISATIONS)


def is_sharer(actor: Actor) -> bool:
    return actor.role in SHARE_ROLES and actor.organisation in SHARE_ORGANISATIONS
