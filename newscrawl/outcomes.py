"""What happened to each URL of a run: the reasons are constants, the
collector listens to the crawler's signals and feeds the summary line.

Every article URL a run requests ends as exactly one of: stored, updated,
unchanged, already stored, not an article, or failed (with its reason), so
the summary adds up to the number of URLs given (`ingest`) or discovered
(`crawl`). Requests Scrapy's duplicate filter drops never reach a callback
or errback: they are attributed here, from the `request_dropped` signal, to
the article URL whose request it was (a redirect keeps that URL in meta).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from scrapy import signals
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    DropItem,
    IgnoreRequest,
)
from scrapy.spidermiddlewares.httperror import HttpError

from newscrawl.results import Failure


# Sent by spiders when a URL could not be fetched or is not an article page;
# `role` says what the URL was ("article", "feed", "sitemap", "start page"…).
page_failed = object()
# Sent by spiders: a fetched page is no article (an about page found by
# following links); counted, not a failure.
page_not_article = object()
# Sent by discovery spiders: an article URL was found (once per URL and run),
# one was left alone because the store already has it, one was left for the
# next run (max_pages), a link was unusable or off-limits.
article_discovered = object()
article_known = object()
article_deferred = object()
link_skipped = object()
# Sent by discovery spiders: robots.txt forbids a discovered article, which
# is obeyed, not failed.
article_forbidden = object()
# Sent by the shared frontier (newscrawl/frontier.py): an article found is
# already in the frontier, put there by another crawler process of the run.
article_elsewhere = object()

# Drop and failure reasons (stable strings: they appear on stderr and in stats).
NOT_HTML = "not an HTML page"
NOT_AN_ARTICLE = "not an article"
INVALID_URL = "invalid URL"
ALREADY_STORED = "already stored"
# The store status of an article handed to the writer of a distributed crawl.
QUEUED = "queued"
# Why a link was skipped (link_skipped's `reason`).
BAD_LINK = "bad_link"
OFF_SITE = "off_site"
SKIPPED_LINK_LABELS = {
    BAD_LINK: ("unusable link", "unusable links"),
    OFF_SITE: ("sitemap entry on another site", "sitemap entries on other sites"),
}


class NotAnArticle(DropItem):
    """Raised by a pipeline for a page that is no article (a listing, a home
    page): counted as "not an article", not as a failure."""


@dataclass
class RunOutcomes:
    """Counts and failures of one crawl, filled from signals."""

    stored: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # already stored, or already fetched in this run
    not_articles: int = 0
    deferred: int = 0  # over the source's max_pages: left for the next run
    forbidden: int = 0  # discovered, but robots.txt disallows it
    queued: int = 0  # handed to the writer of a distributed crawl (newscrawl store --from-redis)
    # Found, but already in the shared frontier of a distributed crawl: another
    # crawler of the run found it first, and whichever crawler takes it counts
    # its outcome. Across the run's crawlers the numbers add up.
    elsewhere: int = 0
    discovered: int = 0
    fetched: int = 0
    finished: bool = False  # the crawl has ended (for progress displays)
    interrupted: int | None = None  # the signal that stopped the run early
    failures: list[Failure] = field(default_factory=list)
    # URLs that did not fail but whose outcome needs its reason told
    # (a duplicate in the batch, a page that is no article).
    notes: list[Failure] = field(default_factory=list)
    skipped_links: dict[str, int] = field(default_factory=dict)
    on_change: object = None  # callable() for progress displays
    # Fingerprint of each scheduled request -> the article URL it was for
    # (or "" for a feed, sitemap or listing), to attribute dropped duplicates.
    _holders: dict[bytes, str] = field(default_factory=dict, repr=False)
    _crawler: object = field(default=None, repr=False)

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def article_failures(self) -> list[Failure]:
        return [f for f in self.failures if f.role == "article"]

    @property
    def done(self) -> int:
        return (self.stored + self.updated + self.unchanged + self.skipped + self.not_articles + self.forbidden
                + self.queued + self.elsewhere + self.failed)

    def connect(self, crawler) -> None:
        self._crawler = crawler
        crawler.signals.connect(self._scraped, signal=signals.item_scraped)
        crawler.signals.connect(self._dropped, signal=signals.item_dropped)
        crawler.signals.connect(self._item_error, signal=signals.item_error)
        crawler.signals.connect(self._page_failed, signal=page_failed)
        crawler.signals.connect(self._not_article, signal=page_not_article)
        crawler.signals.connect(self._discovered, signal=article_discovered)
        crawler.signals.connect(self._known, signal=article_known)
        crawler.signals.connect(self._deferred, signal=article_deferred)
        crawler.signals.connect(self._link_skipped, signal=link_skipped)
        crawler.signals.connect(self._forbidden, signal=article_forbidden)
        crawler.signals.connect(self._elsewhere, signal=article_elsewhere)
        crawler.signals.connect(self._response, signal=signals.response_received)
        crawler.signals.connect(self._spider_error, signal=signals.spider_error)
        crawler.signals.connect(self._request_scheduled, signal=signals.request_scheduled)
        crawler.signals.connect(self._request_dropped, signal=signals.request_dropped)

    def fail(self, url: str, reason: str, role: str = "article") -> None:
        self.failures.append(Failure(url, " ".join(str(reason).split()), role))
        self._changed()

    def note(self, url: str, reason: str, role: str = "duplicate") -> None:
        self.notes.append(Failure(url, " ".join(str(reason).split()), role))

    def _changed(self) -> None:
        if self.on_change:
            self.on_change()

    def _scraped(self, item, **kw) -> None:
        status = getattr(item, "status", None)
        if status == "updated":
            self.updated += 1
        elif status == "unchanged":
            self.unchanged += 1
        elif status == QUEUED:
            self.queued += 1
        else:
            self.stored += 1
        self._changed()

    def _dropped(self, item, exception, **kw) -> None:
        if isinstance(exception, NotAnArticle):
            self._not_article(getattr(item, "url", "?"), str(exception) or NOT_AN_ARTICLE)
            return
        self.fail(getattr(item, "url", "?"), str(exception))

    def _item_error(self, item, failure, **kw) -> None:
        self.fail(getattr(item, "url", "?"), describe_store_error(failure.value))

    def _page_failed(self, url, reason, role="article", **kw) -> None:
        self.fail(url, reason, role)

    def _not_article(self, url, reason=NOT_AN_ARTICLE, **kw) -> None:
        self.not_articles += 1
        self.note(url, reason, role="not_article")
        self._changed()

    def _discovered(self, **kw) -> None:
        self.discovered += 1
        self._changed()

    def _known(self, **kw) -> None:
        self.skipped += 1
        self._changed()

    def _deferred(self, **kw) -> None:
        self.deferred += 1
        self._changed()

    def _forbidden(self, **kw) -> None:
        self.forbidden += 1
        self._changed()

    def _elsewhere(self, **kw) -> None:
        self.elsewhere += 1
        self._changed()

    def _link_skipped(self, reason=BAD_LINK, **kw) -> None:
        self.skipped_links[reason] = self.skipped_links.get(reason, 0) + 1

    def _response(self, response, request, **kw) -> None:
        # Article pages only: feeds, sitemaps and listings are not "fetched articles".
        if request.meta.get("article_key"):
            self.fetched += 1
            self._changed()

    def _spider_error(self, failure, response, spider=None, **kw) -> None:
        # A bug in a callback must not end in a run that looks successful;
        # an error in start() comes without a response.
        if response is None:
            self.fail(getattr(spider, "name", "spider"), f"internal error: {failure.getErrorMessage()}", role="spider")
            return
        key = response.meta.get("article_key") if response.request is not None else None
        self.fail(key or response.url, f"internal error: {failure.getErrorMessage()}",
                  role="article" if key else "page")

    # Duplicates Scrapy drops.

    def _fingerprint(self, request) -> bytes | None:
        fingerprinter = getattr(self._crawler, "request_fingerprinter", None)
        return fingerprinter.fingerprint(request) if fingerprinter is not None else None

    def _request_scheduled(self, request, **kw) -> None:
        fingerprint = self._fingerprint(request)
        if fingerprint is not None:
            # The first request for a page holds it; a later one is dropped.
            self._holders.setdefault(fingerprint, request.meta.get("article_key") or "")

    def _request_dropped(self, request, **kw) -> None:
        key = request.meta.get("article_key")
        if not key:
            return  # a listing linked twice: nothing was asked of it
        holder = self._holders.get(self._fingerprint(request) or b"")
        chain = list(request.meta.get("redirect_urls") or [])
        if chain and (holder == key or request.url in chain):
            kind = "meta refresh loop" if "meta refresh" in (request.meta.get("redirect_reasons") or []) else "redirect loop"
            self.fail(key, f"{kind}: {' → '.join(chain + [request.url])}")
            return
        if chain and holder:
            reason = f"redirects to {request.url}, fetched in this run for {holder}" if holder != request.url \
                else f"redirects to {request.url}, also in this run"
        elif chain:
            reason = f"redirects to {request.url}, already fetched in this run as a feed, sitemap or listing"
        elif holder == key:
            reason = "listed twice in this run"
        elif holder:
            reason = f"fetched in this run through {holder}, which redirects here"
        else:
            reason = "already fetched in this run"
        self.skipped += 1
        self.note(key, reason)
        self._changed()

    def counts(self) -> dict[str, int]:
        """The numbers a run is recorded with (table `crawls`)."""
        return {
            "discovered": self.discovered,
            "fetched": self.fetched,
            "stored": self.stored,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "not_articles": self.not_articles,
            "deferred": self.deferred,
            "forbidden": self.forbidden,
            "queued": self.queued,
            "elsewhere": self.elsewhere,
            "failed": self.failed,
        }

    def crawl_summary(self) -> str:
        """The summary of a source run. Its article numbers add up:
        discovered = already stored + stored + updated + unchanged
        + queued for the writer + not an article + forbidden by robots.txt
        + left for the next run + failed, and in a distributed crawl
        + already in the shared frontier, summed over the run's crawlers
        (each processes what it takes from the frontier, whoever found it)."""
        parts = [
            f"{self.discovered} discovered", f"{self.skipped} already stored", f"{self.fetched} fetched",
            f"{self.stored} stored", f"{self.updated} updated", f"{self.unchanged} unchanged",
        ]
        if self.queued:
            parts.append(f"{self.queued} queued for the writer")
        if self.elsewhere:
            parts.append(f"{self.elsewhere} already in the shared frontier")
        if self.not_articles:
            parts.append(f"{self.not_articles} not an article")
        if self.forbidden:
            parts.append(f"{self.forbidden} forbidden by robots.txt")
        if self.deferred:
            parts.append(f"{self.deferred} left for the next run")
        parts.append(f"{len(self.article_failures)} failed")
        text = ", ".join(parts)
        others: dict[str, int] = {}
        for failure in self.failures:
            if failure.role != "article":
                others[failure.role] = others.get(failure.role, 0) + 1
        extra = [f"{count} {role if count == 1 else role + 's'} failed" for role, count in others.items()]
        extra += [f"{count} {SKIPPED_LINK_LABELS[reason][count != 1]} not followed" for reason, count in self.skipped_links.items()]
        return text + ("; " + ", ".join(extra) if extra else "")

    def summary(self) -> str:
        """The summary of one-off URLs; it adds up to the number of URLs given."""
        parts = [f"{self.stored} stored", f"{self.updated} updated", f"{self.unchanged} unchanged"]
        if self.skipped:
            parts.append(f"{self.skipped} {ALREADY_STORED}")
        if self.not_articles:
            parts.append(f"{self.not_articles} {NOT_AN_ARTICLE}")
        parts.append(f"{self.failed} failed")
        return ", ".join(parts)


def describe_error(exc: BaseException, settings) -> str:
    """A short, human reason for a failed download."""
    from twisted.internet.error import ConnectionDone, ConnectionLost
    from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

    if isinstance(exc, HttpError):
        return f"HTTP {exc.response.status}"
    if isinstance(exc, CannotResolveHostError):
        return "DNS lookup failed"
    if isinstance(exc, (DownloadConnectionRefusedError, ConnectionRefusedError)):
        return "connection refused"
    if isinstance(exc, (DownloadTimeoutError, TimeoutError)):
        return f"timed out after {settings.getfloat('DOWNLOAD_TIMEOUT'):g} s"
    if isinstance(exc, DownloadCancelledError) and "max size" in str(exc):
        return f"response larger than the size cap of {settings.getint('DOWNLOAD_MAXSIZE')} bytes"
    wrapped = exc.__cause__ if isinstance(exc, DownloadFailedError) else exc
    if isinstance(wrapped, (ResponseNeverReceived, ResponseFailed)):
        reasons = [r.value for r in getattr(wrapped, "reasons", []) if hasattr(r, "value")]
        if any(isinstance(r, (ConnectionLost, ConnectionDone)) for r in reasons):
            return "connection reset before the answer was complete"
    if isinstance(exc, (ConnectionLost, ConnectionResetError)):
        return "connection reset before the answer was complete"
    if isinstance(exc, IgnoreRequest) and str(exc) == "max redirections reached":
        return f"more than {settings.getint('REDIRECT_MAX_TIMES')} redirects"
    if isinstance(exc, IgnoreRequest) and "during decompression" in str(exc):
        # HttpCompressionMiddleware stopped a compressed bomb.
        return f"response larger than the size cap of {settings.getint('DOWNLOAD_MAXSIZE')} bytes once decompressed"
    if isinstance(exc, IgnoreRequest):
        message = str(exc) or "request ignored"
        # Scrapy's "Forbidden by robots.txt", but "DNS lookup failed" as is.
        return message if message[1:2].isupper() else message[0].lower() + message[1:]
    text = str(exc) or type(exc).__name__
    return " ".join(text.split())[:300]


def describe_store_error(exc: BaseException) -> str:
    """The reason an article could not be written, in the user's terms."""
    message = " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(exc, sqlite3.OperationalError):
        lowered = message.lower()
        if "disk is full" in lowered:
            return "disk full: the database cannot grow (SQLite: database or disk is full)"
        if "disk i/o error" in lowered:
            return "cannot write the database: disk I/O error (is the disk full, or the file size limited?)"
        if "readonly" in lowered or "read-only" in lowered:
            return "cannot write the database: it is read-only"
        if "locked" in lowered:
            return "cannot write the database: locked by another process for too long"
    if isinstance(exc, OSError) and getattr(exc, "errno", None) == 28:  # ENOSPC
        return f"disk full: {exc.strerror or message}"
    return f"internal error: {message}"
