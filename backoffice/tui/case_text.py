"""The case screen's parts as Rich Text: built from the read models, never from markup.

Everything people typed (narratives, notes, reasons) is appended as plain text, so square
brackets or escape sequences in a narrative are shown, not interpreted.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from rich.text import Text

from backoffice.text import plain
from backoffice.view_models import (
    AvailableAction,
    CaseView,
    ClassificationRecord,
    QueueRow,
    RecommendationView,
    TaskView,
)
from backoffice.wording import (
    ASK_NOW,
    categories_words,
    classification_words,
    consent_line,
    disagreement_words,
    hearing_words,
    move_words,
    outcome_words,
    reassurance_words,
    risk_action,
    risk_level_words,
    risk_reasons,
    route_words,
    seen_risk,
    source_words,
    status_words,
    way_in_words,
)
from backoffice.workflow.words import audit_words
from intake.core.vocabulary import (
    Duty,
    RecommendationStatus,
    answer_label,
    answer_labels,
    evidence_words,
    label_of,
)

RISK_STYLES = {"immediate": "bold red", "high": "bold yellow", "standard": ""}
ASK_NOW_STYLE = "bold black on yellow"
LATE = "bold red"
MUTED = "dim"


def _when(value: datetime | date | None) -> str:
    if value is None:
        return "-"
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    return value.isoformat()


def _line(text: Text, *parts: str | tuple[str, str]) -> None:
    for part in parts:
        if isinstance(part, tuple):
            text.append(plain(part[0]), style=part[1])
        else:
            text.append(plain(part))
    text.append("\n")


def flags(row: QueueRow) -> list[tuple[str, str]]:
    """The header's flags; PSEUDONYMISED first, so a narrow screen never cuts it off."""
    found = [("PSEUDONYMISED", "bold cyan")] if not row.identified else []
    if row.overdue:
        found.append((f"OVERDUE({row.overdue_tasks})", LATE))
    if row.overdue_recommendations:
        found.append((f"RECOMMENDATION OVERDUE({row.overdue_recommendations})", LATE))
    if row.overridden:
        found.append(("OVERRIDDEN", "bold magenta"))
    if row.awaiting_supervisor:
        found.append(("AWAITING SUPERVISOR", "bold yellow"))
    if row.still_monitored:
        found.append(("STILL MONITORED", "bold yellow"))
    if row.is_demo:
        found.append(("DEMO", MUTED))
    return found


def header_text(view: CaseView) -> Text:
    """Two or three lines at the top of the case screen."""
    s = view.summary
    text = Text()
    _line(
        text,
        (s.reference, "bold"),
        f"  v{s.version}  {status_words(s.status)}  risk ",
        (risk_level_words(s.risk_level), RISK_STYLES.get(s.risk_level, "")),
        *((", ", (ASK_NOW, ASK_NOW_STYLE)) if s.ask_now else ()),
        *[part for flag in flags(s) for part in ("  ", flag)],
    )
    place = s.establishment or view.place_text or "-"
    _line(
        text,
        f"{s.receiving_organisation} · {place} · received {s.created_at:%Y-%m-%d} ({s.age_days}d)",
    )
    step = f"step {view.current_step}: {view.current_step_label}" if view.current_step else None
    _line(text, (step or f"outcome: {outcome_words(view.outcome)}", "italic"))
    text.rstrip()
    return text


def summary_text(view: CaseView) -> Text:
    s, p = view.summary, view.person
    text = Text()
    _line(text, ("Classification (effective)", "bold underline"))
    _line(text, classification_words(s))
    if len(view.routes) > 1:
        _line(text, f"routes: {'; '.join(route_words(r) for r in view.routes)}")
    _line(text, f"categories: {categories_words(s.categories)}")
    for d in view.disagreements:
        _line(text, ("DISAGREE ", "bold yellow"), disagreement_words(d))
    _line(text, "")
    _line(text, ("Person", "bold underline"))
    age = f"age: {answer_label('age_band', p.age_band)}" if p.age_band else None
    if view.identified:
        known = [p.name or "name not given", p.prison_number or p.home_office_ref, age, p.location]
        _line(text, " · ".join(part for part in known if part))
    else:
        pseudonym = (p.pseudonym or "no identifier recorded", "bold cyan")
        _line(text, pseudonym, f" · {age}" if age else "")
        _line(text, (view.identity_note or "pseudonymised", MUTED))
    _line(text, way_in_words(view))
    if (reassurance := reassurance_words(view)) is not None:
        _line(text, reassurance)
    hearing = hearing_words(view.out_of_hearing)
    if hearing:
        style = "" if view.out_of_hearing else "bold yellow"
        _line(text, (hearing, style))
    channel = view.communication_channel
    how = f" ({answer_label('channel', channel)})" if channel else ""
    when = f" on {_when(view.communication_when)}" if view.communication_when else ""
    _line(text, f"contacted {', '.join(view.bodies) or '-'}{how}{when}")
    _line(text, "")
    _consent(text, view)
    _risk(text, view)
    if view.tracker:
        t = view.tracker
        dates = ", ".join(f"{k}: {v}" for k, v in sorted(t.step_dates.items(), key=_step_key))
        _line(text, ("HMIP sanctions tracker", "bold underline"))
        _line(text, f"logged {_when(t.logged_at)} by {t.logged_by or '-'}")
        _line(text, f"step dates: {dates or '-'}")
    _signposts(text, view)
    _kept_informed(text, view)
    _earlier_cases(text, view)
    _letters(text, view)
    text.rstrip()
    return text


def _letters(text: Text, view: CaseView) -> None:
    """Letters to the person saved on the case (their words: ``l``, or `backoffice letters`)."""
    if not view.letters:
        return
    _line(text, ("Letters to the person", "bold underline"))
    for letter in view.letters:
        sent = f"sent {_when(letter.sent_at)}" if letter.sent_at else "not marked sent"
        by = f" by {letter.created_by}" if letter.created_by else ""
        _line(text, (letter.title, "bold"), (f" · {_when(letter.created_at)}{by} · {sent}", MUTED))


def _kept_informed(text: Text, view: CaseView) -> None:
    """IMB monitoring and the updates to the internal lead and the partners (para 23, 25)."""
    monitoring = [t for t in view.tasks if t.duty == Duty.IMB_MONITORING.value and t.is_open]
    updates = [t for t in view.tasks if t.duty in _UPDATE_DUTIES and t.done_at]
    if not (monitoring or updates):
        return
    _line(text, ("Monitoring and updates", "bold underline"))
    for t in monitoring:
        _line(text, f"IMB monitoring by {t.owner_organisation}: next review {_when(t.due)}")
    for t in updates:
        _line(text, (f"{_when(t.done_at)} ", MUTED), t.title)
        if t.note:
            _line(text, ("  ", ""), (t.note, "italic"))


_UPDATE_DUTIES = (Duty.INFORM_PARTNERS.value, Duty.INFORM_INTERNAL_LEAD.value)


def _earlier_cases(text: Text, view: CaseView) -> None:
    if not (view.earlier_cases or view.links):
        return
    _line(text, ("Earlier cases about the same person?", "bold underline"))
    for e in view.earlier_cases:
        received = f" received {_when(e.received)} · {status_words(e.status)}"
        _line(text, (e.reference, "bold yellow"), received)
        _line(text, f"  {', '.join(e.reasons)}: press k to link it or set it aside")
    for link in view.links:
        why = f" - {link.reason}" if link.reason else ""
        _line(text, (link.earlier_reference, "bold"), f" {link.decision}{why}")


def _signposts(text: Text, view: CaseView) -> None:
    if view.signpost or view.signposts:
        _line(text, ("Signposts", "bold underline"))
    if view.signpost and not view.signposts:
        _line(text, view.signpost)
    for sp in view.signposts:
        by = f" by {sp.told_by}" if sp.told_by else ""
        _line(text, (sp.route_label, "bold"), (f" · told {_when(sp.told_on)}{by}", MUTED))
        _line(text, f"  {' '.join(sp.text.split())}")
        if sp.note:
            _line(text, ("  ", ""), (sp.note, "italic"))


def _step_key(item: tuple[str, str]) -> int:
    return int(item[0]) if item[0].isdigit() else 99


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _consent(text: Text, view: CaseView) -> None:
    _line(text, ("Consent", "bold underline"))
    state, c = view.consent_state, view.consent
    if c is None:
        _line(text, ("no consent recorded", LATE))
        _line(text, "")
        return
    style = "bold yellow" if state.awaiting_person or not state.pursue else ""
    _line(text, (state.summary, style))
    whose = "" if state.from_person else f"as said by {state.given_by_label or 'someone else'}: "
    _line(
        text,
        f"{whose}pursue {_yes(c.pursue)} · share identity {_yes(c.share_identity)} · "
        f"IMB enquiries {_yes(c.imb_enquiries)}",
    )
    if c.refer_without_consent:
        confirmed = f"confirmed by {c.confirmed_by}" if c.confirmed_by else "NOT YET CONFIRMED"
        _line(text, ("referral WITHOUT consent: ", "bold yellow"), f"{c.justification or '-'}")
        _line(text, f"  {confirmed}")
    if len(view.consent_history) > 1:
        _line(text, ("history (oldest first):", MUTED))
        for snapshot in view.consent_history:
            _line(text, (f"  {consent_line(snapshot)}", MUTED))
    else:
        _line(text, (f"recorded by {c.recorded_by or '-'} {_when(c.recorded_at)}", MUTED))
    _line(text, "")


def _risk(text: Text, view: CaseView) -> None:
    _line(text, ("Risk", "bold underline"))
    if view.summary.ask_now:
        _line(
            text,
            (ASK_NOW, ASK_NOW_STYLE),
            ": the words suggest a possible immediate risk; ask the person now",
        )
    if not view.risk:
        _line(text, f"{risk_level_words(view.summary.risk_level)} (no assessment recorded)")
    for r in view.risk:
        signs = [
            name
            for name, on in (
                ("immediate danger", r.immediate_danger),
                ("self-harm", r.self_harm),
                ("injuries", r.injuries),
            )
            if on
        ]
        reasons = risk_reasons(r)
        shown = ", ".join(signs) or ("" if reasons else "no signs")
        level = (risk_level_words(r.level), RISK_STYLES.get(r.level, ""))
        _line(text, level, f" · {shown}" if shown else "")
        for reason in reasons:
            _line(text, ("because: ", "bold"), reason)
        move = move_words(r)
        if move:
            _line(text, move)
        if r.vulnerabilities:
            _line(text, f"vulnerabilities: {answer_labels('vulnerabilities', r.vulnerabilities)}")
        if r.notes:
            _line(text, r.notes)
        action = risk_action(r)
        if action:
            _line(text, ("action taken: ", "bold"), action)
        _line(text, (f"assessed by {r.assessed_by or '-'} {_when(r.assessed_at)}", MUTED))
    _line(text, "")


def narrative_text(view: CaseView) -> Text:
    text = Text()
    _line(text, view.narrative or "(no narrative)")
    text.rstrip()
    return text


def transcript_text(view: CaseView) -> Text:
    text = Text()
    if not view.transcript:
        _line(text, ("no interview transcript (entered without the guided interview)", MUTED))
    for line in view.transcript:
        _line(text, (f"{line.seq}. {line.question}", "bold"))
        _line(text, f"   {line.answer}")
    text.rstrip()
    return text


def _evidence(item: dict[str, Any]) -> str:
    quote = item.get("matched") or item.get("text") or ""
    words = item.get("stands_for") or evidence_words(str(item.get("label") or ""))
    return f'"{quote}" → {words}' if quote else str(words)


def _classification(text: Text, c: ClassificationRecord) -> None:
    who = f" by {c.created_by}" if c.created_by else ""
    seen = seen_risk(c)
    _line(text, (source_words(c.source).upper(), "bold"), (f"  {_when(c.created_at)}{who}", MUTED))
    _line(
        text,
        f"  {classification_words(c)} · "
        f"risk: {risk_level_words(c.risk_level)}{f' · {seen}' if seen else ''}",
    )
    _line(text, f"  categories: {categories_words(c.categories)}")
    if c.reason:
        _line(text, "  reason: ", (c.reason, "italic"))
    if c.rationale:
        _line(text, f"  rationale: {c.rationale}")
    for item in c.evidence:
        _line(text, ("  evidence: ", MUTED), _evidence(item))


def classifications_text(view: CaseView) -> Text:
    text = Text()
    for d in view.disagreements:
        _line(text, ("DISAGREE ", "bold yellow"), disagreement_words(d))
    for record in reversed(view.classifications):
        _classification(text, record)
    text.rstrip()
    return text


def _task(text: Text, task: TaskView) -> None:
    label = f"step {task.step}" if task.step and not task.duty else "duty"
    if not task.is_open:
        state, style = "done", MUTED
    elif task.overdue:
        state, style = "OVERDUE", LATE
    else:
        state, style = "open", "green"
    if task.proposed:
        state += " proposed"
    due = f"due {_when(task.due)}"
    _line(text, (f"[{state}] ", style), f"{label}: {task.title}")
    done = f" · done {_when(task.done_at)} by {task.done_by}" if task.done_at else ""
    _line(text, (f"    {task.owner_organisation} · ", MUTED), (due, style), (done, MUTED))
    for line in task.what_to_do:
        _line(text, f"    {line}")


def _recommendation(text: Text, r: RecommendationView) -> None:
    state, style = ("done", MUTED) if r.done_at else (
        (f"OVERDUE {r.days_overdue}d", LATE) if r.overdue else ("open", "green")
    )  # fmt: skip
    if r.escalated_at and not r.done_at:
        state += " escalated"
    _line(text, (f"[{state}] ", style), f"recommendation {r.id}: {r.text}")
    _line(text, (f"    {r.owner or '-'} · due {_when(r.due)}", style))
    if r.outcome:
        _line(text, ("    outcome: ", MUTED), r.outcome)
    response = label_of(RecommendationStatus, r.response, missing="no response yet")
    reason = f": {r.response_reason}" if r.response_reason else ""
    _line(text, ("    response: ", MUTED), f"{response}{reason}")
    if r.done_at:
        _line(text, (f"    met {_when(r.done_at)}: ", MUTED), r.evidence or r.note or "-")


def tasks_text(view: CaseView) -> Text:
    text = Text()
    ordered = sorted(view.tasks, key=lambda t: (not t.is_open, t.due or date.max))
    for task in ordered:
        _task(text, task)
    for rec in view.recommendations:
        _recommendation(text, rec)
    if not view.tasks and not view.recommendations:
        _line(text, ("no tasks", MUTED))
    text.rstrip()
    return text


def audit_text(view: CaseView) -> Text:
    text = Text()
    for event in reversed(view.audit):
        stamp = (f"{_when(event.at)} ", MUTED)
        _line(text, stamp, (event.actor, "bold"), f" {audit_words(event)}")
        if event.reason:
            _line(text, "    ", (event.reason, "italic"))
    text.rstrip()
    return text


def actions_text(actions: Iterable[AvailableAction]) -> Text:
    """The numbered actions possible now (keys 1-9), those of other people dimmed."""
    text = Text()
    found = list(actions)
    if not found:
        text.append("No action is possible now.", style=MUTED)
        return text
    for number, action in enumerate(found[:9], start=1):
        where = f"step {action.step}" if action.step else "duty"
        style = "" if action.allowed else MUTED
        text.append(f" {number} ", style="bold reverse" if action.allowed else "reverse dim")
        refused = "" if action.allowed else " - refused now"
        text.append(f" {action.label} ({where}){refused}", style)
        text.append("\n")
    text.rstrip()
    return text
