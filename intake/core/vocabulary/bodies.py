"""The oversight bodies, the places the protocol covers (para 3) and the roles of their staff."""

from __future__ import annotations

from enum import StrEnum


class Body(StrEnum):
    """The three oversight bodies a person may communicate, or try to communicate, with."""

    HMIP = "HMIP"
    IMB = "IMB"
    PPO = "PPO"

    @property
    def full_name(self) -> str:
        return _BODY_NAMES[self]


_BODY_NAMES = {
    Body.HMIP: "HM Inspectorate of Prisons",
    Body.IMB: "Independent Monitoring Board",
    Body.PPO: "Prisons and Probation Ombudsman",
}

# The receiving organisations are the protocol's three bodies.
Organisation = Body


class EstablishmentType(StrEnum):
    """Places the protocol covers (para 3)."""

    PRISON = "prison"
    YOI = "yoi"
    STC = "stc"
    IRC = "irc"
    STHF = "sthf"
    #: A holding room at an airport or port: a non-residential short-term holding facility.
    HOLDING_ROOM = "holding"

    @property
    def has_board(self) -> bool:
        """An Independent Monitoring Board monitors it: not a secure training centre, whose
        IMB steps the receiving organisation does instead (issue 15)."""
        return self is not EstablishmentType.STC

    @property
    def holds_detainees(self) -> bool:
        """Immigration detention: people are detainees with a Home Office reference."""
        return self in (
            EstablishmentType.IRC,
            EstablishmentType.STHF,
            EstablishmentType.HOLDING_ROOM,
        )

    @property
    def label(self) -> str:
        return _ESTABLISHMENT_TYPE_LABELS[self]


_ESTABLISHMENT_TYPE_LABELS = {
    EstablishmentType.PRISON: "prison",
    EstablishmentType.YOI: "young offender institution",
    EstablishmentType.STC: "secure training centre",
    EstablishmentType.IRC: "immigration removal centre",
    EstablishmentType.STHF: "short-term holding facility",
    EstablishmentType.HOLDING_ROOM: "holding room at an airport or port",
}


class Role(StrEnum):
    INTAKE = "intake"
    TRIAGE = "triage"
    SUPERVISOR = "supervisor"
    LEAD = "lead"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return "administrator" if self is Role.ADMIN else self.value
