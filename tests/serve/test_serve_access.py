"""Who may open a browser session and as whom (``intake.web.access``), and the ticket that
carries a proxy's login to the session's app process (``intake.core.served``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from intake.core import served
from intake.core.errors import ConfigError, PermissionDenied
from intake.core.identity import system_login
from intake.core.settings import Settings
from intake.web.access import Admitted, Gate, Refused, ServeOptions, Visit, check_options

SQLITE = "sqlite:///x.db"
LOCAL = ServeOptions(port=8000)
PROXY = ServeOptions(
    port=8000, public_url="https://sanctions.example.org", trust_proxy_header="X-Remote-User"
)
PAGE = "https://sanctions.example.org"


@pytest.fixture(autouse=True)
def _terminal_identity() -> Iterator[None]:
    served.forget()
    yield
    served.forget()


@pytest.mark.parametrize(
    ("options", "acting", "says"),
    [
        (ServeOptions(host="0.0.0.0"), None, "must sit behind the organisation's HTTPS proxy"),
        (ServeOptions(host="192.168.1.5"), None, "must sit behind"),
        (ServeOptions(trust_proxy_header="X-Remote-User"), None, "needs --public-url"),
        (ServeOptions(trust_proxy_header="X-Remote-User", public_url="http://sanctions.org"),
         None, "needs --public-url, the https://"),
        (ServeOptions(trust_proxy_header="X Remote User", public_url=PAGE), None,
         "a header's name"),
        (PROXY, "Ada Admin", "--as is not used behind a proxy"),
        (ServeOptions(trust_proxy_header="X-Remote-User", public_url=PAGE,
                      proxy_address=("nginx",)), None, "an IP address"),
    ],
)  # fmt: skip
def test_a_server_that_would_not_know_who_people_are_is_refused(
    options: ServeOptions, acting: str | None, says: str
) -> None:
    with pytest.raises(ConfigError, match=says.replace("+", r"\+")):
        check_options(options, database_url=SQLITE, acting=acting)


def test_behind_a_proxy_postgresql_is_refused() -> None:
    with pytest.raises(ConfigError, match="SQLite database only"):
        check_options(PROXY, database_url="postgresql+psycopg://u@h/db", acting=None)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1"])
def test_this_computer_only_needs_nothing_more(host: str) -> None:
    check_options(ServeOptions(host=host), database_url=SQLITE, acting="Ada Admin")


REFUSED_VISITS = [
    ("no key", LOCAL, Visit("127.0.0.1", websocket=False), "carries this server's key"),
    ("a wrong key", LOCAL, Visit("127.0.0.1", websocket=False, key="guess"), "server's key"),
    ("another computer", LOCAL, Visit("10.0.0.7", websocket=False, key="K"), "this computer"),
    ("a websocket from another site", LOCAL,
     Visit("127.0.0.1", websocket=True, origin="https://evil.example", key="K"), "own page"),
    ("no header", PROXY, Visit("127.0.0.1", websocket=False), "not signed in"),
    ("an empty header", PROXY, Visit("127.0.0.1", websocket=False, header_values=("",)),
     "not signed in"),
    ("the header twice", PROXY,
     Visit("127.0.0.1", websocket=False, header_values=("ana", "bob")), "not signed in"),
    ("a header that is not a login", PROXY,
     Visit("127.0.0.1", websocket=False, header_values=("../root",)), "not signed in"),
    ("the header from another address", PROXY,
     Visit("10.0.0.7", websocket=False, header_values=("ana",)), "organisation's sign-in"),
    ("a websocket from another site through the proxy", PROXY,
     Visit("127.0.0.1", websocket=True, origin="https://evil.example", header_values=("ana",)),
     "own page"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("options", "visit", "says"),
    [row[1:] for row in REFUSED_VISITS],
    ids=[row[0] for row in REFUSED_VISITS],
)
def test_a_refused_request_opens_no_session(options: ServeOptions, visit: Visit, says: str) -> None:
    decision = Gate(options, key="K").admit(visit)
    assert isinstance(decision, Refused) and decision.status == 403
    assert says in decision.why


def test_on_this_computer_a_session_is_the_server_s_own_login() -> None:
    gate = Gate(LOCAL, key="K")
    origin = "http://127.0.0.1:8000"
    assert gate.admit(Visit("127.0.0.1", websocket=True, origin=origin, key="K")) == Admitted(None)


def test_behind_the_proxy_a_session_is_the_login_it_names() -> None:
    gate = Gate(PROXY)
    visit = Visit("::ffff:127.0.0.1", websocket=True, origin=PAGE, header_values=("ana.lead",))
    assert gate.admit(visit) == Admitted("ana.lead")


def test_a_ticket_makes_the_process_act_for_the_login(settings: Settings) -> None:
    key = served.ServerKey.create(settings)
    assert served.sign_in(settings, key.session_environment("ana")) == "ana"
    assert system_login() == "ana"
    assert oct(key.path.stat().st_mode & 0o777) == "0o600"


def _changed_last(ticket: str) -> str:
    """The ticket with its last hex digit changed (to another digit: never the same one)."""
    return ticket[:-1] + ("1" if ticket.endswith("0") else "0")


@pytest.mark.parametrize(
    "forge",
    [
        lambda env: {**env, served.LOGIN_ENV: "bob"},  # another login, the same ticket
        lambda env: {**env, served.TICKET_ENV: _changed_last(env[served.TICKET_ENV])},
        lambda env: {served.LOGIN_ENV: "ana"},  # no ticket
        lambda env: {**env, served.TICKET_ENV: "../../etc/passwd.00"},
    ],
    ids=["another login", "a changed ticket", "no ticket", "a path for a key"],
)
def test_a_forged_ticket_is_refused(settings: Settings, forge: object) -> None:
    key = served.ServerKey.create(settings)
    environment = forge(key.session_environment("ana"))  # type: ignore[operator]
    with pytest.raises(PermissionDenied, match="sign-in could not be checked"):
        served.sign_in(settings, environment)


def test_a_ticket_of_a_stopped_server_is_refused(settings: Settings) -> None:
    key = served.ServerKey.create(settings)
    environment = key.session_environment("ana")
    key.remove()
    with pytest.raises(PermissionDenied, match="its server is not running"):
        served.sign_in(settings, environment)


def test_a_login_nothing_verified_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(served.LOGIN_ENV, "ana")
    with pytest.raises(PermissionDenied, match="not verified"):
        system_login()
