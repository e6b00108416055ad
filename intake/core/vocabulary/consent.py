"""Who raises a concern and whose consent a consent record holds (protocol para 23)."""

from __future__ import annotations

from enum import StrEnum


class RaisedBy(StrEnum):
    """Who is raising the concern (interview step 3)."""

    PERSON = "person"
    ON_BEHALF = "on_behalf"
    STAFF_SELF = "staff_self"

    @property
    def label(self) -> str:
        return _RAISED_BY_LABELS[self]


_RAISED_BY_LABELS = {
    RaisedBy.PERSON: "the person themselves",
    RaisedBy.ON_BEHALF: "someone else, on their behalf",
    RaisedBy.STAFF_SELF: "a member of staff, fearing sanctions against themselves",
}


class ConsentGiver(StrEnum):
    """Whose consent a consent record holds. Only the person's own counts (protocol para 23)."""

    PERSON = "person"
    FAMILY = "family"
    OTHER_PRISONER = "other_prisoner"
    LAWYER = "lawyer"
    STAFF_FOR_PRISONER = "staff_for_prisoner"

    @property
    def label(self) -> str:
        return _GIVER_LABELS[self]


_GIVER_LABELS = {
    ConsentGiver.PERSON: "the person themselves",
    ConsentGiver.FAMILY: "family or a friend, for them",
    ConsentGiver.OTHER_PRISONER: "another prisoner or detainee, for them",
    ConsentGiver.LAWYER: "a solicitor or advocate, for them",
    ConsentGiver.STAFF_FOR_PRISONER: "a member of staff, for them",
}


class ConsentKind(StrEnum):
    """What a consent record's snapshot was made by."""

    INTAKE = "intake"  # what was said at the interview
    CONSULTATION = "consultation"  # the person consulted at step 4
    CHANGE = "change"  # the person gave, confirmed, declined or withdrew consent later
    EXCEPTION = "exception"  # a referral without consent proposed (immediate serious risk)
    EXCEPTION_CONFIRMED = "exception_confirmed"  # confirmed by a second person

    @property
    def label(self) -> str:
        return _CONSENT_KIND_LABELS[self]


_CONSENT_KIND_LABELS = {
    ConsentKind.INTAKE: "at the interview",
    ConsentKind.CONSULTATION: "consulted at step 4",
    ConsentKind.CHANGE: "changed later",
    ConsentKind.EXCEPTION: "referral without consent proposed",
    ConsentKind.EXCEPTION_CONFIRMED: "referral without consent confirmed",
}
