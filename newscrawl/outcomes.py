"""What happened to each URL of a run: the reasons are constants, the
collector listens to the crawler's signals and feeds the summary line."""

from __future__ import annotations

from dataclasses import dataclass, field

from scrapy import signals

# Sent by spiders when a URL could not be fetched or is not an article page.
page_failed = object()

# Drop and failure reasons (stable strings: they appear on stderr and in stats).
NO_ARTICLE_TEXT = "no article text found"
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

    def summary(self) -> str:
        parts = [f"{self.stored} stored", f"{self.updated} updated", f"{self.unchanged} unchanged"]
        if self.skipped:
            parts.append(f"{self.skipped} skipped")
        parts.append(f"{self.failed} failed")
        return ", ".join(parts)
