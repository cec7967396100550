"""URL checks and normalisation: one article, one key.

An article's key keeps every query parameter except the ones known to be
tracking (`data/tracking_params.txt`): `q?story=40` and `q?story=41` are two
articles, `a.html?utm_source=rss` and `a.html` are one. Scheme and host are
lower-cased, default ports dropped, parameters sorted and the fragment
removed; w3lib (Scrapy's own URL library) does the percent-encoding and path
normalisation, as it does for Scrapy's request fingerprints.

Every function here is total on strings: a malformed URL is an InvalidURL
(or None), never a ValueError from deep inside urllib.
"""

from __future__ import annotations

from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

from cleaning.lexicon import data_lines


class InvalidURL(ValueError):
    """The string cannot be fetched as a web page; the message says why."""


ALLOWED_SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}
# Characters no host name or address contains (WHATWG's forbidden host code
# points; urlsplit itself checks the brackets and colons of IPv6 addresses).
NOT_IN_HOSTS = frozenset(" #%/<>?@\\^|\x7f\"'{}`")


def check_url(url: str) -> str:
    """Return the stripped URL if newscrawl may fetch it, else raise InvalidURL."""
    candidate = (url or "").strip()
    if not candidate:
        raise InvalidURL("empty URL")
    if any(ch.isspace() for ch in candidate):
        raise InvalidURL("not a URL (contains white space)")
    try:
        parts = urlsplit(candidate)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:  # "http://[x]/", "http://h:99999/"…
        raise InvalidURL(f"not a URL ({exc})") from None
    if not parts.scheme:
        raise InvalidURL("not a URL (no scheme: write http:// or https://)")
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise InvalidURL(f"unsupported scheme '{parts.scheme}:' (only http and https are fetched)")
    if not host:
        raise InvalidURL("not a URL (no host)")
    if any(ch in NOT_IN_HOSTS or ord(ch) < 32 for ch in host):
        raise InvalidURL(f"not a URL (the host '{host}' cannot be looked up)")
    return candidate


def is_tracking_param(name: str) -> bool:
    """Whether a query parameter is one of the known tracking tags."""
    key = unquote(name).strip().lower()
    for entry in _tracking_entries():
        if entry.endswith("*"):
            if key.startswith(entry[:-1]):
                return True
        elif key == entry:
            return True
    return False


def _tracking_entries() -> tuple[str, ...]:
    return tuple(entry.lower() for entry in data_lines("tracking_params.txt"))


def strip_tracking(query: str) -> str:
    """The query without its tracking parameters, the others as they were written."""
    kept = [part for part in query.split("&") if part and not is_tracking_param(part.split("=", 1)[0])]
    return "&".join(kept)


def normalize_url(url: str) -> str:
    """The key an article is stored under. Raises InvalidURL."""
    checked = check_url(url)
    parts = urlsplit(checked)
    without_tracking = urlunsplit((parts.scheme, parts.netloc, parts.path, strip_tracking(parts.query), ""))
    try:
        canonical = canonicalize_url(without_tracking, keep_blank_values=True)
        parts = urlsplit(canonical)
        host, port = parts.hostname or "", parts.port
    except (ValueError, UnicodeError) as exc:  # a host IDNA cannot encode
        raise InvalidURL(f"not a URL ({exc})") from None
    scheme = parts.scheme.lower()
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != DEFAULT_PORTS.get(scheme):
        netloc = f"{netloc}:{port}"
    userinfo = parts.netloc.rpartition("@")[0] if "@" in parts.netloc else ""
    if userinfo:
        netloc = f"{userinfo}@{netloc}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def absolute_http_url(base: str | None, href: str | None) -> str | None:
    """The http(s) URL a link points to, resolved against the page's URL;
    None for mailto:, javascript:, data:, file: and anything unparsable."""
    if not href:
        return None
    # As browsers do: tabs and line breaks inside an href are dropped,
    # spaces are escaped.
    cleaned = "".join(ch for ch in href.strip() if ch not in "\t\n\r").replace(" ", "%20")
    try:
        return check_url(urljoin(base or "", cleaned))
    except ValueError:  # InvalidURL, or urljoin on a malformed base
        return None


def site_of(url: str) -> str:
    """The host of a URL, with the port when it is not the scheme's default;
    "" when the URL has no readable host."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return ""
    if port and port not in (80, 443):
        return f"{host}:{port}"
    return host


def host_of(url: str) -> str:
    """The host name (or address) of a URL, lower-case, without port; "" when unreadable."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def bare_site(url: str | None) -> str:
    """The site of a URL without "www.": how two URLs are compared for being
    on one site (a non-default port counts, as in `site_of`). Never raises."""
    return site_of(url).removeprefix("www.") if url else ""
