"""Consent as the protocol means it (para 23, flowchart step 4): the person's own, current wishes.

A case's consent records are a history of snapshots (``ConsentRecord``); the newest is the
current state. Consent said by someone else (family, a solicitor, another prisoner, staff) is
recorded but counts for nothing until the person confirms it themselves. The one exception is
para 23's: an immediate serious risk, a recorded justification, confirmed by a second person of
the receiving organisation; it allows a referral to the establishment's senior manager only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from intake.core.db.models import ConsentRecord
from intake.core.vocabulary import ConsentGiver

#: The fields of a consent snapshot that carry forward from one record to the next.
SNAPSHOT_FIELDS = (
    "given_by",
    "pursue",
    "share_identity",
    "imb_enquiries",
    "refer_without_consent",
    "justification",
    "exception_by_id",
    "confirmed_by_id",
    "confirmed_at",
)


@dataclass(frozen=True)
class ConsentState:
    """What the newest consent snapshot allows."""

    given_by: ConsentGiver | None = None
    said_pursue: bool = False
    said_share_identity: bool = False
    said_imb_enquiries: bool = False
    exception_recorded: bool = False
    exception_confirmed: bool = False
    exception_recorded_by_id: int | None = None

    @property
    def from_person(self) -> bool:
        return self.given_by is ConsentGiver.PERSON

    @property
    def pursue(self) -> bool:
        """The person's own consent to the allegation being pursued."""
        return self.from_person and self.said_pursue

    @property
    def share_identity(self) -> bool:
        return self.pursue and self.said_share_identity

    @property
    def imb_enquiries(self) -> bool:
        return self.pursue and self.said_imb_enquiries

    @property
    def awaiting_person(self) -> bool:
        """Someone else consented for them; the person has not yet confirmed it."""
        return self.given_by is not None and not self.from_person and self.said_pursue

    @property
    def may_refer(self) -> bool:
        """A referral to the senior manager may go ahead (with consent or the exception)."""
        return self.pursue or self.exception_confirmed

    @property
    def may_refer_named(self) -> bool:
        return self.share_identity or self.exception_confirmed

    def short(self) -> str:
        """A few words for a table column (the tracker)."""
        if self.given_by is None:
            words = "not asked yet: to be sought"
        elif self.awaiting_person:
            words = f"{self.given_by.value} consented: awaiting the person"
        elif not self.pursue:
            words = "declined: logged only"
        else:
            words = "consents, named" if self.share_identity else "consents, anonymous"
        if self.exception_confirmed:
            words += "; without-consent referral confirmed"
        elif self.exception_recorded:
            words += "; without-consent referral awaiting confirmation"
        return words

    def summary(self) -> str:
        """One line for staff: what the person agreed to, and whose word it is."""
        if self.given_by is None:
            return (
                "consent not asked yet (it came in writing): the person's own is sought at "
                "step 4, and nothing that needs consent goes ahead until then"
            )
        if self.awaiting_person:
            base = (
                f"consent given by {self.given_by.label}: not yet confirmed by the person, "
                "so nothing that needs consent goes ahead"
            )
        elif not self.pursue:
            base = "the person does not consent: logged only, not pursued"
        elif self.share_identity:
            base = "the person consents, including sharing their identity with the establishment"
        else:
            base = "the person consents, but not to their identity being shared"
        if self.pursue and not self.imb_enquiries:
            base += "; no IMB enquiries"
        if self.exception_confirmed:
            base += "; referral without consent confirmed (immediate serious risk)"
        elif self.exception_recorded:
            base += "; referral without consent awaiting a second person's confirmation"
        return base


def consent_state(rows: Sequence[ConsentRecord]) -> ConsentState:
    """The current state from a case's consent records, oldest first."""
    if not rows:
        return ConsentState()
    row = rows[-1]
    return ConsentState(
        given_by=ConsentGiver(row.given_by),
        said_pursue=row.pursue,
        said_share_identity=row.share_identity,
        said_imb_enquiries=row.imb_enquiries,
        exception_recorded=row.refer_without_consent and bool(row.justification),
        exception_confirmed=row.refer_without_consent and row.confirmed_at is not None,
        exception_recorded_by_id=row.exception_by_id if row.refer_without_consent else None,
    )
