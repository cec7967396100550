"""The record of source runs (table `crawls`): written when a run starts and
when it ends, read to tell what is due and what changed since the last run."""

from __future__ import annotations

import json
import os
from typing import Any

import sqlite_utils

from db.store import utcnow, write_transaction

# Runs after which every discovered article was handled: a later run may skip
# sitemap entries not modified since this one started.
SUCCESS = "ok"
MAX_ERRORS_KEPT = 100


def process_alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, someone else's
        return True
    return True


def start_crawl(db: sqlite_utils.Database, source: str, spider: str) -> int:
    with write_transaction(db):
        # A run whose process is gone (killed, machine restarted) never wrote
        # its end; say so instead of leaving it "running" for ever.
        # (A run of another machine, sent through the writer, has a run_key:
        # its pid means nothing here.)
        for row in db.query("select id, pid from crawls where source = ? and status = 'running' "
                            "and run_key is null", [source]):
            if not process_alive(row["pid"]):
                db["crawls"].update(row["id"], {"status": "interrupted"})
        return db["crawls"].insert(
            {"source": source, "spider": spider, "pid": os.getpid(), "started": utcnow(), "status": "running"}
        ).last_pk


def finish_crawl(db: sqlite_utils.Database, crawl_id: int, status: str, counts: dict[str, int],
                 errors: list[dict[str, str]]) -> None:
    row: dict[str, Any] = {"finished": utcnow(), "status": status, **counts}
    row["errors"] = json.dumps(errors[:MAX_ERRORS_KEPT], ensure_ascii=False)
    with write_transaction(db):
        db["crawls"].update(crawl_id, row)


def record_crawl(db: sqlite_utils.Database, run: dict[str, Any]) -> None:
    """Write a run that another process sends (a crawler of a distributed
    crawl, through the writer), keyed on its `run_key`: sent again, it
    updates the row; a finished row is never set back to running."""
    row = {key: value for key, value in run.items() if key in db["crawls"].columns_dict and key != "id"}
    if isinstance(row.get("errors"), list):
        row["errors"] = json.dumps(row["errors"][:MAX_ERRORS_KEPT], ensure_ascii=False)
    existing = db.execute("select id, finished from crawls where run_key = ?", [row["run_key"]]).fetchone()
    with write_transaction(db):
        if existing is None:
            db["crawls"].insert(row)
        elif not (existing[1] and not row.get("finished")):
            db["crawls"].update(existing[0], row)


def runs_in_progress_elsewhere(db: sqlite_utils.Database) -> list[tuple[int, str]]:
    """(id, run_key) of the runs sent by other processes that have not ended."""
    if "run_key" not in db["crawls"].columns_dict:
        return []
    return db.execute("select id, run_key from crawls where status = 'running' and run_key is not null").fetchall()


def mark_interrupted(db: sqlite_utils.Database, ids: list[int]) -> None:
    with write_transaction(db):
        for crawl_id in ids:
            db["crawls"].update(crawl_id, {"status": "interrupted"})


def last_runs(db: sqlite_utils.Database) -> dict[str, dict[str, Any]]:
    """The latest run of each source, by source name."""
    if not db["crawls"].exists():
        return {}
    rows = db.query(
        "select * from crawls where id in (select max(id) from crawls group by source)"
    )
    return {row["source"]: dict(row) for row in rows}


def last_success_started(db: sqlite_utils.Database, source: str) -> str | None:
    if not db["crawls"].exists():
        return None
    rows = list(db.query(
        "select max(started) as started from crawls where source = ? and status = ?", [source, SUCCESS]
    ))
    return rows[0]["started"] if rows else None
