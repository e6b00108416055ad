"""Private files and folders (0600/0700 whatever the umask), encryption, the disk's encryption."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine
from sqlmodel import Session

from intake.core import files
from intake.core.db import backup as backups
from intake.core.db.engine import open_database
from intake.core.db.outbox import open_outbox, outbox_path
from intake.core.errors import ValidationProblem
from intake.core.identity import system_login
from intake.core.settings import Settings, load_settings
from intake.core.users import Actor, UserCreate, create_user
from intake.core.vocabulary import Organisation, Role
from intake.interview.profile import remember
from tests.support.cli import cli_env, run_cli


@pytest.fixture
def loose_umask() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.mark.sqlite_only
def test_data_folder_database_outbox_and_profile_are_private(
    tmp_path: Path, loose_umask: None
) -> None:
    settings = load_settings(data_dir=tmp_path / "data")
    engine = open_database(settings)
    with engine.connect() as connection:  # WAL: -wal and -shm exist while connected
        connection.exec_driver_sql("SELECT 1")
        database = backups.sqlite_file(settings.effective_database_url)
        assert files.mode_of(settings.data_dir) == 0o700
        for path in files.sqlite_files(database):
            if path.exists():
                assert files.mode_of(path) == 0o600, path
        assert Path(f"{database}-wal").exists()
    engine.dispose()
    outbox = open_outbox(settings.model_copy(update={"database_url": "postgresql://x/y"}))
    outbox.dispose()
    assert files.mode_of(outbox_path(settings)) == 0o600
    remember(settings, Actor(id=1, name="Ann", role=Role.INTAKE, organisation=Organisation.HMIP))
    assert files.mode_of(settings.data_dir / "profile.json") == 0o600


@pytest.mark.sqlite_only
def test_backups_and_before_restore_copies_are_private(
    tmp_path: Path, settings: Settings, engine: Engine, loose_umask: None
) -> None:
    database = backups.sqlite_file(settings.effective_database_url)
    out = tmp_path / "plain.db"
    backups.backup(database, out)
    assert files.mode_of(out) == 0o600
    engine.dispose()
    safety = backups.restore(database, out)
    assert files.mode_of(safety) == 0o600
    secret = tmp_path / "secret.db.enc"
    backups.backup(database, secret, passphrase="correct horse")
    assert files.is_encrypted(secret) and files.mode_of(secret) == 0o600
    assert b"SQLite format" not in secret.read_bytes()
    plain = backups.decrypted_copy(secret, "correct horse")
    assert backups.check_backup(plain) and files.mode_of(plain) == 0o600
    with pytest.raises(ValidationProblem, match="wrong passphrase"):
        backups.decrypted_copy(secret, "wrong")


def test_encryption_round_trip_and_tampering(tmp_path: Path) -> None:
    data = b"Jordan Example, A1234BC"
    sealed = files.encrypt_bytes(data, "pass phrase")
    assert data not in sealed and files.decrypt_bytes(sealed, "pass phrase") == data
    broken = sealed[:-3] + b"AAA"
    with pytest.raises(ValidationProblem):
        files.decrypt_bytes(broken, "pass phrase")
    with pytest.raises(ValidationProblem, match="not a file encrypted"):
        files.decrypt_bytes(data, "pass phrase")


def test_encryption_is_the_default_outside_the_data_folder(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    told: list[str] = []

    def prompt(*_args: object, **_kwargs: object) -> str:
        return "typed"

    env = os.environ.pop(files.PASSPHRASE_ENV, None)
    try:
        assert files.choose_encryption(tmp_path / "usb.csv", data, None, prompt=prompt) == "typed"
        assert files.choose_encryption(data / "t.csv", data, None, prompt=prompt) is None
        assert files.choose_encryption(data / "t.csv", data, True, prompt=prompt) == "typed"
        plain = files.choose_encryption(tmp_path / "u.csv", data, False, warn=told.append)
        assert plain is None and "NOT encrypted" in told[0]
    finally:
        if env is not None:
            os.environ[files.PASSPHRASE_ENV] = env


MOUNTS = """\
/dev/mapper/vg-root / ext4 rw 0 0
/dev/sdb1 /media/usb vfat rw 0 0
/dev/sda2 /home ext4 rw 0 0
tmpfs /tmp tmpfs rw 0 0
"""
TREES = {
    "/dev/mapper/vg-root": "vg-root lvm ext4\nluks-1 crypt LVM2_member\nsda3 part crypto_LUKS\n"
    "sda disk \n",
    "/dev/sdb1": "sdb1 part vfat\nsdb disk \n",
    "/dev/sda2": "sda2 part ext4\nsda disk \n",
}


def _concerns(path: str) -> list[str]:
    return files.storage_concerns(
        Path(path),
        mounts=MOUNTS,
        lsblk=TREES.get,
        removable=lambda disk: disk == "sdb",
    )


def test_storage_detection_with_fake_inputs() -> None:
    assert _concerns("/var/lib/x") == []  # encrypted root (LUKS under LVM), fixed disk
    usb = _concerns("/media/usb/sanctions")
    assert any("removable" in c for c in usb) and any("not on an encrypted" in c for c in usb)
    assert _concerns("/home/ann/.local/share/sanctions") == [
        "/home (/dev/sda2) is not on an encrypted volume"
    ]
    assert _concerns("/tmp/x") == []  # not a block device: nothing can be told
    assert files.storage_concerns(Path("/x"), mounts=MOUNTS, lsblk=lambda _d: None) == []
    assert files.mount_of(Path("/media/usb/a"), MOUNTS) == ("/dev/sdb1", "/media/usb", "vfat")


def test_warning_is_given_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    said: list[str] = []
    monkeypatch.setattr(files, "storage_concerns", lambda _p: ["it is on a removable disk"])
    assert files.warn_about_storage(tmp_path, echo=said.append)
    assert files.warn_about_storage(tmp_path, echo=said.append) == []
    assert len(said) == 1 and "disk encryption" in said[0]


# ---- the command line: encrypted exports and backups --------------------------------------


@pytest.fixture
def admin_env(engine: Engine, settings: Settings) -> dict[str, str]:
    with Session(engine) as session:
        staff = (("Ada Admin", Role.ADMIN), ("Sam Super", Role.SUPERVISOR), ("Tia", Role.INTAKE))
        for name, role in staff:
            data = UserCreate(
                os_login=system_login(), name=name, role=role, organisation=Organisation.HMIP
            )
            create_user(session, data=data)
        session.commit()
    return cli_env(settings, SANCTIONS_EXPORT_PASSPHRASE="a long passphrase")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_tracker_export_encrypted_then_decrypted(
    admin_env: dict[str, str], tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"tracker.{fmt}.enc"
    made = run_cli(
        "backoffice", "--as", "Sam Super", "tracker", "export", "--format", fmt,
        "--out", str(out), env=admin_env,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert "encrypted" in made.stdout and files.is_encrypted(out)
    assert files.mode_of(out) == 0o600
    plain = tmp_path / f"tracker.{fmt}"
    opened = run_cli("backoffice", "decrypt", str(out), "--out", str(plain), env=admin_env)
    assert opened.returncode == 0, opened.stderr
    assert files.mode_of(plain) == 0o600
    if fmt == "csv":
        with plain.open(encoding="utf-8", newline="") as handle:
            assert "OFFICIAL-SENSITIVE" in next(csv.reader(handle))[0]
    else:
        assert load_workbook(plain).active is not None
    wrong = run_cli(
        "backoffice", "decrypt", str(out), "--out", str(tmp_path / "w"),
        env={**admin_env, "SANCTIONS_EXPORT_PASSPHRASE": "nope"},
    )  # fmt: skip
    assert wrong.returncode != 0 and "wrong passphrase" in wrong.stderr
    clear = tmp_path / f"clear.{fmt}"
    made = run_cli(
        "backoffice", "--as", "Sam Super", "tracker", "export", "--format", fmt,
        "--out", str(clear), "--no-encrypt", env=admin_env,
    )  # fmt: skip
    assert made.returncode == 0 and "NOT encrypted" in made.stderr
    assert not files.is_encrypted(clear) and files.mode_of(clear) == 0o600


@pytest.mark.sqlite_only
def test_backup_encrypted_then_restored(admin_env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "monday.db.enc"
    made = run_cli("backoffice", "--as", "Ada Admin", "backup", "--out", str(out), env=admin_env)
    assert made.returncode == 0, made.stderr
    assert files.is_encrypted(out) and "encrypted" in made.stdout
    restored = run_cli(
        "backoffice", "--as", "Ada Admin", "restore", str(out), "--yes", env=admin_env
    )
    assert restored.returncode == 0, restored.stderr


def test_no_passphrase_is_asked_of_someone_who_may_not_export(
    admin_env: dict[str, str], tmp_path: Path
) -> None:
    env = {k: v for k, v in admin_env.items() if k != files.PASSPHRASE_ENV}
    out = tmp_path / "t.csv"
    refused = run_cli(
        "backoffice", "--as", "Tia", "tracker", "export", "--format", "csv", "--out", str(out),
        env=env,
    )  # fmt: skip
    assert refused.returncode == 3 and "Passphrase" not in refused.stdout, refused.stderr
    assert not out.exists()
