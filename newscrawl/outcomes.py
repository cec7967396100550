"""What happened to each URL of a run: the reasons are constants, the
collector listens to the crawler's signals and feeds the summary line."""

from __future__ import annotations

from dataclasses import dataclass, field

from scrapy import signals


# Sent by spiders when a URL could not be fetched or is not an article page.
page_failed = object()
# Sent by discovery spiders: an article URL was found (once per URL and run),
# and one was left alone because the store already has it.
article_discovered = object()
article_known = object()

# Drop and failure reasons (stable strings: they appear on stderr and in stats).
NOT_HTML = "not an HTML page"
INVALID_URL = "invalid URL"
ALREADY_STORED = "already stored"


@dataclass
class Failure:
    url: str
    reason: str


@dataclass
class RunOutcomes:
    """Counts and failures of one crawl, filled from signals."""

    stored: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    discovered: int = 0
    fetched: int = 0
    finished: bool = False  # the crawl has ended (for progress displays)
    interrupted: int | None = None  # the signal that stopped the run early
    failures: list[Failure] = field(default_factory=list)
    on_change: object = None  # callable() for progress displays

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def done(self) -> int:
        return self.stored + self.updated + self.unchanged + self.failed

    def connect(self, crawler) -> None:
        crawler.signals.connect(self._scraped, signal=signals.item_scraped)
        crawler.signals.connect(self._dropped, signal=signals.item_dropped)
        crawler.signals.connect(self._item_error, signal=signals.item_error)
        crawler.signals.connect(self._page_failed, signal=page_failed)
        crawler.signals.connect(self._discovered, signal=article_discovered)
        crawler.signals.connect(self._known, signal=article_known)
        crawler.signals.connect(self._response, signal=signals.response_received)
        crawler.signals.connect(self._spider_error, signal=signals.spider_error)

    def fail(self, url: str, reason: str) -> None:
        self.failures.append(Failure(url, " ".join(str(reason).split())))
        self._changed()

    def _changed(self) -> None:
        if self.on_change:
            self.on_change()

    def _scraped(self, item, **kw) -> None:
        status = getattr(item, "status", None)
        if status == "updated":
            self.updated += 1
        elif status == "unchanged":
            self.unchanged += 1
        else:
            self.stored += 1
        self._changed()

    def _dropped(self, item, exception, **kw) -> None:
        self.fail(getattr(item, "url", "?"), str(exception))

    def _item_error(self, item, failure, **kw) -> None:
        self.fail(getattr(item, "url", "?"), f"internal error: {failure.getErrorMessage()}")

    def _page_failed(self, url, reason, **kw) -> None:
        self.fail(url, reason)

    def _discovered(self, **kw) -> None:
        self.discovered += 1
        self._changed()

    def _known(self, **kw) -> None:
        self.skipped += 1
        self._changed()

    def _response(self, response, request, **kw) -> None:
        # Article pages only: feeds, sitemaps and listings are not "fetched articles".
        if request.meta.get("article_key"):
            self.fetched += 1
            self._changed()

    def _spider_error(self, failure, response, spider=None, **kw) -> None:
        # A bug in a callback must not end in a run that looks successful;
        # an error in start() comes without a response.
        where = response.url if response is not None else getattr(spider, "name", "spider")
        self.fail(where, f"internal error: {failure.getErrorMessage()}")

    def counts(self) -> dict[str, int]:
        """The numbers a run is recorded with (table `crawls`)."""
        return {
            "discovered": self.discovered,
            "fetched": self.fetched,
            "stored": self.stored,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "failed": self.failed,
        }

    def crawl_summary(self) -> str:
        """The summary of a source run: what was found as well as what was stored."""
        return (
            f"{self.discovered} discovered, {self.skipped} already stored, {self.fetched} fetched, "
            f"{self.stored} stored, {self.updated} updated, {self.unchanged} unchanged, {self.failed} failed"
        )

    def summary(self) -> str:
        parts = [f"{self.stored} stored", f"{self.updated} updated", f"{self.unchanged} unchanged"]
        if self.skipped:
            parts.append(f"{self.skipped} skipped")
        parts.append(f"{self.failed} failed")
        return ", ".join(parts)
