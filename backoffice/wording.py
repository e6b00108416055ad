"""Words about a case that both front ends print: the CLI's lines and the TUI's screens say the
same thing the same way (risk in words, never colour alone; a consent snapshot on one line)."""

from __future__ import annotations

from backoffice.text import plain
from backoffice.view_models import ClassificationRecord, ConsentView, QueueRow, RiskView
from intake.core.risk import reason_words

ASK_NOW = "ask now"


def risk_words(row: QueueRow) -> str:
    """The risk level, with "ask now" beside it for a possible immediate risk: in words, so it
    never rests on colour alone."""
    return f"{row.risk_level}, {ASK_NOW}" if row.ask_now else row.risk_level


def seen_risk(c: ClassificationRecord) -> str | None:
    """What a view without a risk level of its own (the rules', a model's, intake staff's) saw
    in the words about risk, when it saw anything."""
    if c.risk_level is not None:
        return None
    if c.immediate_risk:
        return "immediate risk seen"
    return "possible immediate risk seen" if c.possible_immediate_risk else None


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def consent_line(c: ConsentView) -> str:
    """One snapshot of the consent history, on one line."""
    said = (
        f"pursue {_yes(c.pursue)}, identity {_yes(c.share_identity)}, IMB {_yes(c.imb_enquiries)}"
    )
    if c.refer_without_consent:
        confirmed = f"confirmed by {c.confirmed_by}" if c.confirmed_by else "not yet confirmed"
        said += f"; WITHOUT consent ({confirmed})"
    who = c.given_by.replace("_", " ")
    note = f" - {c.note}" if c.note else ""
    return plain(f"{c.recorded_at:%Y-%m-%d} {c.kind}, by {who}: {said}{note}")


def risk_action(r: RiskView) -> str | None:
    """What was done at once about an immediate risk: who was told, when."""
    if not r.action_taken:
        return None
    when = f" ({r.action_at})" if r.action_at else ""
    return plain(f"{r.action_taken}{when}")


def hearing_words(out_of_hearing: bool | None) -> str | None:
    """Whether the interview was held out of the hearing of staff (None: it was not asked)."""
    if out_of_hearing is None:
        return None
    if out_of_hearing:
        return "interview held out of the hearing of staff"
    return "interview NOT held out of the hearing of staff: they may not have spoken freely"


def move_words(r: RiskView) -> str | None:
    """A removal, release or transfer coming up, and when it is due."""
    if not r.move_kind:
        return None
    kind = reason_words().moves.get(r.move_kind, r.move_kind.replace("_", " "))
    due = f"due {r.move_date.isoformat()}" if r.move_date else "date not known"
    return f"{kind} coming up, {due}"


def risk_reasons(r: RiskView) -> list[str]:
    """Why the level is what it is; for an assessment recorded before the reasons were, the
    heightened-risk factors it ticked."""
    if r.reasons:
        return [plain(reason) for reason in r.reasons]
    words = reason_words().heightened
    return [plain(words.get(v, v.replace("_", " "))) for v in r.vulnerabilities]
