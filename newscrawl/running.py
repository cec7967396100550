"""Running crawls: one-off URLs (`ingest`), sources now (`crawl`), when due
(`schedule`), stored pages again (`reclean`). Nothing here prints or exits:
each function returns what happened as plain values, and the CLI (or the
Python API) says it.

`schedule` runs each due batch in a child process (`newscrawl crawl NAMES`):
the Twisted reactor cannot be restarted, and a child that crashes or leaks
memory does not take the scheduler with it.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from newscrawl.results import CrawlResult, RunResult
from newscrawl.scheduling import SourceLock, due_sources, last_runs, now_utc
from newscrawl.sources import Source, SourcesError, load_sources

def ingest_urls(urls: list[str], settings, *, progress: bool | None = None) -> RunResult:
    """Fetch, extract, clean and store one-off URLs, in this process."""
    from newscrawl.runner import run_crawl
    from newscrawl.spiders.urls import UrlsSpider

    return RunResult.of(run_crawl(UrlsSpider, settings, total=len(urls), progress=progress, urls=list(urls)))


def reclean_stored(ids: list[int], sites: list[str] | None, settings) -> RunResult:
    """Extract and clean the stored HTML of these articles again (all when
    neither ids nor sites are given), in this process."""
    from newscrawl.runner import run_crawl
    from newscrawl.spiders.stored import StoredSpider

    return RunResult.of(run_crawl(StoredSpider, settings, ids=list(ids), site=",".join(sites or []) or None))


def crawl_sources(db_path: str | Path, sources: list[Source], settings, *, refresh: bool = False,
                  progress: bool | None = None) -> CrawlResult:
    """Crawl the sources now, in this process. A source another process is
    crawling is not run: its result says which process holds it."""
    from newscrawl.runner import run_crawls
    from newscrawl.spiders.sources import SourceSpider

    from newscrawl.redis_keys import is_distributed

    locks, runnable, results = [], [], {}
    for source in sources:
        if is_distributed(settings):
            # A distributed crawl: crawlers share the source's frontier on purpose.
            runnable.append(source)
            continue
        lock = SourceLock(db_path, source.name)
        if lock.acquire():
            locks.append(lock)
            runnable.append(source)
        else:
            results[source.name] = RunResult(name=source.name, locked_by=lock.holder())
    if runnable:
        try:
            jobs = [(SourceSpider, {"source": source, "refresh": refresh}) for source in runnable]
            runs = run_crawls(jobs, settings, parallel=settings.getint("NEWSCRAWL_PARALLEL_SOURCES"), progress=progress)
        finally:
            for lock in locks:
                lock.release()
        for source, outcomes in zip(runnable, runs):
            results[source.name] = RunResult.of(outcomes, name=source.name, summary=outcomes.crawl_summary())
    return CrawlResult([results[source.name] for source in sources])


def _runs_for(db_path: str | Path, settings) -> dict[str, dict]:
    """The last runs `schedule` goes by: the database's, or in a distributed
    crawl what the crawlers told Redis (newscrawl/distributed.py)."""
    from newscrawl.redis_keys import is_distributed, scheduled_runs

    if not is_distributed(settings):
        return last_runs(db_path)
    return scheduled_runs(settings)


# What the schedule loop tells as it goes (the CLI prints them).


@dataclass(frozen=True)
class Due:
    names: tuple[str, ...]


@dataclass(frozen=True)
class NothingDue:
    upcoming: dt.datetime | None  # when the next source is due; None: there are no sources


@dataclass(frozen=True)
class ChildExited:
    names: tuple[str, ...]
    code: int


@dataclass(frozen=True)
class SourcesUnreadable:
    message: str
    retry_in: float


@dataclass(frozen=True)
class Crawled:
    """`--once`: the due sources were crawled in this process; the loop ends."""

    result: CrawlResult


ScheduleEvent = Due | NothingDue | ChildExited | SourcesUnreadable | Crawled


def run_schedule(db_path: str | Path, sources_path: str | Path, settings, *, once: bool,
                 child_options: list[str]) -> Iterator[ScheduleEvent]:
    """Run what is due and say so; with `once`, stop after that (a `Crawled`
    or `NothingDue` event), else sleep until the next source is due.

    Each due batch of the loop runs as `newscrawl <child_options> crawl NAMES`
    in a child process. With `once`, a sources file that cannot be read
    raises SourcesError; in the loop it is told and read again later."""
    max_sleep = max(1.0, settings.getfloat("NEWSCRAWL_SCHEDULE_MAX_SLEEP"))
    while True:
        try:
            sources = load_sources(sources_path)
        except SourcesError as exc:
            if once:
                raise
            # A half-edited sources file must not stop the scheduler.
            yield SourcesUnreadable(str(exc), max_sleep)
            time.sleep(max_sleep)
            continue
        due, upcoming = due_sources(sources, _runs_for(db_path, settings), now_utc())
        if due:
            names = tuple(s.name for s in due)
            yield Due(names)
            if once:
                yield Crawled(crawl_sources(db_path, due, settings))
                return
            code = subprocess.call([sys.executable, "-m", "newscrawl.cli", *child_options, "crawl", *names])
            yield ChildExited(names, code)
            # A source that could not run (locked elsewhere) is not due again
            # at once; give the other process time before looking again.
            due_again, upcoming = due_sources(sources, _runs_for(db_path, settings), now_utc())
            if due_again:
                time.sleep(min(max_sleep, 60.0))
                continue
        elif once:
            yield NothingDue(upcoming if sources else None)
            return
        wait = (upcoming - now_utc()).total_seconds() if upcoming else max_sleep
        time.sleep(min(max(wait, 1.0), max_sleep))
