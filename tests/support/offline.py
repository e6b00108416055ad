"""The team tests' offline and online intake: a server that can go away (a TCP relay in front
of it), cases recorded on a laptop's outbox, and cases submitted straight to the server."""

from __future__ import annotations

import contextlib
import socket
import threading

from sqlalchemy import Engine, make_url
from sqlmodel import Session, col, select

from intake.core.db.models import InterviewDraft, User
from intake.core.establishments import resolve_establishment_id
from intake.core.settings import Settings
from intake.core.submission import submit_case
from intake.core.users import Actor
from intake.interview.drafts import DraftStore
from tests.support.factories import INTERVIEWER, add_interviewer, make_submission


class Relay:
    """A TCP relay in front of the database server: stop it and the server looks down."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.listener.close()
        self._server: socket.socket | None = None
        self._open: list[socket.socket] = []

    def url(self, database_url: str) -> str:
        url = make_url(database_url).set(host="127.0.0.1", port=self.port)
        return url.render_as_string(hide_password=False)

    def start(self) -> None:
        server = socket.socket()
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", self.port))
        server.listen()
        self._server = server
        threading.Thread(target=self._accept, args=(server,), daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            with contextlib.suppress(OSError):  # shutdown wakes the thread blocked in accept()
                self._server.shutdown(socket.SHUT_RDWR)
            self._server.close()
            self._server = None

    def cut(self) -> None:
        """Drop every connection now (a network that goes away mid-action), and stop."""
        self.stop()
        for end in self._open:
            try:
                end.shutdown(socket.SHUT_RDWR)
                end.close()
            except OSError:
                pass
        self._open.clear()

    def _accept(self, server: socket.socket) -> None:
        while True:
            try:
                client, _ = server.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self._open += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=_pump, args=(a, b), daemon=True).start()


def _pump(source: socket.socket, sink: socket.socket) -> None:
    try:
        while chunk := source.recv(65536):
            sink.sendall(chunk)
    except OSError:
        pass
    finally:
        for end in (source, sink):
            with contextlib.suppress(OSError):
                end.close()


def record_offline_cases(local: Engine, settings: Settings, count: int) -> list[str]:
    """Cases submitted on the laptop's outbox, each from a draft with one answer."""
    actor = add_interviewer(local)
    store = DraftStore(local)
    references = []
    for n in range(count):
        draft_id = store.start(user_id=actor.id)
        store.save_answer(
            draft_id, key="person_name", question="What is their name?",
            answer=f"Person {n}", value=f"Person {n}", answers={},
        )  # fmt: skip
        with Session(local) as session:
            home = resolve_establishment_id(session, "HMP Wandsworth")
            submission = make_submission(home, draft_id=draft_id, narrative=f"Account number {n}")
            case = submit_case(session, submission=submission, actor=actor, settings=settings)
            session.commit()
            references.append(case.reference)
    return references


def open_draft_uuids(local: Engine) -> list[str]:
    with Session(local) as session:
        drafts = session.query(InterviewDraft).filter(col(InterviewDraft.status) == "open").all()
        return [d.uuid for d in drafts]


def submit_some(engine: Engine, settings: Settings, count: int) -> list[str]:
    """Cases submitted straight to ``engine`` (an online intake)."""
    with Session(engine) as session:
        user = session.exec(select(User).where(User.name == INTERVIEWER)).first()
        actor = Actor.from_user(user) if user else None
    actor = actor or add_interviewer(engine)
    with Session(engine) as session:
        cases = [
            submit_case(session, submission=make_submission(None), actor=actor, settings=settings)
            for _ in range(count)
        ]
        session.commit()
        return [case.reference for case in cases]
