"""What a run did, in plain values: what `ingest`, `crawl` and `reclean`
return, through the Python API and to the CLI that prints it. No Scrapy
here, so that a result read back from a child process costs nothing."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field


@dataclass
class Failure:
    url: str
    reason: str
    role: str = "article"


COUNTS = ("stored", "updated", "unchanged", "skipped", "not_articles", "deferred", "forbidden", "discovered", "fetched")


@dataclass
class RunResult:
    """What one run did: its counts, each failure (URL and reason) and the
    notes on URLs that did not fail but whose outcome has a reason (a URL
    given twice, a page that is no article)."""

    name: str | None = None  # the source, for crawls
    stored: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # already stored, or already fetched in this run
    not_articles: int = 0
    deferred: int = 0  # left for the next run (max_pages)
    forbidden: int = 0  # robots.txt disallows it
    discovered: int = 0
    fetched: int = 0
    done: int = 0  # URLs that reached an outcome
    failures: list[Failure] = field(default_factory=list)
    notes: list[Failure] = field(default_factory=list)
    summary: str = ""  # the one summary line newscrawl prints
    interrupted: int | None = None  # the signal that stopped the run early
    locked_by: str | None = None  # another process was crawling this source: not run

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def ok(self) -> bool:
        return not self.failures and not self.interrupted

    @classmethod
    def of(cls, outcomes, *, name: str | None = None, summary: str | None = None) -> "RunResult":
        """The result of a finished run's RunOutcomes (newscrawl/outcomes.py)."""
        counts = {name: getattr(outcomes, name) for name in COUNTS}
        return cls(name=name, **counts, done=outcomes.done, failures=list(outcomes.failures), notes=list(outcomes.notes),
                   summary=outcomes.summary() if summary is None else summary, interrupted=outcomes.interrupted)

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "RunResult":
        lists = {key: [Failure(**item) for item in data.get(key, [])] for key in ("failures", "notes")}
        return cls(**{**data, **lists})


@dataclass
class CrawlResult:
    """One RunResult per source crawled, in the order asked for."""

    runs: list[RunResult] = field(default_factory=list)

    @property
    def failures(self) -> list[Failure]:
        return [failure for run in self.runs for failure in run.failures]

    @property
    def interrupted(self) -> int | None:
        return next((run.interrupted for run in self.runs if run.interrupted), None)

    @property
    def stored(self) -> int:
        return sum(run.stored for run in self.runs)

    @property
    def updated(self) -> int:
        return sum(run.updated for run in self.runs)

    @property
    def ok(self) -> bool:
        return all(run.ok for run in self.runs)

    def as_dict(self) -> dict:
        return {"runs": [run.as_dict() for run in self.runs]}

    @classmethod
    def from_dict(cls, data: dict) -> "CrawlResult":
        return cls([RunResult.from_dict(run) for run in data.get("runs", [])])
