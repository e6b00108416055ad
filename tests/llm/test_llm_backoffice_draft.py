"""`backoffice draft`: the briefing drafted by the model for staff to edit; nothing changes."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import Session, select

from intake.core.db.models import AuditEvent
from intake.core.identity import system_login
from intake.core.settings import Settings
from intake.core.users import UserCreate, create_user
from intake.core.vocabulary import Organisation, Role
from tests.support.cli import cli_env, run_cli
from tests.support.llm_server import MODEL, FakeLlm, Reply
from tests.support.offline import submit_some

DRAFTED = (
    "OFFICIAL-SENSITIVE\n\nSummary\n[PERSON] says he was segregated after speaking to the IMB."
)


def _env(engine: Engine, settings: Settings, url: str | None) -> dict[str, str]:
    with Session(engine) as session:
        # the IMB national lead: the cases are received by the IMB, so she may see names
        data = UserCreate(
            os_login=system_login(), name="Ivy IMB", role=Role.LEAD, organisation=Organisation.IMB
        )
        create_user(session, data=data)
        other = UserCreate(
            os_login=system_login(), name="Hal HMIP", role=Role.LEAD, organisation=Organisation.HMIP
        )
        create_user(session, data=other)
        session.commit()
    env = cli_env(settings, SANCTIONS_USER="Ivy IMB")
    if url:
        env |= {
            "SANCTIONS_LLM_URL": url,
            "SANCTIONS_LLM_MODEL": MODEL,
            "SANCTIONS_LLM_TIMEOUT": "3",
        }
    return env


def _audit_count(engine: Engine) -> int:
    """Changes to cases (reads and drafts sent to the model are audited on the access chain)."""
    with Session(engine) as session:
        query = select(AuditEvent.id).where(AuditEvent.chain != "access")
        return len(session.exec(query).all())


def test_a_briefing_is_drafted_without_sending_the_name(
    engine: Engine, settings: Settings, fake_llm: FakeLlm
) -> None:
    env = _env(engine, settings, fake_llm.url)
    (reference,) = submit_some(engine, settings, 1)
    before = _audit_count(engine)
    fake_llm.script(Reply(content=DRAFTED))
    done = run_cli("backoffice", "draft", "briefing", reference, env=env)
    assert done.returncode == 0, done.stderr
    assert "DRAFT by" in done.stdout and "not sent" in done.stdout
    assert "Jordan Example says he was segregated" in done.stdout  # named back, locally
    sent = fake_llm.requests[0].message("user")
    assert "Jordan Example" not in sent and "A1234BC" not in sent
    assert _audit_count(engine) == before
    fake_llm.script(Reply(content=DRAFTED))  # HMIP reads the IMB's case pseudonymised
    pseudonymised = run_cli(
        "backoffice", "draft", "briefing", reference, env={**env, "SANCTIONS_USER": "Hal HMIP"}
    )
    assert pseudonymised.returncode == 0, pseudonymised.stderr
    assert "Jordan Example" not in pseudonymised.stdout


def test_without_a_model_or_with_a_failing_one_it_says_so_in_one_line(
    engine: Engine, settings: Settings, fake_llm: FakeLlm
) -> None:
    (reference,) = submit_some(engine, settings, 1)
    env = _env(engine, settings, None)
    off = run_cli("backoffice", "draft", "briefing", reference, env=env)
    assert off.returncode == 2 and "SANCTIONS_LLM_URL" in off.stderr
    fake_llm.script(*[Reply(status=500, raw="{}")] * 3)
    broken = run_cli("backoffice", "draft", "briefing", reference, env={
        **env, "SANCTIONS_LLM_URL": fake_llm.url, "SANCTIONS_LLM_MODEL": MODEL})  # fmt: skip
    assert broken.returncode != 0 and "Traceback" not in broken.stderr
    assert len(broken.stderr.strip().splitlines()) == 1
