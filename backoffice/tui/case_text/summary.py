"""The Summary tab: the effective classification, the person, consent, risk, the HMIP tracker,
signposts, monitoring and updates, earlier cases and letters."""

from __future__ import annotations

from rich.text import Text

from backoffice.tui.case_text.style import (
    ASK_NOW_STYLE,
    ATTENTION,
    IDENTITY,
    LATE,
    MUTED,
    RISK_STYLES,
    add_line,
    when_words,
)
from backoffice.view_models import CaseView
from backoffice.wording import (
    ASK_NOW,
    categories_words,
    classification_words,
    consent_line,
    disagreement_words,
    hearing_words,
    language_words,
    move_words,
    reassurance_words,
    risk_action,
    risk_level_words,
    risk_reasons,
    route_words,
    status_words,
    way_in_words,
)
from intake.core.vocabulary import Duty, answer_label, answer_labels


def summary_text(view: CaseView) -> Text:
    s, p = view.summary, view.person
    text = Text()
    add_line(text, ("Classification (effective)", "bold underline"))
    add_line(text, classification_words(s))
    if len(view.routes) > 1:
        add_line(text, f"routes: {'; '.join(route_words(r) for r in view.routes)}")
    add_line(text, f"categories: {categories_words(s.categories)}")
    for d in view.disagreements:
        add_line(text, ("DISAGREE ", ATTENTION), disagreement_words(d))
    add_line(text, "")
    add_line(text, ("Person", "bold underline"))
    age = f"age: {answer_label('age_band', p.age_band)}" if p.age_band else None
    if view.identified:
        known = [p.name or "name not given", p.prison_number or p.home_office_ref, age, p.location]
        add_line(text, " · ".join(part for part in known if part))
    else:
        pseudonym = (p.pseudonym or "no identifier recorded", IDENTITY)
        add_line(text, pseudonym, f" · {age}" if age else "")
        add_line(text, (view.identity_note or "pseudonymised", MUTED))
    add_line(text, way_in_words(view))
    if (reassurance := reassurance_words(view)) is not None:
        add_line(text, reassurance)
    spoken = language_words(view.language, view.interpreter, view.interpreter_language)
    if spoken:
        add_line(text, spoken)
    hearing = hearing_words(view.out_of_hearing)
    if hearing:
        style = "" if view.out_of_hearing else ATTENTION
        add_line(text, (hearing, style))
    channel = view.communication_channel
    how = f" ({answer_label('channel', channel)})" if channel else ""
    when = f" on {when_words(view.communication_when)}" if view.communication_when else ""
    add_line(text, f"contacted {', '.join(view.bodies) or '-'}{how}{when}")
    add_line(text, "")
    _consent(text, view)
    _risk(text, view)
    if view.tracker:
        t = view.tracker
        dates = ", ".join(f"{k}: {v}" for k, v in sorted(t.step_dates.items(), key=_step_key))
        add_line(text, ("HMIP sanctions tracker", "bold underline"))
        add_line(text, f"logged {when_words(t.logged_at)} by {t.logged_by or '-'}")
        add_line(text, f"step dates: {dates or '-'}")
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
    add_line(text, ("Letters to the person", "bold underline"))
    for letter in view.letters:
        sent = f"sent {when_words(letter.sent_at)}" if letter.sent_at else "not marked sent"
        by = f" by {letter.created_by}" if letter.created_by else ""
        add_line(
            text,
            (letter.title, "bold"),
            (f" · {when_words(letter.created_at)}{by} · {sent}", MUTED),
        )


def _kept_informed(text: Text, view: CaseView) -> None:
    """IMB monitoring and the updates to the internal lead and the partners (para 23, 25)."""
    monitoring = [t for t in view.tasks if t.duty == Duty.IMB_MONITORING.value and t.is_open]
    updates = [t for t in view.tasks if t.duty in _UPDATE_DUTIES and t.done_at]
    if not (monitoring or updates):
        return
    add_line(text, ("Monitoring and updates", "bold underline"))
    for t in monitoring:
        add_line(text, f"IMB monitoring by {t.owner_organisation}: next review {when_words(t.due)}")
    for t in updates:
        add_line(text, (f"{when_words(t.done_at)} ", MUTED), t.title)
        if t.note:
            add_line(text, ("  ", ""), (t.note, "italic"))


_UPDATE_DUTIES = (Duty.INFORM_PARTNERS.value, Duty.INFORM_INTERNAL_LEAD.value)


def _earlier_cases(text: Text, view: CaseView) -> None:
    if not (view.earlier_cases or view.links):
        return
    add_line(text, ("Earlier cases about the same person?", "bold underline"))
    for e in view.earlier_cases:
        received = f" received {when_words(e.received)} · {status_words(e.status)}"
        add_line(text, (e.reference, ATTENTION), received)
        add_line(text, f"  {', '.join(e.reasons)}: press k to link it or set it aside")
    for link in view.links:
        why = f" - {link.reason}" if link.reason else ""
        add_line(text, (link.earlier_reference, "bold"), f" {link.decision}{why}")


def _signposts(text: Text, view: CaseView) -> None:
    if view.signpost or view.signposts:
        add_line(text, ("Signposts", "bold underline"))
    if view.signpost and not view.signposts:
        add_line(text, view.signpost)
    for sp in view.signposts:
        by = f" by {sp.told_by}" if sp.told_by else ""
        add_line(text, (sp.route_label, "bold"), (f" · told {when_words(sp.told_on)}{by}", MUTED))
        add_line(text, f"  {' '.join(sp.text.split())}")
        if sp.note:
            add_line(text, ("  ", ""), (sp.note, "italic"))


def _step_key(item: tuple[str, str]) -> int:
    return int(item[0]) if item[0].isdigit() else 99


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _consent(text: Text, view: CaseView) -> None:
    add_line(text, ("Consent", "bold underline"))
    state, c = view.consent_state, view.consent
    if c is None:
        add_line(text, ("no consent recorded", LATE))
        add_line(text, "")
        return
    style = ATTENTION if state.awaiting_person or not state.pursue else ""
    add_line(text, (state.summary, style))
    whose = "" if state.from_person else f"as said by {state.given_by_label or 'someone else'}: "
    add_line(
        text,
        f"{whose}pursue {_yes(c.pursue)} · share identity {_yes(c.share_identity)} · "
        f"IMB enquiries {_yes(c.imb_enquiries)}",
    )
    if c.refer_without_consent:
        confirmed = f"confirmed by {c.confirmed_by}" if c.confirmed_by else "NOT YET CONFIRMED"
        add_line(text, ("referral WITHOUT consent: ", ATTENTION), f"{c.justification or '-'}")
        add_line(text, f"  {confirmed}")
    if len(view.consent_history) > 1:
        add_line(text, ("history (oldest first):", MUTED))
        for snapshot in view.consent_history:
            add_line(text, (f"  {consent_line(snapshot)}", MUTED))
    else:
        add_line(text, (f"recorded by {c.recorded_by or '-'} {when_words(c.recorded_at)}", MUTED))
    add_line(text, "")


def _risk(text: Text, view: CaseView) -> None:
    add_line(text, ("Risk", "bold underline"))
    if view.summary.ask_now:
        add_line(
            text,
            (ASK_NOW, ASK_NOW_STYLE),
            ": the words suggest a possible immediate risk; ask the person now",
        )
    if not view.risk:
        add_line(text, f"{risk_level_words(view.summary.risk_level)} (no assessment recorded)")
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
        add_line(text, level, f" · {shown}" if shown else "")
        for reason in reasons:
            add_line(text, ("because: ", "bold"), reason)
        move = move_words(r)
        if move:
            add_line(text, move)
        if r.vulnerabilities:
            add_line(
                text, f"vulnerabilities: {answer_labels('vulnerabilities', r.vulnerabilities)}"
            )
        if r.notes:
            add_line(text, r.notes)
        action = risk_action(r)
        if action:
            add_line(text, ("action taken: ", "bold"), action)
        add_line(text, (f"assessed by {r.assessed_by or '-'} {when_words(r.assessed_at)}", MUTED))
    add_line(text, "")
