"""What happened to each record of an archive (or each saved page).

Every record read ends as exactly one of: stored, updated, unchanged, not an
article, no article text, failed, or skipped with its reason, so the summary
adds up to the records read. A record that is no article is counted, not
reported: an archive holds what a crawler fetched, not what the user asked
for. A file that cannot be read is a failure of its own, beside the records.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newscrawl.outcomes import Failure
from newscrawl.results import RunResult

# Why a record is skipped (stable strings: the summary counts by them).
REQUEST_RECORD = "request record"
WARCINFO_RECORD = "warcinfo record"
METADATA_RECORD = "metadata record"
REVISIT_RECORD = "revisit record"
OTHER_RECORD = "other record type"  # resource, conversion, continuation
NOT_HTTP = "not an HTTP response"  # e.g. dns: records
NOT_200 = "not HTTP 200"
NOT_HTML = "not HTML"
TRUNCATED = "truncated"
TOO_LARGE = "larger than the size cap"
INVALID_URL = "invalid URL"
OTHER_SITE = "other site"
OTHER_LANGUAGE = "other language"
DUPLICATE = "same URL as an earlier file"
# newscrawl's own archives: a feed, sitemap or listing page the crawl fetched.
NOT_FETCHED_AS_ARTICLE = "fetched as a listing, feed or sitemap"

RECORD_SKIPS = {"request": REQUEST_RECORD, "warcinfo": WARCINFO_RECORD, "metadata": METADATA_RECORD,
                "revisit": REVISIT_RECORD}


@dataclass
class ArchiveOutcomes:
    unit: str = "record"  # what is counted: "record" (WARC) or "file" (saved pages)
    read: int = 0
    stored: int = 0
    updated: int = 0
    unchanged: int = 0
    not_articles: int = 0  # a page of teasers for other pages
    no_text: int = 0  # no article text found
    skipped: dict[str, int] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)  # role "record" or "file"
    notes: list[Failure] = field(default_factory=list)
    interrupted: int | None = None
    files: int = 0  # archive files (or saved pages) opened

    @property
    def failed(self) -> int:
        return sum(1 for f in self.failures if f.role == self.unit)

    @property
    def done(self) -> int:
        return (self.stored + self.updated + self.unchanged + self.not_articles + self.no_text + self.failed
                + sum(self.skipped.values()))

    def result(self) -> RunResult:
        """The plain result the CLI and the API report, summary line included."""
        return RunResult(stored=self.stored, updated=self.updated, unchanged=self.unchanged,
                         not_articles=self.not_articles, done=self.done, failures=list(self.failures),
                         notes=list(self.notes), summary=self.summary(), interrupted=self.interrupted)

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1

    def fail(self, name: str, reason: str, role: str | None = None) -> None:
        self.failures.append(Failure(name, " ".join(str(reason).split()), role or self.unit))

    def note(self, name: str, reason: str) -> None:
        self.notes.append(Failure(name, " ".join(str(reason).split()), "note"))

    def count(self, status: str) -> None:
        if status == "updated":
            self.updated += 1
        elif status == "unchanged":
            self.unchanged += 1
        else:
            self.stored += 1

    def summary(self) -> str:
        """`N records read: …`, the parts adding up to N; unreadable files after a semicolon."""
        units = f"{self.unit}s" if self.read != 1 else self.unit
        parts = [f"{self.stored} stored", f"{self.updated} updated", f"{self.unchanged} unchanged"]
        if self.not_articles:
            parts.append(f"{self.not_articles} not an article")
        if self.no_text:
            parts.append(f"{self.no_text} no article text")
        parts.append(f"{self.failed} failed")
        skipped = sum(self.skipped.values())
        if skipped:
            reasons = ", ".join(f"{reason}: {count}" for reason, count in
                                sorted(self.skipped.items(), key=lambda item: -item[1]))
            parts.append(f"{skipped} skipped ({reasons})")
        text = f"{self.read} {units} read: " + ", ".join(parts)
        unreadable = sum(1 for f in self.failures if f.role == "file") if self.unit != "file" else 0
        if unreadable:
            text += f"; {unreadable} file{'s' if unreadable != 1 else ''} could not be read to the end"
        return text
