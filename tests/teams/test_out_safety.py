"""`--out` never overwrites the database, and an existing file only with --force; a damaged
database is one clear line. Spreadsheet formulas are escaped however they are disguised."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine, func, update
from sqlmodel import Session, col, select

from backoffice.tracker.cells import _safe
from intake.core.db.models import SanctionCase, TrackerEntry
from intake.core.identity import system_login
from intake.core.settings import Settings
from intake.core.users import UserCreate, create_user
from intake.core.vocabulary import Organisation, Role
from tests.support.cli import cli_env, run_cli
from tests.support.offline import submit_some

pytestmark = pytest.mark.sqlite_only

FORMULAS = [
    "=1+1",
    " =1+1",
    "\n=1+1",
    "\u3000=1+1",
    "\u200b=1+1",
    "＝1+1",
    "﹦1+1",
    "＋1+1",
    "－1+1",
    "＠SUM(A1)",
    "\t+1",
]


@pytest.fixture
def env(engine: Engine, settings: Settings) -> dict[str, str]:
    with Session(engine) as session:
        data = UserCreate(
            os_login=system_login(),
            name="Ada Admin",
            role=Role.ADMIN,
            organisation=Organisation.HMIP,
        )
        create_user(session, data=data)
        session.commit()
    return cli_env(settings, SANCTIONS_USER="Ada Admin")


def _one_line_error(result: subprocess.CompletedProcess[str], code: int, text: str) -> None:
    assert result.returncode == code, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and text in lines[0], lines
    assert "Traceback" not in result.stderr


def _database(settings: Settings) -> Path:
    return Path(settings.effective_database_url.removeprefix("sqlite:///"))


@pytest.mark.parametrize("command", ["tracker export", "backup"])
def test_out_never_overwrites_the_database_even_with_force(
    engine: Engine, settings: Settings, env: dict[str, str], command: str
) -> None:
    submit_some(engine, settings, 1)
    database = _database(settings)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    (settings.data_dir / "outbox.db").write_bytes(b"an outbox")
    targets = [
        database,
        database.with_name(database.name + "-wal"),
        database.with_name(database.name + "-shm"),
        settings.data_dir / "outbox.db",
    ]
    for target in targets:
        for force in ([], ["--force"]):
            result = run_cli("backoffice", *command.split(), "--out", str(target), *force, env=env)
            _one_line_error(result, 1, "never overwritten")
    assert database.read_bytes().startswith(b"SQLite format 3")
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(SanctionCase)).one() == 1
    assert (settings.data_dir / "outbox.db").read_bytes() == b"an outbox"
    listed = run_cli("backoffice", "users", "list", env=env)
    assert listed.returncode == 0, listed.stderr


@pytest.mark.parametrize("command", ["tracker export --format csv", "backup"])
def test_an_existing_file_is_replaced_only_with_force(
    engine: Engine, settings: Settings, env: dict[str, str], tmp_path: Path, command: str
) -> None:
    submit_some(engine, settings, 1)
    out = tmp_path / "report"
    out.write_text("keep me")
    refused = run_cli("backoffice", *command.split(), "--out", str(out), env=env)
    _one_line_error(refused, 1, "already exists")
    assert out.read_text() == "keep me"
    forced = run_cli(
        "backoffice", *command.split(), "--out", str(out), "--force", "--no-encrypt", env=env
    )
    assert forced.returncode == 0, forced.stderr
    assert out.read_bytes() != b"keep me"


def test_a_damaged_database_is_one_clear_line(
    engine: Engine, settings: Settings, env: dict[str, str], tmp_path: Path
) -> None:
    submit_some(engine, settings, 1)
    engine.dispose()
    damaged = tmp_path / "damaged.db"
    shutil.copy(_database(settings), damaged)
    damaged.write_bytes(b"\x00garbage, not a database\xff" * 400)
    env = {**env, "SANCTIONS_DATABASE_URL": f"sqlite:///{damaged}"}
    for args in (["users", "list"], ["tracker", "export", "--out", str(tmp_path / "t.xlsx")]):
        result = run_cli("backoffice", *args, env=env)
        _one_line_error(result, 2, "not a database")
    told = run_cli("intake", "chat", env=env, input="")
    _one_line_error(told, 2, "not a database")


def test_safe_keeps_the_text_and_escapes_disguised_formulas() -> None:
    for text in FORMULAS:
        assert _safe(text) == "'" + text
    for text in ("Sam Smith", " Sam", "HMP Wandsworth", "A1234BC", "1+1", "e=mc2"):
        assert _safe(text) == text


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exported_spreadsheets_hold_no_formula(
    engine: Engine, settings: Settings, env: dict[str, str], tmp_path: Path, fmt: str
) -> None:
    refs = submit_some(engine, settings, len(FORMULAS))
    with Session(engine) as session:
        for ref, text in zip(refs, FORMULAS, strict=True):
            session.execute(
                update(SanctionCase)
                .where(col(SanctionCase.reference) == ref)
                .values(person_name=text, place_text=text, establishment_id=None)
                .execution_options(skip_audit=True)
            )
            case = session.exec(select(SanctionCase).where(SanctionCase.reference == ref)).one()
            assert case.id is not None
            session.add(TrackerEntry(case_id=case.id))  # logged at step 3
        session.commit()
    out = tmp_path / f"t.{fmt}"
    args = ["tracker", "export", "--format", fmt, "--out", str(out), "--no-encrypt"]
    made = run_cli("backoffice", *args, env=env)
    assert made.returncode == 0, made.stderr
    cells: list[object]
    if fmt == "csv":
        with out.open(encoding="utf-8", newline="") as handle:
            cells = [c for row in csv.reader(handle) for c in row]
    else:
        sheet = load_workbook(out).active
        assert sheet is not None
        cells = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
        assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    for text in FORMULAS:
        assert "'" + text in cells, text  # the place as typed (an admin sees no names)
        assert text not in cells
