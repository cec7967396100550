"""Throughput of a distributed crawl (docs/distributed.md) with 1, 2, 4…
crawler processes sharing one Redis frontier and one writer, against a
local site of small article pages; measured, never asserted in tests.

For each crawler count C: a fresh Redis key prefix and database; the writer
(`newscrawl store --from-redis`) started, then C crawler processes
(`newscrawl crawl`, each with W page workers) at once. Reported:
  crawl s      from the start until the last crawler exits
  pages/s      pages fetched and cleaned per second of that
  drain s      how long the writer needed after that to commit the rest
  stored/s     pages stored per second, start to last commit
  lag max/mean the writer's lag while crawling: the age of the oldest
               record not yet committed, sampled every 0.25 s
  fetched >1   pages the site served more than once (0: one frontier)
  crawl cpu    CPU ms per page of the crawler processes with their workers
  writer cpu   CPU ms per page of the writer
(CPU from the processes' own accounting: on a shared machine it drifts far
less than wall time; the load average at the start is printed.)
and, first, the same site crawled by one plain `newscrawl crawl` (no Redis,
its own writer thread) as the baseline.

Usage: python benchmarks/distributed.py [--crawlers 1 2 4] [--workers W] [--pages N]
                                        [--delay S] [--concurrency R] [--redis URL] [--json]
--delay makes the site answer each page after S seconds, --concurrency is
each crawler's requests at a time to it (CONCURRENT_REQUESTS_PER_DOMAIN):
with a slow site and few requests each, the crawl waits on the network,
not on the CPU.
--redis uses a running Redis instead of starting redis-server here (the keys
go under a prefix of their own). On a bigger machine raise --crawlers,
--workers and --pages; here the machine has 2 cores and is shared, so
compare figures from one run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newscrawl.redis_keys import RedisKeys, connect, read_status  # noqa: E402
from tests.distributed_site import ArticleSite, RedisServer  # noqa: E402

POLITENESS_OFF = ["--set", "DOWNLOAD_DELAY=0", "--set", "AUTOTHROTTLE_ENABLED=False", "--set", "RETRY_TIMES=0"]


def newscrawl(*args: str) -> list[str]:
    return [sys.executable, "-m", "newscrawl.cli", *args]


def environment() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("NEWSCRAWL_DB", "NEWSCRAWL_REDIS_URL")}
    return {**env, "PYTHONWARNINGS": "ignore"}


def finish(proc: subprocess.Popen) -> float:
    """Wait for a child; its CPU seconds, its own children's included."""
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_utime + usage.ru_stime


def run_plain(site: ArticleSite, folder: Path, workers: int, politeness: list[str]) -> dict:
    sources = folder / "sources.toml"
    sources.write_text(site.sources_toml())
    mark = len(site.agents)
    start = time.monotonic()
    proc = subprocess.Popen(newscrawl("--db", str(folder / "plain.db"), "--sources", str(sources), *politeness,
                                      "--set", f"NEWSCRAWL_WORKERS={workers}", "crawl"),
                            env=environment(), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    cpu = finish(proc)
    wall = time.monotonic() - start
    pages = len(site.article_paths)
    return {"crawlers": "plain", "crawl_s": round(wall, 2), "pages_per_s": round(pages / wall, 1),
            "drain_s": 0.0, "stored_per_s": round(pages / wall, 1), "lag_max_s": None, "lag_mean_s": None,
            "fetched_twice": _fetched_twice(site, mark), "stored": _stored(folder / "plain.db"),
            "crawl_cpu_ms": round(1000 * cpu / pages, 1), "writer_cpu_ms": None}


def run_distributed(site: ArticleSite, folder: Path, redis_url: str, crawlers: int, workers: int,
                    politeness: list[str]) -> dict:
    prefix = f"bench-{os.getpid()}-{crawlers}"
    db = folder / f"distributed-{crawlers}.db"
    sources = folder / "sources.toml"
    sources.write_text(site.sources_toml())
    common = ["--db", str(db), "--sources", str(sources), "--redis", redis_url, *politeness,
              "--set", f"NEWSCRAWL_REDIS_PREFIX={prefix}", "--set", f"NEWSCRAWL_WORKERS={workers}"]
    client = connect(redis_url)
    keys = RedisKeys(prefix)
    mark = len(site.agents)
    writer = subprocess.Popen(newscrawl(*common, "store", "--from-redis"), env=environment(), cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while not client.exists(keys.writer):
        time.sleep(0.05)
    lags: list[float] = []
    sampling = threading.Event()

    def sample():
        while not sampling.wait(0.25):
            lags.append(read_status(client, keys)["records"]["lag_s"] or 0.0)

    sampler = threading.Thread(target=sample, daemon=True)
    start = time.monotonic()
    logs = [open(folder / f"crawler-{crawlers}-{n}.log", "wb") for n in range(crawlers)]
    procs = [subprocess.Popen(newscrawl(*common, "crawl"), env=environment(), cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=log) for log in logs]
    sampler.start()
    crawl_cpu = 0.0
    for proc, log in zip(procs, logs):
        crawl_cpu += finish(proc)
        log.close()
        if proc.returncode != 0:
            raise SystemExit(f"a crawler failed ({proc.returncode}): {Path(log.name).read_text()[-500:]}")
    crawled = time.monotonic() - start
    sampling.set()
    sampler.join()
    while client.llen(keys.records) or client.llen(keys.records_processing):
        time.sleep(0.02)
    drained = time.monotonic() - start
    writer.terminate()
    writer_cpu = finish(writer)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)
    client.close()
    pages = len(site.article_paths)
    return {"crawlers": crawlers, "crawl_s": round(crawled, 2), "pages_per_s": round(pages / crawled, 1),
            "drain_s": round(drained - crawled, 2), "stored_per_s": round(pages / drained, 1),
            "lag_max_s": round(max(lags), 2) if lags else 0.0,
            "lag_mean_s": round(statistics.fmean(lags), 2) if lags else 0.0,
            "fetched_twice": _fetched_twice(site, mark), "stored": _stored(db),
            "crawl_cpu_ms": round(1000 * crawl_cpu / pages, 1), "writer_cpu_ms": round(1000 * writer_cpu / pages, 1)}


def _fetched_twice(site: ArticleSite, mark: int) -> int:
    with site.lock:
        paths = [path for path, _agent in site.agents[mark:] if path.startswith("/news/")]
    return len(paths) - len(set(paths))


def _stored(db: Path) -> int:
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        return conn.execute("select count(*) from articles").fetchone()[0]
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--crawlers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--workers", type=int, default=1, help="page workers per crawler process")
    parser.add_argument("--pages", type=int, default=600)
    parser.add_argument("--delay", type=float, default=0.0, help="seconds the site takes per page")
    parser.add_argument("--concurrency", type=int, default=16, help="requests at a time to the site, per crawler")
    parser.add_argument("--redis", help="a running Redis (default: start redis-server here)")
    parser.add_argument("--no-plain", action="store_true", help="skip the one-process baseline")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    results = []
    politeness = [*POLITENESS_OFF, "--set", f"CONCURRENT_REQUESTS_PER_DOMAIN={args.concurrency}"]
    if not args.json:
        print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}, {args.pages} pages, "
              f"{args.workers} page worker(s) and {args.concurrency} request(s) at a time per crawler, "
              f"site delay {args.delay:g} s")
    with tempfile.TemporaryDirectory(prefix="newscrawl-distributed-") as tmp:
        folder = Path(tmp)
        server = None if args.redis else RedisServer(folder)
        redis_url = args.redis or server.url
        try:
            for crawlers in ([None] if not args.no_plain else []) + args.crawlers:
                site = ArticleSite(pages=args.pages, delay=args.delay)
                try:
                    if crawlers is None:
                        results.append(run_plain(site, folder, args.workers, politeness))
                    else:
                        results.append(run_distributed(site, folder, redis_url, crawlers, args.workers, politeness))
                finally:
                    site.close()
                if not args.json:
                    if len(results) == 1:
                        print(_header())
                    print(_row(results[-1]), flush=True)
        finally:
            if server is not None:
                server.close()
    if args.json:
        print(json.dumps({"cores": os.cpu_count(), "load_average": os.getloadavg()[0], "pages": args.pages, "workers": args.workers,
                          "results": results}, indent=2))


def _header() -> str:
    return (f"{'crawlers':>8} {'crawl s':>8} {'pages/s':>8} {'drain s':>8} {'stored/s':>9} {'lag max':>8} "
            f"{'lag mean':>9} {'fetched>1':>9} {'stored':>7} {'crawl cpu':>10} {'writer cpu':>11}")


def _row(r: dict) -> str:
    def show(value):
        return "-" if value is None else f"{value:g}"

    return (f"{r['crawlers']!s:>8} {r['crawl_s']:>8g} {r['pages_per_s']:>8g} {r['drain_s']:>8g} "
            f"{r['stored_per_s']:>9g} {show(r['lag_max_s']):>8} {show(r['lag_mean_s']):>9} "
            f"{r['fetched_twice']:>9} {r['stored']:>7} {show(r['crawl_cpu_ms']):>10} {show(r['writer_cpu_ms']):>11}")


if __name__ == "__main__":
    main()
