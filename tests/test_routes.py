"""Which routes a submission proposes: properties that hold for every combination people give."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from intake.core.submission import CaseSubmission, ClassificationView, proposed_routes
from intake.core.vocabulary import Organisation, Qualifies, RaisedBy, Route

routes = st.sampled_from(list(Route))


@st.composite
def submissions(draw: st.DrawFn) -> CaseSubmission:
    def view() -> ClassificationView:
        return ClassificationView(
            qualifies=draw(st.sampled_from(list(Qualifies))),
            route=draw(routes),
            routes=draw(st.lists(routes, max_size=3)),
        )

    return CaseSubmission(
        receiving_organisation=draw(st.sampled_from(list(Organisation))),
        raised_by=draw(st.sampled_from(list(RaisedBy))),
        staff_fears_reprisal=draw(st.booleans()),
        routes=draw(st.lists(routes, max_size=3)),
        rules=view(),
        staff_view=view() if draw(st.booleans()) else None,
    )


@given(submissions())
def test_routes_are_never_empty_and_never_repeat(submission: CaseSubmission) -> None:
    found = proposed_routes(submission)
    assert found and len(found) == len(set(found))


@given(submissions())
def test_whistleblowing_only_for_staff_fearing_for_themselves(submission: CaseSubmission) -> None:
    staff_voice = submission.raised_by == RaisedBy.STAFF_SELF or submission.staff_fears_reprisal
    assert (Route.WHISTLEBLOWING in proposed_routes(submission)) == (
        staff_voice
        and (
            submission.staff_fears_reprisal
            or Route.WHISTLEBLOWING in _everything_proposed(submission)
        )
    )


@given(submissions())
def test_a_sanction_proposed_anywhere_is_kept(submission: CaseSubmission) -> None:
    if Route.SANCTION_PROTOCOL in _everything_proposed(submission):
        assert Route.SANCTION_PROTOCOL in proposed_routes(submission)


@given(submissions())
def test_a_prisoners_account_sent_to_whistleblowing_stays_with_the_protocol(
    submission: CaseSubmission,
) -> None:
    not_staff = submission.raised_by != RaisedBy.STAFF_SELF and not submission.staff_fears_reprisal
    if not_staff and submission.effective.route == Route.WHISTLEBLOWING:
        assert proposed_routes(submission)[0] == Route.SANCTION_PROTOCOL


def _everything_proposed(submission: CaseSubmission) -> set[Route]:
    views = [v for v in (submission.staff_view, submission.rules) if v is not None]
    return {r for v in views for r in (v.route, *v.routes)} | set(submission.routes)
