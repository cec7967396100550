"""Running sources: now (`crawl`), when due (`schedule`), and what is due (`sources`).

A run of a source is a row in `crawls` (written by the CrawlRecorder
extension). A source is due when its last run started `every` ago or more,
whichever command started that run. Two processes never crawl one source at
once: each run holds an flock on `<db>.locks/<source>.lock`; the kernel drops
it when the process dies, so a killed crawl leaves no stale lock behind.

`schedule` runs each due batch in a child process (`newscrawl crawl NAMES`):
the Twisted reactor cannot be restarted, and a child that crashes or leaks
memory does not take the scheduler with it.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import subprocess
import sys
import time
from pathlib import Path

import click

from newscrawl.sources import Source, SourcesError, load_sources

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class SourceLock:
    def __init__(self, db_path: str | Path, name: str):
        self.path = Path(f"{db_path}.locks") / f"{name}.lock"
        self.fd: int | None = None

    def acquire(self) -> bool:
        self.path.parent.mkdir(exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self.fd = fd
        return True

    def holder(self) -> str:
        try:
            return self.path.read_text().strip() or "?"
        except OSError:
            return "?"

    def release(self) -> None:
        # The file stays: unlinking a lock file lets a third process lock a
        # new inode while a second still waits on the old one.
        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None


def _parse_time(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.timezone.utc)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def last_runs(db_path: str | Path) -> dict[str, dict]:
    from db.crawls import last_runs as read_last_runs
    from db.store import StoreError, open_db

    if not Path(db_path).exists():
        return {}
    try:
        db = open_db(db_path, readonly=True)
    except StoreError:
        return {}
    try:
        return read_last_runs(db)
    finally:
        db.conn.close()


def _runs_for(config) -> dict[str, dict]:
    """The last runs `schedule` goes by: the database's, or in a distributed
    crawl what the crawlers told Redis (newscrawl/distributed.py)."""
    if not config.redis_url():
        return last_runs(config.db)
    from newscrawl.distributed import scheduled_runs

    return scheduled_runs(config.settings())


def next_due(source: Source, last: dict | None) -> dt.datetime | None:
    """When the source is next due; None when it never ran (due now)."""
    started = _parse_time(last["started"]) if last else None
    if started is None:
        return None
    return started + dt.timedelta(seconds=source.interval)


def due_sources(sources: list[Source], runs: dict[str, dict], now: dt.datetime) -> tuple[list[Source], dt.datetime | None]:
    """The sources due now, and when the next of the others is due."""
    due, upcoming = [], []
    for source in sources:
        when = next_due(source, runs.get(source.name))
        if when is None or when <= now:
            due.append(source)
        else:
            upcoming.append(when)
    return due, min(upcoming) if upcoming else None


def source_rows(sources: list[Source], db_path: str | Path) -> list[dict]:
    from db.crawls import process_alive

    runs = last_runs(db_path)
    now = _now()
    rows = []
    for source in sources:
        last = runs.get(source.name)
        when = next_due(source, last)
        result = None
        if last:
            result = last["status"]
            if result == "running" and not last.get("run_key") and not process_alive(last.get("pid")):
                result = "interrupted (its process is gone)"
            elif last["status"] != "running":
                result += f" ({last['stored']} stored, {last['updated']} updated, {last['failed']} failed)"
        rows.append({
            "name": source.name,
            "every": source.every,
            "last_run": last["started"] if last else None,
            "finished": last["finished"] if last else None,
            "status": last["status"] if last else None,
            "result": result,
            "next_due": "now" if when is None or when <= now else when.isoformat(),
            "feeds": len(source.feeds),
            "sitemaps": len(source.sitemaps),
            "start_urls": len(source.start_urls),
        })
    return rows


def crawl_sources(config, sources: list[Source], *, refresh: bool = False, settings=None) -> int:
    """Crawl the sources now, in this process; print one summary line per source."""
    from newscrawl.runner import run_crawls
    from newscrawl.spiders.sources import SourceSpider

    locks, runnable = [], []
    for source in sources:
        if config.redis_url():
            # A distributed crawl: crawlers share the source's frontier on purpose.
            runnable.append(source)
            continue
        lock = SourceLock(config.db, source.name)
        if lock.acquire():
            locks.append(lock)
            runnable.append(source)
        else:
            click.echo(f"{source.name}: skipped, already being crawled (pid {lock.holder()})", err=True)
    if not runnable:
        return EXIT_OK
    try:
        settings = settings if settings is not None else config.settings()
        jobs = [(SourceSpider, {"source": source, "refresh": refresh}) for source in runnable]
        runs = run_crawls(jobs, settings, parallel=settings.getint("NEWSCRAWL_PARALLEL_SOURCES"))
    finally:
        for lock in locks:
            lock.release()
    failed = False
    for source, outcomes in zip(runnable, runs):
        # A site crawl meets many pages that are no article (about,
        # contact): counted in the summary; duplicates are told.
        for note in outcomes.notes:
            if note.role != "not_article":
                click.echo(f"{note.url}: {note.reason}", err=True)
        for failure in outcomes.failures:
            click.echo(f"{failure.url}: {failure.reason}", err=True)
        failed = failed or bool(outcomes.failures)
        click.echo(f"{source.name}: {outcomes.crawl_summary()}", err=True)
    interrupted = next((run.interrupted for run in runs if run.interrupted), None)
    if interrupted:
        from newscrawl.cli import interrupted_status, interruption_name

        click.echo(f"newscrawl: interrupted by {interruption_name(interrupted)}: what was fetched is stored, "
                   "the rest is fetched by the next run", err=True)
        return interrupted_status(interrupted)
    return EXIT_FAILED if failed else EXIT_OK


def _child_command(config, names: list[str]) -> list[str]:
    cmd = [sys.executable, "-m", "newscrawl.cli", "--db", str(config.db), "--sources", str(config.sources)]
    if config.redis:
        cmd += ["--redis", config.redis]
    for name, value in config.sets.items():
        cmd += ["--set", f"{name}={value}"]
    if config.verbose:
        cmd.append("-v")
    return cmd + ["crawl", *names]


def run_schedule(config, *, once: bool) -> int:
    """Run what is due; with once, exit after that, else sleep until the next is due."""
    settings = config.settings()
    max_sleep = max(1.0, settings.getfloat("NEWSCRAWL_SCHEDULE_MAX_SLEEP"))
    while True:
        try:
            sources = load_sources(config.sources)
        except SourcesError as exc:
            if once:
                raise
            # A half-edited sources file must not stop the scheduler.
            click.echo(f"newscrawl: error: {exc}; retrying in {int(max_sleep)} s", err=True)
            time.sleep(max_sleep)
            continue
        due, upcoming = due_sources(sources, _runs_for(config), _now())
        if due:
            names = [s.name for s in due]
            click.echo(f"due: {', '.join(names)}", err=True)
            if once:
                return crawl_sources(config, due)
            code = subprocess.call(_child_command(config, names))
            if code not in (EXIT_OK, EXIT_FAILED):
                click.echo(f"newscrawl: crawl of {', '.join(names)} exited with status {code}", err=True)
            # A source that could not run (locked elsewhere) is not due again
            # at once; give the other process time before looking again.
            due_again, upcoming = due_sources(sources, _runs_for(config), _now())
            if due_again:
                time.sleep(min(max_sleep, 60.0))
                continue
        elif once:
            when = f"next due at {upcoming.isoformat()}" if upcoming else "no sources"
            click.echo(f"nothing due ({when})", err=True)
            return EXIT_OK
        wait = (upcoming - _now()).total_seconds() if upcoming else max_sleep
        time.sleep(min(max(wait, 1.0), max_sleep))
