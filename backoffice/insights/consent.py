"""Consent in the cases confirmed as qualifying (step 2): how often the person declined."""

from __future__ import annotations

from sqlalchemy import and_, func, select
from sqlalchemy import case as when
from sqlmodel import Session

from backoffice.insights.figures import ConsentFigures
from backoffice.insights.scope import _Scope
from intake.core.db.models import ConsentRecord, SanctionCase, table_of
from intake.core.vocabulary import CaseStatus, ConsentGiver

#: Cases that reached step 2's decision that they qualify (consent matters from then on).
NOT_CONFIRMED = (CaseStatus.RECEIVED.value, CaseStatus.SIGNPOSTED.value)


def _consent(session: Session, scope: _Scope) -> ConsentFigures:
    cases, consent = table_of(SanctionCase), table_of(ConsentRecord)
    newest = (
        select(func.max(consent.c.id))
        .where(consent.c.case_id == cases.c.id)
        .correlate(cases)
        .scalar_subquery()
    )
    person = consent.c.given_by == ConsentGiver.PERSON.value
    query = (
        select(
            func.count(),
            func.sum(when((and_(person, ~consent.c.pursue), 1), else_=0)),
            func.sum(when((and_(person, consent.c.pursue), 1), else_=0)),
        )
        .select_from(cases.outerjoin(consent, consent.c.id == newest))
        .where(*scope.where, scope.current, cases.c.status.not_in(NOT_CONFIRMED))
    )
    confirmed, declined, consents = session.execute(query).one()
    confirmed, declined, consents = int(confirmed), int(declined or 0), int(consents or 0)
    return ConsentFigures(
        confirmed=confirmed,
        declined=declined,
        consents=consents,
        not_from_person=confirmed - declined - consents,
    )
