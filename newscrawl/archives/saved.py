"""Saved pages (`ingest --html`): files and folders of HTML become articles.

A page's URL is the one its canonical link gives (or its og:url, when the
canonical link names another site's original); else `--base-url` joined
with the file's name (its path under the folder given, for a folder); else
it cannot be stored, and says so. The time it was saved (the file's
modification time) stands for the time it was fetched. Folders are read in
name order, every `.html`, `.htm`, `.xhtml` and `.shtml` file below them.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import quote

from cleaning.extract import find_canonical, parse_html
from cleaning.page import read_html_bytes
from cleaning.record import ArticleRecord
from cleaning.urls import InvalidURL, absolute_http_url, bare_site, normalize_url, site_of

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
NO_URL = "no URL for this page: it has no canonical link or og:url (pass --base-url URL)"


@dataclass(frozen=True)
class SavedPage:
    name: str  # as given, or the path below the folder given
    relative: str  # what --base-url is joined with (posix separators)
    data: bytes
    saved_at: str | None


@dataclass(frozen=True)
class UnreadableFile:
    name: str
    reason: str


def list_saved_pages(paths: Iterable[str]) -> Iterator[SavedPage | UnreadableFile]:
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in HTML_SUFFIXES and p.is_file())
            if not found:
                yield UnreadableFile(given, f"no HTML files ({', '.join(HTML_SUFFIXES)}) in this folder")
            for page in found:
                yield _read(str(page), page.relative_to(path).as_posix(), page)
        else:
            yield _read(given, path.name, path)


def _read(name: str, relative: str, path: Path) -> SavedPage | UnreadableFile:
    try:
        data = path.read_bytes()
        mtime = os.stat(path).st_mtime
    except OSError as exc:
        return UnreadableFile(name, f"cannot read: {exc.strerror or exc}")
    saved_at = dt.datetime.fromtimestamp(mtime, dt.timezone.utc).replace(microsecond=0).isoformat()
    return SavedPage(name, relative, data, saved_at)


def page_url(html: str, relative: str, base_url: str | None) -> str:
    """The page's URL: its canonical link, else its og:url, else --base-url +
    file name (against which relative links are resolved). A canonical link
    to another site, beside an og:url on a site of its own, is a copy naming
    its original (the store keeps it as canonical_url): the copy's address is
    its og:url, or two saved pages would be one. Raises InvalidURL."""
    from_name = base_url.rstrip("/") + "/" + quote(relative) if base_url else None
    tree = parse_html(html)
    canonical = find_canonical(tree, from_name) if tree is not None else None
    own = _og_url(tree, from_name) if tree is not None else None
    if canonical and own and bare_site(own) != bare_site(canonical):
        canonical = None
    url = canonical or own or from_name
    if not url:
        raise InvalidURL(NO_URL)
    return normalize_url(url)


def _og_url(tree, base: str | None) -> str | None:
    for meta in tree.iter("meta"):
        if (meta.get("property") or "").strip().lower() == "og:url":
            return absolute_http_url(base, meta.get("content"))
    return None


def saved_record(page: SavedPage, base_url: str | None) -> tuple[str, ArticleRecord]:
    """(the decoded HTML, the fetch facts) of a saved page. Raises InvalidURL."""
    html = read_html_bytes(page.data)
    key = page_url(html, page.relative, base_url)
    return html, ArticleRecord(url=key, fetched_at=page.saved_at, site=site_of(key))

