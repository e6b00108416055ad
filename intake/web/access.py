"""Who may open a browser session, and as whom: the decisions, without a web server.

Two ways to serve (``intake serve``, ``backoffice serve``):

- **This computer only** (the default, ``--host 127.0.0.1``): every session's app process runs
  as the person who started the server, exactly as in their terminal. The server prints an
  address carrying a random key; the page keeps it in a cookie, and a request without it (say,
  another login on the same computer) is refused.
- **Behind the organisation's HTTPS proxy** (``--trust-proxy-header X-Remote-User``): the proxy
  has signed the person in and names their computer login in that header. A request is
  accepted only from the proxy's address, with the header exactly once; the session acts for
  that login (``intake.core.served``). Any other host than loopback needs this.

Either way a websocket must come from the server's own page (its ``Origin``), so that another
web site open in the same browser cannot drive a session.
"""

from __future__ import annotations

import ipaddress
import re
import secrets
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from intake.core.errors import ConfigError
from intake.core.served import LOGIN_PATTERN

_HEADER_NAME = re.compile(r"[A-Za-z0-9-]{1,64}")
#: The proxy's own address, where nginx on the same machine connects from.
DEFAULT_PROXY = "127.0.0.1"


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of a URL, as a browser sends it in ``Origin``."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


@dataclass(frozen=True)
class ServeOptions:
    """``serve``'s options, as given."""

    host: str = "127.0.0.1"
    port: int = 8000
    public_url: str | None = None
    trust_proxy_header: str | None = None
    proxy_address: tuple[str, ...] = (DEFAULT_PROXY,)

    @property
    def behind_proxy(self) -> bool:
        return self.trust_proxy_header is not None

    @property
    def url(self) -> str:
        """The address people open (without the loopback key)."""
        return (self.public_url or f"http://{self.host}:{self.port}").rstrip("/")


def check_options(options: ServeOptions, *, database_url: str, acting: str | None) -> None:
    """Refuse, before anything listens, a server that would not know who people are."""
    header = options.trust_proxy_header
    if not options.behind_proxy:
        if not is_loopback(options.host):
            raise ConfigError(
                f"--host {options.host}: a server reachable from other computers must sit "
                "behind the organisation's HTTPS proxy (--trust-proxy-header HEADER); without "
                "one it serves this computer only (--host 127.0.0.1)"
            )
        return
    if header is None or not _HEADER_NAME.fullmatch(header):
        raise ConfigError(f"--trust-proxy-header {header!r}: a header's name, e.g. X-Remote-User")
    public = urlsplit(options.public_url or "")
    if public.scheme != "https" and not (
        public.scheme == "http" and is_loopback(public.hostname or "")
    ):
        raise ConfigError(
            "--trust-proxy-header needs --public-url, the https:// address people open "
            "through the proxy"
        )
    if acting:
        raise ConfigError(
            "--as is not used behind a proxy: each person is the login the proxy signed in"
        )
    if database_url.startswith("postgresql"):
        raise ConfigError(
            "behind a proxy the browser server works on the embedded SQLite database only: on "
            "a team's PostgreSQL server each person signs in with their own role"
        )
    for address in options.proxy_address:
        try:
            ipaddress.ip_address(address)
        except ValueError:
            raise ConfigError(f"--proxy-address {address!r}: an IP address") from None


@dataclass(frozen=True)
class Visit:
    """What the gate looks at in one request."""

    peer: str | None
    websocket: bool
    origin: str | None = None
    #: The values of the trusted header (every copy of it).
    header_values: tuple[str, ...] = ()
    #: The loopback key the request carries (in the address or the cookie).
    key: str | None = None


@dataclass(frozen=True)
class Admitted:
    #: The login the session acts for (behind a proxy), or None: the server's own login.
    login: str | None


@dataclass(frozen=True)
class Refused:
    why: str
    status: int = 403


@dataclass
class Gate:
    """Decides each request (see the module's text)."""

    options: ServeOptions
    #: The loopback key (random, for this server's life); unused behind a proxy.
    key: str = field(default_factory=lambda: secrets.token_urlsafe(24))

    def admit(self, visit: Visit) -> Admitted | Refused:
        if visit.websocket and (visit.origin or "").lower() != origin_of(self.options.url):
            return Refused("This session must be opened from the server's own page.")
        if self.options.behind_proxy:
            return self._through_proxy(visit)
        peer = _address(visit.peer or "")
        if peer is None or not peer.is_loopback:
            return Refused("This server serves this computer only.")
        if visit.key is None or not secrets.compare_digest(visit.key, self.key):
            return Refused(
                "Open the address the serve command printed: it carries this server's key."
            )
        return Admitted(login=None)

    def _through_proxy(self, visit: Visit) -> Admitted | Refused:
        proxies = {_address(a) for a in self.options.proxy_address} - {None}
        if _address(visit.peer or "") not in proxies:
            return Refused("Open this service through your organisation's sign-in.")
        values = visit.header_values
        if len(values) != 1 or not LOGIN_PATTERN.fullmatch(values[0]):
            return Refused(
                "You are not signed in: open this service through your organisation's sign-in."
            )
        return Admitted(login=values[0])


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """An IP address (an IPv4 one mapped into IPv6 as itself); None when it is not one."""
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address
