"""The Python API: what the `newscrawl` command does, as functions that
return values (no printing, no exit). `from newscrawl import ingest, search`.

Reading functions take the database as a path (opened read-only for the
call) or an open `sqlite_utils.Database`.

`ingest` and `crawl` run the crawl in a child process (`python -m
newscrawl.api`) and return its result: Scrapy's Twisted reactor cannot be
started twice in one process, and this way a program may crawl as often as
it likes. The `newscrawl` command runs the same crawl in its own process.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any, Iterator

import sqlite_utils

from newscrawl.results import CrawlResult, RunResult
from newscrawl.sources import Source, SourcesError

__all__ = [
    "clean_html", "clean_text", "ingest", "crawl", "search", "iter_articles", "get_article", "list_stories",
    "list_sites", "load_sources", "CrawlResult", "RunResult", "CrawlError",
]

DEFAULT_DB = "news.db"
LANGUAGE_CODE = re.compile(r"^(?:[a-z]{2}|und)$")


class CrawlError(RuntimeError):
    """The crawl's child process ended without a result (it crashed)."""


# Pages and texts, offline.


def clean_html(html: str | bytes, url: str | None = None, *, options=None):
    """Extract, clean and detect the language of one HTML page (bytes are
    decoded by their BOM or `<meta charset>`); returns an ArticleRecord.
    Short pages are cleaned too, as `newscrawl clean --html` does."""
    from cleaning.page import process_page, read_html_bytes
    from newscrawl.batch import NO_FLOOR

    if isinstance(html, bytes):
        html = read_html_bytes(html)
    return process_page(html, url, options or NO_FLOOR)


def clean_text(text: str, title: str | None = None, *, options=None):
    """Clean a text without markup (and its title); returns an ArticleRecord."""
    from cleaning.page import process_text
    from newscrawl.batch import NO_FLOOR

    return process_text(text, title, options or NO_FLOOR)


def load_sources(path: str | Path = "sources.toml") -> list[Source]:
    """The sources of a sources file; raises SourcesError naming the file,
    the source and the key of a mistake."""
    from newscrawl.sources import load_sources as read_sources

    return read_sources(path)


# Crawls, in a child process.


def ingest(urls: list[str] | str, *, db: str | Path = DEFAULT_DB, settings: dict[str, Any] | None = None) -> RunResult:
    """Fetch, extract, clean and store one-off URLs; returns their RunResult
    (counts, and each failure with its URL and reason). `settings` overrides
    Scrapy or NEWSCRAWL_ settings, as `--set NAME=VALUE` does."""
    urls = [urls] if isinstance(urls, str) else list(urls)
    if not urls:
        raise ValueError("no URL given")
    return RunResult.from_dict(_run_child({"job": "ingest", "db": str(db), "settings": _plain(settings), "urls": urls}))


def crawl(names: list[str] | None = None, *, db: str | Path = DEFAULT_DB, sources: str | Path | list[Source] = "sources.toml",
          refresh: bool = False, settings: dict[str, Any] | None = None) -> CrawlResult:
    """Crawl sources now: those named (all when none are), from a sources
    file or a list of Source. Returns one RunResult per source."""
    chosen = choose_sources(sources if isinstance(sources, list) else load_sources(sources), names or [],
                            origin=str(sources) if not isinstance(sources, list) else "the sources given")
    job = {"job": "crawl", "db": str(db), "settings": _plain(settings), "refresh": refresh,
           "sources": [asdict(source) for source in chosen]}
    return CrawlResult.from_dict(_run_child(job))


def choose_sources(sources: list[Source], names: list[str], origin: str = "sources file") -> list[Source]:
    """The sources named (in that order, once each), or all of them."""
    if names:
        by_name = {s.name: s for s in sources}
        unknown = [n for n in names if n not in by_name]
        if unknown:
            raise SourcesError(f"unknown source '{unknown[0]}' in {origin} (known: {', '.join(by_name) or 'none'})")
        sources = [by_name[n] for n in dict.fromkeys(names)]
    if not sources:
        raise SourcesError(f"{origin} defines no [[source]]")
    return sources


def _plain(settings: dict[str, Any] | None) -> dict[str, str]:
    return {str(name): str(value) for name, value in (settings or {}).items()}


def _check_job(job: dict) -> None:
    """Settings and the database are checked before a child is started, so
    a mistake is an exception here, not a failed child."""
    from db.store import open_db
    from newscrawl.runner import SettingError, build_settings

    try:
        build_settings(job["db"], job["settings"])
    except SettingError as exc:
        raise ValueError(str(exc)) from None
    open_db(job["db"]).conn.close()


def _run_child(job: dict) -> dict:
    _check_job(job)
    with tempfile.TemporaryDirectory(prefix="newscrawl-") as folder:
        result_path = Path(folder) / "result.json"
        child = subprocess.Popen([sys.executable, "-m", "newscrawl.api", str(result_path)], stdin=subprocess.PIPE,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                 env={**os.environ, "PYTHONWARNINGS": os.environ.get("PYTHONWARNINGS", "ignore")})
        try:
            _out, err = child.communicate(json.dumps(job).encode("utf-8"))
        except KeyboardInterrupt:
            # Ctrl-C reached the child too: let it store what it has.
            child.wait()
            raise
        if not result_path.exists():
            last = (err or b"").decode("utf-8", "replace").strip().splitlines()
            raise CrawlError(f"the crawl process ended with status {child.returncode}"
                             + (f": {last[-1]}" if last else ""))
        return json.loads(result_path.read_text(encoding="utf-8"))


def _child_main(result_path: str) -> None:
    """The child: run one job read from stdin, write its result as JSON."""
    from newscrawl.runner import build_settings
    from newscrawl.running import crawl_sources, ingest_urls

    job = json.loads(sys.stdin.read())
    settings = build_settings(job["db"], job["settings"])
    if job["job"] == "ingest":
        result = ingest_urls(job["urls"], settings, progress=False).as_dict()
    else:
        sources = [Source(**source) for source in job["sources"]]
        result = crawl_sources(job["db"], sources, settings, refresh=job["refresh"], progress=False).as_dict()
    Path(result_path).write_text(json.dumps(result), encoding="utf-8")


# Reading the store.


@contextmanager
def reading(db: str | Path | sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """An open store: the one given, or the file opened read-only for the call."""
    if isinstance(db, sqlite_utils.Database):
        yield db
        return
    from db.store import open_db

    opened = open_db(db, readonly=True)
    try:
        yield opened
    finally:
        opened.conn.close()


def check_language(code: str) -> str:
    """An ISO 639-1 code (or und), lower-cased; ValueError otherwise."""
    folded = code.strip().lower()
    if not LANGUAGE_CODE.match(folded):
        raise ValueError(f"expects an ISO 639-1 code like en or und, got '{code}'")
    return folded


def _filters(db, text, site, language, since, until, story, limit, raw):
    from db.queries import Filters
    from db.sites import resolve_sites

    return Filters(text=text, raw=raw, site=resolve_sites(db, site) if site else None,
                   language=check_language(language) if language else None,
                   since=since, until=until, story=story, limit=limit)


def search(db: str | Path | sqlite_utils.Database = DEFAULT_DB, text: str | None = None, *, site: str | None = None,
           language: str | None = None, since: str | None = None, until: str | None = None, story: int | None = None,
           limit: int | None = 20, raw: bool = False) -> list[dict[str, Any]]:
    """Articles matching the words of `text` (best first; newest first
    without text) and the filters, as dicts with the contract's keys, the
    site's name and `is_original`. `site` is a host (with or without port or
    `www.`), a site's name or a source's name; an unknown one raises
    UnknownSite naming close matches. `limit=None` returns every match."""
    from db.queries import search_articles

    with reading(db) as store:
        return search_articles(store, _filters(store, text, site, language, since, until, story, limit, raw))


def iter_articles(db: str | Path | sqlite_utils.Database = DEFAULT_DB, text: str | None = None, *,
                  site: str | None = None, language: str | None = None, since: str | None = None,
                  until: str | None = None, story: int | None = None, raw: bool = False,
                  columns: list[str] | None = None) -> Iterator[dict[str, Any]]:
    """Every matching article, one at a time (what `newscrawl export`
    writes): in id order, or by rank for a search of words. `columns`
    defaults to every column of `articles`."""
    from db.queries import iter_articles as read_articles

    with reading(db) as store:
        filters = _filters(store, text, site, language, since, until, story, None, raw)
        yield from read_articles(store, filters, columns=columns or export_columns(store), by_id=True)


def export_columns(store: sqlite_utils.Database) -> list[str]:
    """The columns an export writes: the contract's first, then the rest."""
    from db.columns import CONTRACT_COLUMNS

    stored = list(store["articles"].columns_dict)
    return CONTRACT_COLUMNS + [c for c in stored if c not in CONTRACT_COLUMNS]


def get_article(db: str | Path | sqlite_utils.Database, key: int | str) -> dict[str, Any] | None:
    """One article by id or URL (normalised as `ingest` stores it; with or
    without the trailing slash), with its story and the matches that put it
    there (`story`, `story_matches`); None when there is none."""
    from db.queries import get_article as read_article
    from db.queries import story_matches, story_summary

    with reading(db) as store:
        article = read_article(store, str(key).strip())
        if article is None:
            return None
        article["story"] = story_summary(store, article.get("story_id"))
        article["story_matches"] = story_matches(store, article["id"])
        return article


def list_stories(db: str | Path | sqlite_utils.Database = DEFAULT_DB, *, since: str | None = None,
                 limit: int = 20) -> list[dict[str, Any]]:
    """Stories, largest first, with copies, sites, languages, dates and the original."""
    from db.queries import list_stories as read_stories

    with reading(db) as store:
        return read_stories(store, since=since, limit=limit)


def list_sites(db: str | Path | sqlite_utils.Database = DEFAULT_DB, site: str | None = None) -> list[dict[str, Any]]:
    """One dict per site (or the sites `site` means): name, host, articles,
    languages, first and last seen, the shares that are copies of another
    site's story and that name a source, and the sites copied most."""
    from db.sites import list_sites as read_sites
    from db.sites import resolve_sites

    with reading(db) as store:
        return read_sites(store, resolve_sites(store, site) if site else None)


if __name__ == "__main__":
    _child_main(sys.argv[1])
