"""The Redis of a distributed crawl (docs/distributed.md): the connection,
the names of every key, and what crawlers and `status` read there instead of
the database.

Every key starts with NEWSCRAWL_REDIS_PREFIX (`RedisKeys`). One Redis
server, not a Redis Cluster: the frontier's scripts touch keys of one crawl
together. The add-on that switches a crawl to it is newscrawl/distributed.py.
"""

from __future__ import annotations

import json
import os
import socket
import time
from dataclasses import dataclass
from hashlib import blake2b
from urllib.parse import urlsplit, urlunsplit


# LMOVE and BLMOVE, which the writer's reliable queue needs, came with 6.2.
MIN_REDIS_VERSION = (6, 2)
MISSING_EXTRA = "Redis support is not installed: pip install 'newscrawl[redis]'"


class DistributedError(Exception):
    """Redis cannot be used; the message is for the user, one line."""


def redis_url(settings) -> str:
    return (settings.get("NEWSCRAWL_REDIS_URL") or "").strip()


def is_distributed(settings) -> bool:
    return bool(redis_url(settings))



def shown_url(url: str) -> str:
    """The URL without its password, for messages and `status`."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username or ''}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def connect(url: str):
    """A Redis client for `url`, checked: reachable, and recent enough."""
    try:
        import msgpack  # noqa: F401 - the records' format
        import redis
        import scrapy_redis  # noqa: F401 - the frontier
    except ImportError:
        raise DistributedError(MISSING_EXTRA) from None
    try:
        client = redis.Redis.from_url(url, socket_timeout=30, socket_connect_timeout=10, health_check_interval=30)
        version = client.info("server").get("redis_version", "0")
    except ValueError as exc:
        raise DistributedError(f"bad Redis URL {shown_url(url)}: {exc}") from None
    except redis.RedisError as exc:
        raise DistributedError(f"cannot reach Redis at {shown_url(url)}: {' '.join(str(exc).split())}") from None
    numbers = tuple(int(part) for part in str(version).split(".")[:2] if part.isdigit())
    if numbers < MIN_REDIS_VERSION:
        raise DistributedError(f"Redis at {shown_url(url)} is version {version}; "
                               f"newscrawl needs {'.'.join(map(str, MIN_REDIS_VERSION))} or later (LMOVE)")
    return client


def connect_from_settings(settings):
    return connect(redis_url(settings))


@dataclass(frozen=True)
class RedisKeys:
    """Where everything lives in Redis."""

    prefix: str = "newscrawl"

    @classmethod
    def from_settings(cls, settings) -> "RedisKeys":
        return cls(settings.get("NEWSCRAWL_REDIS_PREFIX") or "newscrawl")

    # The frontier of one crawl: `spider:source`.
    @property
    def frontiers(self) -> str:
        return f"{self.prefix}:frontiers"  # set of frontier names

    def frontier(self, name: str) -> str:
        return f"{self.prefix}:frontier:{name}"  # sorted set of requests (scrapy-redis PriorityQueue)

    def seen(self, name: str) -> str:
        return f"{self.prefix}:seen:{name}"  # set of request fingerprints (scrapy-redis RFPDupeFilter)

    def members(self, name: str) -> str:
        return f"{self.prefix}:members:{name}"  # set of crawler ids working on it

    @property
    def processing_prefix(self) -> str:
        return f"{self.prefix}:processing:"  # + crawler id: hash of the requests it holds

    @property
    def heartbeat_prefix(self) -> str:
        return f"{self.prefix}:crawler:"  # + crawler id: expires when the crawler is not heard of

    def processing(self, crawler: str) -> str:
        return self.processing_prefix + crawler

    def heartbeat(self, crawler: str) -> str:
        return self.heartbeat_prefix + crawler

    # Records, from the crawlers to the writer.
    @property
    def records(self) -> str:
        return f"{self.prefix}:records"  # list: crawlers LPUSH, the writer takes from the right

    @property
    def records_processing(self) -> str:
        return f"{self.prefix}:records:processing"  # the writer's open batch

    @property
    def records_rejected(self) -> str:
        return f"{self.prefix}:records:rejected"  # messages the writer cannot read, kept for a person

    @property
    def writer(self) -> str:
        return f"{self.prefix}:writer"  # the writer's lock (expires like a heartbeat)

    @property
    def writer_stats(self) -> str:
        return f"{self.prefix}:writer:stats"

    # What the writer publishes for the crawlers.
    @property
    def stored(self) -> str:
        return f"{self.prefix}:stored"  # set of stored article keys (digests)

    @property
    def templates(self) -> str:
        return f"{self.prefix}:templates"  # hash: site -> learned template

    @property
    def runs_started(self) -> str:
        return f"{self.prefix}:runs:started"  # hash: source -> start of its last run

    @property
    def runs_succeeded(self) -> str:
        return f"{self.prefix}:runs:succeeded"  # hash: source -> start of its last run that ended "ok"


def url_digest(url: str) -> bytes:
    """An article key as the stored set holds it: 16 bytes whatever the URL's length."""
    return blake2b(url.encode("utf-8"), digest_size=16).digest()


# Processes: who is who, and who is gone.

def node_id(crawler=None) -> str:
    """`host:pid:n`, one per crawl of a process (n tells the process's crawls apart)."""
    suffix = f"{id(crawler):x}" if crawler is not None else "w"
    return f"{socket.gethostname()}:{os.getpid()}:{suffix}"


def node_host_pid(node: str) -> tuple[str, int | None]:
    host, _sep, rest = node.partition(":")
    pid = rest.partition(":")[0]
    return host, int(pid) if pid.isdigit() else None


def gone_from_this_host(node: str) -> bool:
    """A process of this machine that no longer runs: dead now, not after NEWSCRAWL_REDIS_DEAD_AFTER."""
    from db.crawls import process_alive

    host, pid = node_host_pid(node)
    return host == socket.gethostname() and pid is not None and pid != os.getpid() and not process_alive(pid)


def heartbeat_value(**facts) -> str:
    return json.dumps({"host": socket.gethostname(), "pid": os.getpid(), "seen": time.time(), **facts})


# What the crawlers read instead of the database.

class StoredKeys:
    """Is an article already stored? Asked of the set the writer fills after
    each commit, never of the SQLite file."""

    def __init__(self, client, keys: RedisKeys):
        self.client = client
        self.keys = keys

    @classmethod
    def from_settings(cls, settings) -> "StoredKeys":
        return cls(connect_from_settings(settings), RedisKeys.from_settings(settings))

    def open(self) -> None:
        """Connected already (the same calls as db.queries.KnownArticles)."""

    def stored_among(self, urls: list[str]) -> set[str]:
        """The URLs of these the writer has stored: one round trip."""
        if not urls:
            return set()
        answers = self.client.smismember(self.keys.stored, [url_digest(url) for url in urls])
        return {url for url, stored in zip(urls, answers) if stored}

    def last_complete_run(self, source: str) -> str | None:
        """When the source's last run that ended "ok" started, as the writer recorded it."""
        value = self.client.hget(self.keys.runs_succeeded, source)
        return value.decode() if value else None

    def close(self) -> None:
        self.client.close()


# `newscrawl schedule`.

def scheduled_runs(settings) -> dict[str, dict]:
    """The start of each source's last run, as the crawlers of every machine
    told Redis; a source whose shared frontier still has requests is left
    out, so that it is due: a scheduler on another machine joins the run."""
    client = connect_from_settings(settings)
    keys = RedisKeys.from_settings(settings)
    try:
        started = {name.decode(): {"started": value.decode()} for name, value in client.hgetall(keys.runs_started).items()}
        for name in (n.decode() for n in client.smembers(keys.frontiers)):
            _spider, _sep, source = name.partition(":")
            if source in started and client.zcard(keys.frontier(name)):
                del started[source]
    finally:
        client.close()
    return started


# `newscrawl status`.

def _age(now: float, then: float | None) -> float | None:
    return round(now - then, 1) if then else None


def read_status(client, keys: RedisKeys) -> dict:
    """The frontiers, the crawlers, the records waiting and the writer, as plain data."""
    from newscrawl.messages import queued_at

    now = time.time()
    frontiers, crawlers = [], []
    for name in sorted(n.decode() for n in client.smembers(keys.frontiers)):
        members = sorted(m.decode() for m in client.smembers(keys.members(name)))
        in_flight = 0
        for member in members:
            held = client.hlen(keys.processing(member))
            beat = client.get(keys.heartbeat(member))
            facts = json.loads(beat) if beat else {}
            alive = beat is not None and not gone_from_this_host(member)
            in_flight += held
            host, pid = node_host_pid(member)
            crawlers.append({"crawler": member, "frontier": name, "host": host, "pid": pid, "alive": alive,
                             "in_flight": held, "heard_of_s_ago": _age(now, facts.get("seen"))})
        frontiers.append({"frontier": name, "queued": client.zcard(keys.frontier(name)), "in_flight": in_flight,
                          "crawlers": sum(1 for c in crawlers if c["frontier"] == name and c["alive"]),
                          "seen": client.scard(keys.seen(name))})
    oldest = client.lindex(keys.records, -1)
    held_oldest = client.lindex(keys.records_processing, -1)
    waiting_since = [t for t in (queued_at(oldest) if oldest else None, queued_at(held_oldest) if held_oldest else None) if t]
    lock = client.get(keys.writer)
    writer_host, writer_pid = node_host_pid(lock.decode()) if lock else (None, None)
    stats = {k.decode(): v.decode() for k, v in client.hgetall(keys.writer_stats).items()}
    writer = {
        "running": lock is not None,
        "host": writer_host, "pid": writer_pid,
        "written": int(stats.get("written", 0)),
        "last_batch_s_ago": _age(now, float(stats["last_batch"])) if stats.get("last_batch") else None,
        "last_batch_lag_s": float(stats["last_lag"]) if stats.get("last_lag") else None,
    }
    records = {
        "waiting": client.llen(keys.records),
        "in_writer": client.llen(keys.records_processing),
        "rejected": client.llen(keys.records_rejected),
        # The writer's lag: how long the oldest record not yet committed has waited.
        "lag_s": _age(now, min(waiting_since)) if waiting_since else 0.0,
        "stored_keys": client.scard(keys.stored),
    }
    return {"frontiers": frontiers, "crawlers": crawlers, "records": records, "writer": writer}


def frontier_is_idle(client, keys: RedisKeys) -> bool:
    """Nothing queued, nothing held by a crawler that runs, no crawler that runs."""
    for name in (n.decode() for n in client.smembers(keys.frontiers)):
        if client.zcard(keys.frontier(name)):
            return False
        for member in (m.decode() for m in client.smembers(keys.members(name))):
            if client.exists(keys.heartbeat(member)) and not gone_from_this_host(member):
                return False
            if client.hlen(keys.processing(member)):
                return False
    return True
