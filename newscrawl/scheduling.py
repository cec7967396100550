"""When sources are due, and the locks that keep two runs of one source apart.

A run of a source is a row in `crawls` (written by the CrawlRecorder
extension). A source is due when its last run started `every` ago or more,
whichever command started that run. Two processes never crawl one source at
once: each run holds an flock on `<db>.locks/<source>.lock`; the kernel drops
it when the process dies, so a killed crawl leaves no stale lock behind.

Running them is `newscrawl/running.py`.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
from pathlib import Path

from newscrawl.sources import Source


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


def now_utc() -> dt.datetime:
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
    now = now_utc()
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
