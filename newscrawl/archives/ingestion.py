"""Archives into the store: the page function on every core, one writer.

A plain loop rather than a Scrapy crawl: nothing is downloaded, so none of
what Scrapy brings (scheduling, politeness, retries, robots.txt, the cache)
applies, and reading a multi-GB file inside the reactor would stall it.
What a crawl does with a page is reused as it is: `process_fetched` in the
worker pool (newscrawl/workers.py) and `Store.write_batch`, the one writer.
A window of pages is in flight at a time, so memory stays flat whatever the
size of the archive; results are handled in archive order.

Ctrl-C or SIGTERM stops reading; the pages in the workers finish, the open
batch is committed, and the outcomes say the run was interrupted.
"""

from __future__ import annotations

import signal
import sqlite3
import sys
from collections import deque
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import BinaryIO, Iterable, Iterator

from cleaning.page import PageOptions, read_html_bytes
from cleaning.record import NO_ARTICLE_TEXT, TEASER_PAGE, ArticleRecord
from cleaning.urls import InvalidURL
from db.stories import StoryOptions
from db.store import Store
from newscrawl.archives import outcomes as reasons
from newscrawl.archives.filters import ArchiveFilter
from newscrawl.archives.outcomes import ArchiveOutcomes
from newscrawl.archives.reader import ArchivedPage, ReaderOptions, SkippedRecord, UnreadableArchive, read_warc
from newscrawl.archives.writer import ARTICLE, CANDIDATE
from newscrawl.archives.saved import SavedPage, UnreadableFile, list_saved_pages, saved_record
from newscrawl.outcomes import describe_store_error
from newscrawl.spiders.site import is_listing_url
from newscrawl.workers import WORKER_DIED, PageResult, WorkerPool, process_fetched


@dataclass(frozen=True)
class IngestOptions:
    db_path: str
    page: PageOptions
    story: StoryOptions
    filters: ArchiveFilter = ArchiveFilter()
    workers: int = 1
    keep_html: bool = True
    batch_size: int = 50
    db_timeout: float = 60.0
    max_bytes: int = 10 * 1024 * 1024
    html_types: tuple[str, ...] = ("text/html", "application/xhtml+xml")
    base_url: str | None = None  # saved pages: a page without a canonical link is base_url + its file name


def ingest_options(settings, filters, base_url: str | None = None):
    """The options of `ingest --warc` and `ingest --html`, from the settings."""
    from newscrawl.options import page_options, story_options, worker_count

    return IngestOptions(
        db_path=settings.get("NEWSCRAWL_DB"),
        page=page_options(settings),
        story=story_options(settings),
        filters=filters,
        workers=worker_count(settings),
        keep_html=settings.getbool("NEWSCRAWL_KEEP_HTML"),
        batch_size=max(1, settings.getint("NEWSCRAWL_BATCH_SIZE")),
        db_timeout=settings.getfloat("NEWSCRAWL_DB_TIMEOUT"),
        max_bytes=settings.getint("DOWNLOAD_MAXSIZE"),
        html_types=tuple(settings.getlist("NEWSCRAWL_HTML_TYPES")),
        base_url=base_url,
    )


@dataclass
class EntryResult:
    """What a worker made of one page."""

    name: str  # the page's URL, or the file's name when it has none
    result: PageResult | None = None
    fetched: ArticleRecord | None = None
    skip: str | None = None
    failure: str | None = None


@dataclass(frozen=True)
class _WorkerOptions:
    page: PageOptions
    filters: ArchiveFilter
    keep_html: bool
    base_url: str | None


def process_entry(entry: ArchivedPage | SavedPage, options: _WorkerOptions) -> EntryResult:
    """In a worker: decode, find the URL (saved pages), the page function,
    the language filter. Never raises."""
    name = entry.fetched.url if isinstance(entry, ArchivedPage) else entry.name
    try:
        if isinstance(entry, ArchivedPage):
            html, fetched = read_html_bytes(entry.data, entry.content_type), entry.fetched
        else:
            try:
                html, fetched = saved_record(entry, options.base_url)
            except InvalidURL as exc:
                return EntryResult(name, failure=str(exc))
            if not options.filters.wants_url(fetched.url):
                return EntryResult(name, skip=reasons.OTHER_SITE)
    except Exception as exc:  # a defect must cost one page, not the run
        return EntryResult(name, failure=f"internal error: {type(exc).__name__}: {exc}")
    result = process_fetched(html, fetched, options.page, options.keep_html)
    record = result.record
    if record is not None and not record.rejected and not record.is_article and _listing(entry, fetched.url):
        record.rejected = TEASER_PAGE
    if record is not None and not record.rejected and not options.filters.wants_language(record.language):
        return EntryResult(fetched.url, skip=reasons.OTHER_LANGUAGE)
    if record is not None and record.rejected:
        result.page = None  # not stored: do not send the HTML back
    return EntryResult(fetched.url, result=result, fetched=fetched)


def _listing(entry, url: str) -> bool:
    """A page whose markup declares no article, that the crawl would not
    store either: one it reached by following links (newscrawl's own
    archives say so), or one whose URL is a home, section or tag page's."""
    role = entry.role if isinstance(entry, ArchivedPage) else None
    return role == CANDIDATE or (role != ARTICLE and is_listing_url(url))


class _StopOnSignal:
    """Ctrl-C or SIGTERM: finish what is in hand, read no more. A second
    signal stops at once."""

    def __init__(self):
        self.signum: int | None = None
        self._previous: dict[int, object] = {}

    def _handle(self, signum, frame) -> None:
        if self.signum is not None:
            raise KeyboardInterrupt
        self.signum = signum

    def __enter__(self) -> "_StopOnSignal":
        for signum in (signal.SIGINT, signal.SIGTERM):
            self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)


def warc_entries(names: Iterable[str], options: IngestOptions, stdin: BinaryIO | None = None
                 ) -> Iterator[ArchivedPage | SkippedRecord | UnreadableArchive]:
    """The records of every WARC file named ('-': standard input), one after another."""
    from pathlib import Path

    reader = ReaderOptions(options.filters, options.max_bytes, options.html_types)
    for name in names:
        if name == "-":
            yield from read_warc(stdin if stdin is not None else sys.stdin.buffer, None, reader)
            continue
        try:
            stream = open(name, "rb")
        except OSError as exc:
            yield UnreadableArchive(name, f"cannot read: {exc.strerror or exc}")
            continue
        with stream:
            yield from read_warc(stream, str(Path(name).resolve()), reader)


def ingest_warc(names: list[str], options: IngestOptions, stdin: BinaryIO | None = None) -> ArchiveOutcomes:
    """Store the HTML responses of WARC files; see ArchiveOutcomes for what is counted."""
    return ingest_entries(warc_entries(names, options, stdin), options, ArchiveOutcomes(unit="record"))


def ingest_saved(paths: list[str], options: IngestOptions) -> ArchiveOutcomes:
    """Store saved HTML pages (files, or folders of them)."""
    return ingest_entries(list_saved_pages(paths), options, ArchiveOutcomes(unit="file"))


def ingest_entries(entries: Iterable, options: IngestOptions, outcomes: ArchiveOutcomes) -> ArchiveOutcomes:
    worker_options = _WorkerOptions(options.page, options.filters, options.keep_html, options.base_url)
    pool = WorkerPool(options.workers)
    # Forked before the database is opened: a child must not inherit an open SQLite connection.
    pool.start()
    try:
        with Store(options.db_path, timeout=options.db_timeout, story_options=options.story) as store:
            run = _Run(store, options, outcomes)
            window: deque[tuple[str, Future]] = deque()
            in_flight = max(2, 2 * options.workers + 2)
            with _StopOnSignal() as stop:
                for entry in entries:
                    if isinstance(entry, UnreadableArchive):
                        outcomes.fail(entry.name, entry.reason, role="file")
                    elif isinstance(entry, UnreadableFile):
                        outcomes.read += 1
                        outcomes.fail(entry.name, entry.reason)
                    elif isinstance(entry, SkippedRecord):
                        outcomes.read += 1
                        outcomes.skip(entry.reason)
                    else:
                        outcomes.read += 1
                        name = entry.fetched.url if isinstance(entry, ArchivedPage) else entry.name
                        window.append((name, pool.submit(process_entry, entry, worker_options)))
                        while len(window) >= in_flight:
                            run.handle(*window.popleft())
                    if stop.signum is not None:
                        break
                while window:
                    run.handle(*window.popleft())
                run.flush()
                outcomes.interrupted = stop.signum
    finally:
        pool.shutdown()
    return outcomes


class _Run:
    """Results in archive order → batches for the one writer."""

    def __init__(self, store: Store, options: IngestOptions, outcomes: ArchiveOutcomes):
        self.store = store
        self.options = options
        self.outcomes = outcomes
        self.articles: list[tuple[ArticleRecord, bytes | None]] = []
        self.failed: list[tuple[ArticleRecord, bytes | None, str]] = []
        # Saved pages only: two files naming one URL (a copy whose canonical
        # link is its original's) would overwrite each other unseen.
        self.first_file: dict[str, str] | None = {} if outcomes.unit == "file" else None

    def handle(self, name: str, future: Future) -> None:
        try:
            entry: EntryResult = future.result()
        except BrokenProcessPool:
            self.outcomes.fail(name, WORKER_DIED)
            return
        if entry.skip is not None:
            self.outcomes.skip(entry.skip)
            return
        if entry.failure is not None:
            self.outcomes.fail(entry.name, entry.failure)
            return
        result = entry.result
        assert result is not None and entry.fetched is not None
        if result.error is not None:
            # Kept in failed_pages for `reclean`, as a crawl keeps it.
            self.outcomes.fail(entry.name, f"internal error: {result.error}")
            self.failed.append((entry.fetched, result.page, result.error))
        elif result.record.rejected == TEASER_PAGE:
            self.outcomes.not_articles += 1
        elif result.record.rejected == NO_ARTICLE_TEXT or result.record.rejected:
            self.outcomes.no_text += 1
        elif self._duplicate(entry.name, name):
            return
        else:
            self.articles.append((result.record, result.page))
        if len(self.articles) + len(self.failed) >= self.options.batch_size:
            self.flush()

    def _duplicate(self, url: str, name: str) -> bool:
        if self.first_file is None:
            return False
        first = self.first_file.setdefault(url, name)
        if first == name:
            return False
        self.outcomes.skip(reasons.DUPLICATE)
        self.outcomes.note(name, f"not stored: its URL {url} is also the URL of {first}")
        return True

    def flush(self) -> None:
        articles, failed, self.articles, self.failed = self.articles, self.failed, [], []
        if not articles and not failed:
            return
        try:
            placed = self.store.write_batch(articles, failed=failed)
        except sqlite3.Error as exc:
            reason = describe_store_error(exc)
            for record, _page in articles:
                self.outcomes.fail(record.url, reason)
            return
        for status, *_rest in placed:
            self.outcomes.count(status)
