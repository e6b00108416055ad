"""Plain-text rendering of the read models for the headless CLI (no markup is interpreted)."""

from __future__ import annotations

from collections.abc import Iterator

from backoffice.text import plain
from backoffice.view_models import (
    AvailableAction,
    CaseView,
    QueuePage,
    QueueRow,
    RecommendationView,
    TaskView,
)
from backoffice.wording import (
    categories_words,
    consent_line,
    disagreement_words,
    hearing_words,
    language_words,
    move_words,
    outcome_words,
    reassurance_words,
    risk_action,
    risk_level_words,
    risk_reasons,
    risk_words,
    route_words,
    seen_risk,
    source_words,
    status_words,
    way_in_words,
)
from backoffice.workflow.words import audit_words
from intake.core.vocabulary import Duty, Qualifies, RecommendationStatus, Severity, label_of


def _flags(row: QueueRow) -> str:
    flags = []
    if row.overdue:
        flags.append(f"OVERDUE({row.overdue_tasks})")
    if row.overdue_recommendations:
        flags.append(f"RECOMMENDATION-OVERDUE({row.overdue_recommendations})")
    if row.overridden:
        flags.append("OVERRIDDEN")
    if row.awaiting_supervisor:
        flags.append("AWAITING-SUPERVISOR")
    if row.still_monitored:
        flags.append("STILL-MONITORED")
    if row.is_demo:
        flags.append("demo")
    return " ".join(flags)


def queue_lines(page: QueuePage) -> Iterator[str]:
    if not page.rows:
        yield "no cases match" + (f" {page.search!r}" if page.search else "")
        return
    yield f"{'REFERENCE':15} {'RISK':17} {'STATUS':13} {'ORG':4} {'AGE':>4}  ESTABLISHMENT / FLAGS"
    for row in page.rows:
        place = plain(row.establishment or "-")[:28]
        yield (
            f"{row.reference:15} {risk_words(row):17} {status_words(row.status):13} "
            f"{row.receiving_organisation:4} {row.age_days:>3}d  {place}  {_flags(row)}".rstrip()
        )
    total = f" of {page.total}" if page.total is not None else ""
    more = "; more: --page " + str(page.page + 1) if page.has_next else ""
    yield f"page {page.page}: {len(page.rows)} shown{total}{more}"


def _task_lines(task: TaskView) -> Iterator[str]:
    yield _task_line(task)
    yield from (f"      {plain(line)}" for line in task.what_to_do)


def _task_line(task: TaskView) -> str:
    label = f"step {task.step}" if task.step and not task.duty else "duty"
    state = "done" if not task.is_open else ("OVERDUE" if task.overdue else "open")
    if task.proposed:
        state += " PROPOSED"
    due = task.due.isoformat() if task.due else "-"
    return f"  [{state}] {label}: {plain(task.title)} (owner {task.owner_organisation}, due {due})"


def recommendation_state(rec: RecommendationView) -> str:
    """Done, overdue (by how many days, escalated or not) or open, in words."""
    if rec.done_at:
        return "done"
    if rec.overdue:
        escalated = f", escalated {rec.escalated_at:%Y-%m-%d}" if rec.escalated_at else ""
        return f"OVERDUE {rec.days_overdue}d{escalated}"
    return "open"


def recommendation_lines(rec: RecommendationView) -> Iterator[str]:
    """A recommendation: what, its state, owner and due date; its measurable outcome; the
    establishment's response; the evidence it was met."""
    yield (
        f"  recommendation {rec.id} [{recommendation_state(rec)}] {plain(rec.text)} "
        f"(owner {plain(rec.owner or '-')}, due {rec.due or '-'})"
    )
    if rec.outcome:
        yield f"      outcome to show: {plain(rec.outcome)}"
    response = label_of(RecommendationStatus, rec.response, missing="no response yet")
    when = f" {rec.response_at:%Y-%m-%d}" if rec.response_at else ""
    by = f" (recorded by {plain(rec.response_by)})" if rec.response_by else ""
    reason = f": {plain(rec.response_reason)}" if rec.response_reason else ""
    yield f"      establishment's response: {response}{when}{by}{reason}"
    if rec.done_at:
        evidence = plain(rec.evidence or rec.note or "-")
        yield f"      met {rec.done_at:%Y-%m-%d} by {plain(rec.done_by or '-')}: {evidence}"


def _person_line(view: CaseView) -> str:
    p = view.person
    if not view.identified:
        return f"  person: {p.pseudonym or '-'} (pseudonymised)"
    number = p.prison_number or p.home_office_ref or ""
    return f"  person: {plain(p.name or '-')} {plain(number)}".rstrip()


def _consent_lines(view: CaseView) -> Iterator[str]:
    yield f"Consent: {view.consent_state.summary}"
    if len(view.consent_history) > 1 or any(c.note for c in view.consent_history):
        yield from ("  " + consent_line(c) for c in view.consent_history)
    elif view.consent_history:
        c = view.consent_history[-1]
        if c.refer_without_consent:
            yield "  " + consent_line(c)


def case_lines(view: CaseView, *, audit: bool = True) -> Iterator[str]:
    s = view.summary
    flags = ("PSEUDONYMISED " if not view.identified else "") + _flags(s)
    status = status_words(s.status)
    yield f"{s.reference}  version {s.version}  {status}  risk {risk_words(s)}  {flags}".rstrip()
    if view.identity_note:
        yield f"  {view.identity_note}"
    place = plain(s.establishment or "-")
    yield f"  received {s.created_at:%Y-%m-%d} by {s.receiving_organisation} at {place}"
    routes = "; ".join(route_words(r) for r in view.routes or [s.route])
    yield (
        f"  qualifies: {label_of(Qualifies, s.qualifies)}; "
        f"categories: {categories_words(s.categories)}; "
        f"severity: {label_of(Severity, s.severity)}; "
        f"route{'s' if len(view.routes) > 1 else ''}: {routes}"
    )
    if view.current_step:
        yield f"  now at step {view.current_step}: {view.current_step_label}"
    if view.outcome:
        yield f"  outcome: {outcome_words(view.outcome)}"
    yield _person_line(view)
    yield f"  {way_in_words(view)}"
    if (reassurance := reassurance_words(view)) is not None:
        yield f"  {reassurance}"
    spoken = language_words(view.language, view.interpreter, view.interpreter_language)
    if spoken:
        yield f"  {spoken}"
    hearing = hearing_words(view.out_of_hearing)
    if hearing:
        yield f"  {hearing}"
    yield "Narrative:"
    yield from ("  " + line for line in plain(view.narrative).splitlines() or [""])
    if view.signpost:
        yield f"Signpost: {plain(view.signpost)}"
    for sp in view.signposts:
        by = f" by {sp.told_by}" if sp.told_by else ""
        yield plain(f"Signposted to {sp.route_label}: told {sp.told_on}{by}")
        yield "  " + " ".join(plain(sp.text).split())
    yield from _consent_lines(view)
    yield from _risk_lines(view)
    yield "Classifications:"
    for c in view.classifications:
        reason = f" - {plain(c.reason)}" if c.reason else ""
        seen = seen_risk(c)
        yield (
            f"  {source_words(c.source):14} qualifies: {label_of(Qualifies, c.qualifies)}; "
            f"categories: {categories_words(c.categories)}; "
            f"severity: {label_of(Severity, c.severity)}; route: {route_words(c.route)}; "
            f"risk: {risk_level_words(c.risk_level)}{f'; {seen}' if seen else ''}{reason}"
        )
    for d in view.disagreements:
        yield f"  DISAGREE {disagreement_words(d)}"
    yield "Tasks:"
    for task in view.tasks:
        yield from _task_lines(task)
    for rec in view.recommendations:
        yield from recommendation_lines(rec)
    if view.tracker:
        yield f"Tracker: logged {view.tracker.logged_at:%Y-%m-%d} by {view.tracker.logged_by}"
    yield from _kept_informed_lines(view)
    yield from _earlier_case_lines(view)
    for letter in view.letters:
        sent = f"sent {letter.sent_at:%Y-%m-%d}" if letter.sent_at else "not marked sent"
        by = f" by {plain(letter.created_by)}" if letter.created_by else ""
        yield f"Letter {letter.id}: {letter.title}, {letter.created_at:%Y-%m-%d}{by}, {sent}"
    if audit:
        yield "Audit trail:"
        for e in view.audit:
            why = f" - {plain(e.reason)}" if e.reason else ""
            yield f"  {e.at:%Y-%m-%d %H:%M} {plain(e.actor)}: {audit_words(e)}{why}"


def _kept_informed_lines(view: CaseView) -> Iterator[str]:
    for t in view.tasks:
        if t.duty == Duty.IMB_MONITORING.value and t.is_open:
            yield f"IMB monitoring by {t.owner_organisation}: next review {t.due}"
    updates = (Duty.INFORM_PARTNERS.value, Duty.INFORM_INTERNAL_LEAD.value)
    for t in view.tasks:
        if t.duty in updates and t.done_at:
            note = f" - {plain(t.note)}" if t.note else ""
            yield f"Kept informed {t.done_at:%Y-%m-%d}: {t.title}{note}"


def _risk_lines(view: CaseView) -> Iterator[str]:
    """Each risk assessment: its level, why, a move coming up, what was done at once."""
    for r in view.risk:
        yield f"Risk assessed: {risk_level_words(r.level)}"
        yield from (f"  because: {reason}" for reason in risk_reasons(r))
        move = move_words(r)
        if move:
            yield f"  {move}"
        action = risk_action(r)
        if action:
            yield f"Immediate risk: action taken: {action}"


def _earlier_case_lines(view: CaseView) -> Iterator[str]:
    reference = view.summary.reference
    for e in view.earlier_cases:
        yield (
            f"Possibly the same person as {e.reference} (received {e.received:%Y-%m-%d}, "
            f"{status_words(e.status)}): {', '.join(e.reasons)}"
        )
        yield (
            f"  link it: backoffice link {reference} {e.reference}; if not: backoffice link "
            f"{reference} {e.reference} --not-same --reason '...'"
        )
    for link in view.links:
        why = f" - {plain(link.reason)}" if link.reason else ""
        yield f"Earlier case {link.earlier_reference}: {link.decision}{why}"


def action_lines(actions: list[AvailableAction]) -> Iterator[str]:
    if not actions:
        yield "no action is possible now"
        return
    for a in actions:
        where = f"step {a.step}" if a.step else "duty"
        mark = "you may" if a.allowed else f"refused: {a.why_not}"
        yield f"{where:>10}  {a.name:34} {a.label}"
        yield f"{'':12}who: {a.who}  [{mark}]"
        needs = [*(["--note"] if a.note_required else []), *(f"--{n}" for n in a.needs)]
        if a.outcomes:
            names = ", ".join(o.name + ("" if o.allowed else " (refused now)") for o in a.outcomes)
            yield f"{'':12}outcome{'' if a.outcome_required else ' (optional)'}: {names}"
        if needs:
            yield f"{'':12}needs: {' '.join(n.replace('_', '-') for n in needs)}"
