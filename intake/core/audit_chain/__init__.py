"""A tamper-evident audit: every audit event is sealed into a hash chain as it is written.

Chains
    A case's own changes chain per case (``case:<id>``); reads, searches, exports, user changes,
    backup and restore, and anything without a case go to the ``access`` chain.

Sealing (:func:`_seal`, a ``before_flush`` hook, so every ``AuditEvent(...)`` anywhere is sealed)
    For each new event, in the order it was added, the chain's row in ``audit_chain_head`` is
    updated first (``UPDATE ... RETURNING``): the row lock (PostgreSQL) or the write lock
    (SQLite) is held until the transaction ends, so two processes appending to one chain wait
    for each other and cannot fork it (the case's optimistic-lock version serialises case
    chains as well, but the head row does it whatever the caller). ``at`` comes from the
    database's clock, then ``hash`` = SHA-256 of the canonical JSON (sorted keys) of the
    event's fields including ``chain`` and ``prev_hash``.

    The row ``id`` is left out of the hash on purpose: it is assigned by the INSERT, after the
    hash must be known, and audit rows are never updated (on PostgreSQL a trigger refuses it).
    Order is still protected: each event names its predecessor's hash, the head row holds the
    newest hash and the count, so moving, deleting or inserting a row breaks a link, the head
    or the count. A stored per-chain sequence would add nothing the links do not already fix.

Verification
    :func:`verify_all` walks every chain (``backoffice audit verify``). :func:`quick_check` is
    cheap enough for every command: total count against the heads' counts (a deletion or an
    insertion anywhere), the events written since the stored checkpoint (hash and link), and
    optionally one case's whole chain. A break stays a refusal until an admin acknowledges it
    (:func:`acknowledge`).

Modules: ``hashing`` (names and the hash), ``seal`` (the flush hook, access events),
``verify`` (walking chains, backups), ``check`` (the quick check, refusal, acknowledgement).
"""

from intake.core.audit_chain.check import (
    AuditChainBroken,
    acknowledge,
    quick_check,
    refusal,
    require_intact,
    set_checkpoint,
)
from intake.core.audit_chain.hashing import (
    ACCESS_CHAIN,
    CHECKPOINT,
    case_chain,
    event_hash,
    genesis,
)
from intake.core.audit_chain.seal import database_now, record_access, seal, search_fingerprint
from intake.core.audit_chain.verify import (
    Break,
    backup_breaks,
    verify_all,
    verify_chain,
    walk_chain,
)

__all__ = [
    "ACCESS_CHAIN",
    "CHECKPOINT",
    "AuditChainBroken",
    "Break",
    "acknowledge",
    "backup_breaks",
    "case_chain",
    "database_now",
    "event_hash",
    "genesis",
    "quick_check",
    "record_access",
    "refusal",
    "require_intact",
    "seal",
    "search_fingerprint",
    "set_checkpoint",
    "verify_all",
    "verify_chain",
    "walk_chain",
]
