"""Effects: the changes named in workflow.yaml that need code (tracker, consent, recommendations).

Case fields go into ``ctx.changes`` and are written, with the action's own audit event, by the
engine; changes to other records are audited here, each as an event on the case. One module per
kind of effect: step 2's triage and signposts (:mod:`.triage`), escalation (:mod:`.escalation`),
the HMIP tracker (:mod:`.tracker`), consent and who is handed the identity (:mod:`.consent`),
recommendations (:mod:`.recommendations`), and the parallel duties' updates and closing
(:mod:`.duties`); this registry names each as workflow.yaml does.
"""

from __future__ import annotations

from collections.abc import Callable

from backoffice.workflow.context import ActionContext
from backoffice.workflow.effects.consent import (
    confirm_without_consent,
    consent_changed,
    consent_from_consultation,
    hand_to_imb,
    hand_to_ppo,
    record_without_consent,
)
from backoffice.workflow.effects.duties import close_open_tasks, record_update
from backoffice.workflow.effects.escalation import (
    propose,
    propose_from_note,
    propose_if_exceptional,
)
from backoffice.workflow.effects.recommendations import (
    MAX_RECOMMENDATIONS,
    close_when_done,
    complete_recommendation,
    create_recommendations,
    record_recommendation_response,
)
from backoffice.workflow.effects.tracker import create_tracker_entry, hmip_informed
from backoffice.workflow.effects.triage import signpost, signpost_given, triage_confirms
from backoffice.workflow.reopen import reopen_case

Effect = Callable[[ActionContext], None]

EFFECT_FUNCTIONS: dict[str, Effect] = {
    "triage_confirms": triage_confirms,
    "signpost_given": signpost_given,
    "consent_changed": consent_changed,
    "close_open_tasks": close_open_tasks,
    "hand_to_imb": hand_to_imb,
    "hand_to_ppo": hand_to_ppo,
    "reopen": reopen_case,
    "propose_escalation_if_exceptional": propose_if_exceptional,
    "signpost": signpost,
    "hmip_informed": hmip_informed,
    "create_tracker_entry": create_tracker_entry,
    "consent_from_consultation": consent_from_consultation,
    "create_recommendations": create_recommendations,
    "complete_recommendation": complete_recommendation,
    "record_recommendation_response": record_recommendation_response,
    "close_when_recommendations_done": close_when_done,
    "propose_escalation_from_note": propose_from_note,
    "record_without_consent": record_without_consent,
    "confirm_without_consent": confirm_without_consent,
    "record_update": record_update,
}

__all__ = ["EFFECT_FUNCTIONS", "MAX_RECOMMENDATIONS", "Effect", "propose"]
