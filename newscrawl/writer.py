"""The one writer of a distributed crawl: `newscrawl store --from-redis`.

Crawler processes push finished records to a Redis list
(newscrawl/pipelines/redis.py); the writer drains it into SQLite in batches
through `Store.write_batch` — story grouping, full-text search, versions —
and learns the sites' templates as the crawl's own store stage does
(newscrawl/templates.py).

A reliable queue: each record is moved (`BLMOVE`) from the list to the
writer's processing list, and the processing list is emptied only after the
batch's transaction has committed. A writer killed mid-batch leaves its
batch there; the next writer puts it back at the head of the queue before
anything else. A batch written twice is harmless: articles are upserts keyed
on the URL (the second write finds them unchanged), failed pages are keyed on
the URL, and a run's record on its `run_key`.

After each commit the writer adds the batch's article keys to the stored
set the crawlers read (so they skip what is stored without opening the
database) and publishes the templates it learned. At start it fills both
from the database, so a store that was written before is known as it is.
Only one writer runs: it holds a lock in Redis that it renews between
batches; a writer whose lock expired (it stalled longer than
NEWSCRAWL_REDIS_DEAD_AFTER) stops rather than write beside another.
"""

from __future__ import annotations

import asyncio
import signal
import sqlite3
import time
from dataclasses import dataclass, field
from typing import Callable

from db.store import Store
from newscrawl.redis_keys import (
    DistributedError,
    RedisKeys,
    frontier_is_idle,
    gone_from_this_host,
    node_id,
    url_digest,
)
from newscrawl.items import Article
from newscrawl.messages import ARTICLE, CRAWL, FAILED, MessageError, profile_bytes, read_message
from newscrawl.outcomes import describe_store_error

# KEYS: the lock. ARGV: this writer's id, milliseconds.
_RENEW = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
"""

# Seconds between tries when the database refuses a batch (locked, disk full).
MAX_RETRY_WAIT = 30.0


@dataclass(frozen=True)
class WriterOptions:
    batch_size: int = 50
    batch_seconds: float = 0.5
    dead_after: float = 15.0
    drain: bool = False  # stop once nothing is queued and no crawler runs
    poll_seconds: float = 1.0  # how long one wait for a record lasts


@dataclass
class WriterTotals:
    stored: int = 0
    updated: int = 0
    unchanged: int = 0
    failed_pages: int = 0
    runs: int = 0
    rejected: int = 0
    batches: int = 0
    recovered: int = 0  # records a previous writer had taken and not committed
    interrupted: int | None = None  # the signal that stopped it

    def summary(self) -> str:
        parts = [f"{self.stored} stored", f"{self.updated} updated", f"{self.unchanged} unchanged"]
        if self.failed_pages:
            parts.append(f"{self.failed_pages} failed page(s) kept for reclean")
        parts.append(f"{self.runs} run record(s)")
        if self.rejected:
            parts.append(f"{self.rejected} unreadable record(s) set aside")
        text = f"written in {self.batches} batch(es): " + ", ".join(parts)
        if self.recovered:
            text += f"; {self.recovered} record(s) taken back from a writer that had stopped"
        return text


class Counts(dict):
    """The stats the template learner counts into, as a crawl's stats would."""

    def inc_value(self, key: str, count: int = 1, start: int = 0, **_kw) -> None:
        self[key] = self.get(key, start) + count


class TemplateBoard:
    """Where the learner announces a site's new template: Redis, for the crawlers."""

    def __init__(self, client, keys: RedisKeys):
        self.client = client
        self.keys = keys

    def send_catch_log(self, _signal, site: str, profile, **_kw) -> None:
        self.client.hset(self.keys.templates, site, profile_bytes(profile))


class WriterBusy(DistributedError):
    pass


@dataclass
class RecordWriter:
    client: object
    keys: RedisKeys
    store: Store
    options: WriterOptions
    learner: object | None = None  # newscrawl.templates.TemplateLearner
    say: Callable[[str], None] = print  # one line per problem, for stderr
    totals: WriterTotals = field(default_factory=WriterTotals)
    me: str = field(default_factory=node_id)
    stopping: int | None = None
    lock_lost: bool = False
    _last_runs_check: float = 0.0

    def __post_init__(self):
        import threading

        self._renew = self.client.register_script(_RENEW)
        self._done = threading.Event()

    # Start and stop.

    def acquire(self) -> None:
        """Take the writer's lock, or say who holds it."""
        ttl = int(self.options.dead_after * 1000)
        for _attempt in range(2):
            if self.client.set(self.keys.writer, self.me, nx=True, px=ttl):
                self.client.hset(self.keys.writer_stats, mapping={"writer": self.me, "started": time.time()})
                return
            holder = (self.client.get(self.keys.writer) or b"").decode()
            if holder and gone_from_this_host(holder):
                self.client.delete(self.keys.writer)  # its process is gone: no need to wait for the lock to expire
                continue
            break
        host, _sep, rest = holder.partition(":")
        raise WriterBusy(f"another writer holds {self.keys.writer}: {host}, pid {rest.partition(':')[0] or '?'} "
                         f"(a writer that stopped frees it within {self.options.dead_after:g} s)")

    def renew(self) -> None:
        """Raise if the lock was lost: never write beside another writer."""
        if self.lock_lost:
            raise DistributedError("the writer's lock expired (Redis did not hear of it for longer than "
                                   "NEWSCRAWL_REDIS_DEAD_AFTER); stopping so that two writers never write at once")

    def _keep_lock(self) -> None:
        """In a thread: a long batch or a slow disk is not a dead writer."""
        import redis

        while not self._done.wait(self.options.dead_after / 5):
            try:
                if not self._renew(keys=[self.keys.writer], args=[self.me, int(self.options.dead_after * 1000)]):
                    self.lock_lost = True
                    return
            except redis.RedisError:
                continue  # Redis away for a moment; the lock lasts dead_after

    def release(self) -> None:
        if (self.client.get(self.keys.writer) or b"").decode() == self.me:
            self.client.delete(self.keys.writer)

    def recover(self) -> int:
        """The batch a killed writer left goes back to the head of the queue."""
        moved = 0
        while self.client.lmove(self.keys.records_processing, self.keys.records, "LEFT", "RIGHT") is not None:
            moved += 1
        self.totals.recovered += moved
        return moved

    def publish_store(self) -> None:
        """Tell the crawlers what the database already holds: keys, templates, runs."""
        from db.crawls import last_runs, last_success_started
        from db.profiles import list_site_profiles, read_site_profile
        from db.store import iter_stored_urls

        db = self.store.db
        for urls in iter_stored_urls(db):
            self.client.sadd(self.keys.stored, *[url_digest(url) for url in urls])
            self.renew()
        for row in list_site_profiles(db):
            stored = read_site_profile(db, row["site"])
            if stored is not None:
                # The database's is the latest: a Redis that outlived it is corrected.
                self.client.hset(self.keys.templates, row["site"], profile_bytes(stored.profile))
        for source, run in last_runs(db).items():
            self.client.hsetnx(self.keys.runs_started, source, run["started"])
            succeeded = last_success_started(db, source)
            if succeeded:
                self.client.hsetnx(self.keys.runs_succeeded, source, succeeded)

    def run(self) -> WriterTotals:
        import threading

        self.acquire()
        keeper = threading.Thread(target=self._keep_lock, name="newscrawl-writer-lock", daemon=True)
        keeper.start()
        previous = {sig: signal.signal(sig, self._stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            self.recover()
            self.publish_store()
            while self.stopping is None:
                self.renew()
                batch = self.take_batch()
                if batch:
                    self.write(batch)
                elif self.idle():
                    break
            self.totals.interrupted = self.stopping
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            self._done.set()
            keeper.join()
            self.release()
            if self.learner is not None:
                self.learner.pool.shutdown()
        return self.totals

    def _stop(self, signum, _frame) -> None:
        # The batch in hand is finished; what is not taken stays queued.
        self.stopping = signum

    # Batches.

    def take_batch(self) -> list[bytes]:
        first = self.client.blmove(self.keys.records, self.keys.records_processing, self.options.poll_seconds,
                                   "RIGHT", "LEFT")
        if first is None:
            return []
        batch = [first]
        deadline = time.monotonic() + self.options.batch_seconds
        while len(batch) < self.options.batch_size:
            raw = self.client.lmove(self.keys.records, self.keys.records_processing, "RIGHT", "LEFT")
            if raw is None:
                left = deadline - time.monotonic()
                if left <= 0.01:
                    break
                raw = self.client.blmove(self.keys.records, self.keys.records_processing, left, "RIGHT", "LEFT")
                if raw is None:
                    break
            batch.append(raw)
        return batch

    def write(self, batch: list[bytes]) -> None:
        """One batch in one transaction, then acknowledged: the processing list emptied."""
        entries, rejected = [], []
        for raw in batch:
            try:
                entries.append((raw, read_message(raw)))
            except MessageError as exc:
                rejected.append((raw, str(exc)))
        written = self._commit(entries, rejected)
        if written is None:
            return  # stopped while the database refused it: the batch stays in the processing list
        articles, failed, runs = written
        oldest = min((m["queued_at"] for _raw, m in entries if m.get("queued_at")), default=None)
        now = time.time()
        ack = self.client.pipeline(transaction=True)
        digests = [url_digest(item.record.url) for item in articles if item.id is not None]
        if digests:
            ack.sadd(self.keys.stored, *digests)
        for raw, reason in rejected:
            ack.lpush(self.keys.records_rejected, raw)
            self.say(f"newscrawl: store: record set aside in {self.keys.records_rejected}: {reason}")
        ack.hincrby(self.keys.writer_stats, "written", len(batch))
        ack.hset(self.keys.writer_stats, mapping={"last_batch": now, "last_lag": round(now - oldest, 3) if oldest else 0})
        ack.delete(self.keys.records_processing)
        ack.execute()
        self.totals.batches += 1
        self.totals.failed_pages += failed
        self.totals.runs += runs
        self.totals.rejected += len(rejected)
        if self.learner is not None:
            self.learner.announce()

    def _commit(self, entries, rejected):
        """Write the batch; (articles written, failed pages, runs), or None when stopped first."""
        wait = 1.0
        while True:
            self.renew()
            try:
                return self._write_rows([m for _raw, m in entries])
            except sqlite3.Error as exc:
                self.say(f"newscrawl: store: batch of {len(entries)} record(s) not written: "
                         f"{describe_store_error(exc)}; trying again in {wait:g} s")
            except Exception:
                # A record that breaks the store must cost that record, not the queue.
                return self._write_one_by_one(entries, rejected)
            deadline = time.monotonic() + wait
            while time.monotonic() < deadline:
                if self.stopping is not None:
                    return None
                time.sleep(0.1)
            wait = min(MAX_RETRY_WAIT, wait * 2)

    def _write_rows(self, messages: list[dict]) -> tuple[list[Article], int, int]:
        from db.crawls import record_crawl

        articles = [_article(m) for m in messages if m["kind"] == ARTICLE]
        failed = [(m["record"], m.get("page"), m.get("error") or "") for m in messages if m["kind"] == FAILED]
        runs = [m["run"] for m in messages if m["kind"] == CRAWL]
        placed = self.store.write_batch([(item.record, item.page) for item in articles], failed=failed)
        for item, (status, article_id, story_id, is_original, _copies) in zip(articles, placed):
            item.status, item.id, item.story_id, item.is_original = status, article_id, story_id, is_original
        for run in runs:
            record_crawl(self.store.db, run)
        for item in articles:
            setattr(self.totals, item.status, getattr(self.totals, item.status) + 1)
        if self.learner is not None and articles:
            try:
                self.learner.after_batch(self.store.db, articles)
            except sqlite3.Error as exc:  # the batch is stored; the template waits for the next one
                self.say(f"newscrawl: store: site templates not learned: {describe_store_error(exc)}")
        return articles, len(failed), len(runs)

    def _write_one_by_one(self, entries, rejected) -> tuple[list[Article], int, int]:
        articles, failed, runs = [], 0, 0
        for raw, message in entries:
            try:
                one = self._write_rows([message])
            except Exception as exc:
                what = message["record"].url if "record" in message else (message.get("run") or {}).get("run_key", "?")
                reason = f"internal error: {type(exc).__name__}: {' '.join(str(exc).split())[:200]}"
                self.say(f"{what}: not written: {reason}")
                rejected.append((raw, f"{what}: {reason}"))
                continue
            articles += one[0]
            failed += one[1]
            runs += one[2]
        return articles, failed, runs

    # Between batches.

    def idle(self) -> bool:
        """Work for quiet moments; True when the writer should stop (drain)."""
        if self.learner is not None and self.learner.written:
            asyncio.run(self.learner.reapply(self._in_writer, self.store))
            self.learner.announce()
        now = time.monotonic()
        if now - self._last_runs_check >= self.options.dead_after:
            self._last_runs_check = now
            self.close_abandoned_runs()
        if self.options.drain:
            return (self.client.llen(self.keys.records) == 0 and self.client.llen(self.keys.records_processing) == 0
                    and frontier_is_idle(self.client, self.keys))
        return False

    async def _in_writer(self, func, *args):
        return func(*args)

    def close_abandoned_runs(self) -> None:
        """Runs of crawlers that stopped being heard of are "interrupted", as a local killed run is."""
        from db.crawls import mark_interrupted, runs_in_progress_elsewhere

        gone = [crawl_id for crawl_id, run_key in runs_in_progress_elsewhere(self.store.db)
                if not self.client.exists(self.keys.heartbeat(run_key)) or gone_from_this_host(run_key)]
        if gone:
            mark_interrupted(self.store.db, gone)


def _article(message: dict) -> Article:
    return Article(html="", record=message["record"], extra_junk=list(message.get("extra_junk") or ()),
                   page=message.get("page"), site_profile=message.get("site_profile"))


def writer_from_settings(settings, client, store: Store, *, drain: bool, say) -> RecordWriter:
    from newscrawl.options import page_options, site_options, worker_count
    from newscrawl.sources import SourcesError, load_sources
    from newscrawl.templates import TemplateLearner
    from newscrawl.workers import WorkerPool
    from pathlib import Path

    keys = RedisKeys.from_settings(settings)
    options = WriterOptions(batch_size=max(1, settings.getint("NEWSCRAWL_BATCH_SIZE")),
                            batch_seconds=settings.getfloat("NEWSCRAWL_BATCH_SECONDS"),
                            dead_after=max(0.5, settings.getfloat("NEWSCRAWL_REDIS_DEAD_AFTER")), drain=drain,
                            poll_seconds=min(1.0, max(0.1, settings.getfloat("NEWSCRAWL_REDIS_DEAD_AFTER") / 5)))
    learner = None
    if settings.getbool("NEWSCRAWL_SITE_TEMPLATES"):
        sources_path = Path(settings.get("NEWSCRAWL_SOURCES") or "")

        def overrides():
            if not sources_path.is_file():
                return {}
            try:
                return {s.name: s.template for s in load_sources(sources_path)}
            except SourcesError as exc:
                say(f"newscrawl: store: sources file not used for site templates: {exc}")
                return {}

        # The pool starts at the first page cleaned again, not before.
        learner = TemplateLearner(site_options(settings), settings.getint("NEWSCRAWL_SITE_SAMPLE"),
                                  page_options(settings), WorkerPool(worker_count(settings)), Counts(),
                                  TemplateBoard(client, keys), overrides)
    return RecordWriter(client, keys, store, options, learner, say)
