"""URL checks and normalisation: one article, one key.

courlan strips tracking parameters (utm_*, fbclid…) and fragments and
lower-cases scheme and host, so the same article reached through a feed's
tracking link and through a sitemap is stored once.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import courlan


class InvalidURL(ValueError):
    """The string cannot be fetched as a web page; the message says why."""


ALLOWED_SCHEMES = ("http", "https")


def check_url(url: str) -> str:
    """Return the stripped URL if newscrawl may fetch it, else raise InvalidURL."""
    candidate = (url or "").strip()
    if not candidate:
        raise InvalidURL("empty URL")
    if any(ch.isspace() for ch in candidate):
        raise InvalidURL("not a URL (contains white space)")
    parts = urlsplit(candidate)
    if not parts.scheme:
        raise InvalidURL("not a URL (no scheme: write http:// or https://)")
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise InvalidURL(f"unsupported scheme '{parts.scheme}:' (only http and https are fetched)")
    try:
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise InvalidURL(f"not a URL ({exc})") from None
    if not host:
        raise InvalidURL("not a URL (no host)")
    return candidate


def normalize_url(url: str) -> str:
    """The key an article is stored under: tracking parameters and fragment removed."""
    checked = check_url(url)
    try:
        return courlan.normalize_url(checked, strict=True)
    except ValueError as exc:  # courlan raises on hosts it cannot parse
        raise InvalidURL(f"not a URL ({exc})") from None


def site_of(url: str) -> str:
    """The host of a URL, with the port when it is not the scheme's default."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.port and parts.port not in (80, 443):
        return f"{host}:{parts.port}"
    return host


def absolute_http_url(base: str | None, href: str | None) -> str | None:
    """`href` resolved against `base` when that is an http(s) URL, else None.
    Never raises: a page's links can be anything ("http://[x]/", "javascript:")."""
    if not href or not href.strip():
        return None
    try:
        absolute = urljoin(base or "", href.strip())
        parts = urlsplit(absolute)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return None
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return None
    return absolute


def host_of(url: str | None) -> str:
    """The site of a URL without "www.": how two URLs are compared for being
    on one site (a non-default port counts, as in `site_of`). Never raises."""
    if not url:
        return ""
    try:
        return site_of(url).removeprefix("www.")
    except ValueError:
        return ""
