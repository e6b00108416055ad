"""Pattern alerts (issue 16, point 2): one establishment, one wing or one described member of
staff in several allegations within a window, for the leads to see and act on.

Three kinds, each counted over the cases received in the last ``alerts.window_days`` (90 by
default) that the reader may see (:func:`backoffice.access.visible_cases_filter`: an IMB
Board's supervisor sees alerts about their Board's establishment only), an alert when
``alerts.min_cases`` (3) or more:

- **establishment**: counted in SQL (GROUP BY ... HAVING);
- **wing or unit** at one establishment: from the person's location as recorded and the
  interview's "when and where" answer ("B wing", "wing C", "houseblock 2", segregation,
  healthcare). A location identifies the person, so these count only the cases the reader is
  identified to (:func:`backoffice.access.identified_filter`);
- **staff described** at one establishment: the interview's "which staff" answer and the
  classifier's staff evidence in the account, reduced to the name after a title ("Officer
  Price", "Mr Price", "officer price" are all *Price*; :func:`staff_keys`) and grouped with
  rapidfuzz, so a misspelling ("Pryce") joins its group. A description of a member of staff is
  not the person's identity, but it is checked never to be the person's name: a described name
  close to any part of the name of a person in the cases counted is dropped.

An alert lists the case references the reader may see, and never a person's name, number,
location or the account. Leads record what was done about an alert (``pattern_alert_action``,
audited on the ``access`` chain); the note shows to the recorder's own organisation.

Who: supervisors and leads see alerts; leads record what was done.
"""

from __future__ import annotations

from backoffice.alerts.find import find_alerts
from backoffice.alerts.locations import wings
from backoffice.alerts.record import MAX_NOTE, record_alert_action
from backoffice.alerts.staff import (
    PERSON_NAME_NEAR,
    SAME_STAFF,
    group_names,
    is_a_persons_name,
    normal_name,
    staff_from_evidence,
    staff_keys,
)
from backoffice.alerts.views import AlertActionView, AlertList, PatternAlert
from backoffice.alerts.who import RECORD_ROLES, SEE_ROLES, may_record, may_see_alerts

__all__ = [
    "MAX_NOTE",
    "PERSON_NAME_NEAR",
    "RECORD_ROLES",
    "SAME_STAFF",
    "SEE_ROLES",
    "AlertActionView",
    "AlertList",
    "PatternAlert",
    "find_alerts",
    "group_names",
    "is_a_persons_name",
    "may_record",
    "may_see_alerts",
    "normal_name",
    "record_alert_action",
    "staff_from_evidence",
    "staff_keys",
    "wings",
]
