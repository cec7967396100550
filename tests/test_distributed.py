"""A distributed crawl through the real CLI: a real redis-server, crawler
processes sharing its frontier, one writer (`store --from-redis`), a local
site of many article pages, and processes killed with SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.conftest import FAST, ROOT, rows, run_cli

pytest.importorskip("scrapy_redis", reason="the redis extra is not installed: pip install -e '.[test]'")

from tests.distributed_site import ArticleSite, RedisServer  # noqa: E402

# Runs newscrawl in other processes: the slow tier (`make test-fast` leaves it out).
pytestmark = pytest.mark.crawl

# Fast, and dead soon: a killed process is given up on within a second or two.
QUICK = [*FAST, "--set", "CONCURRENT_REQUESTS_PER_DOMAIN=8", "--set", "NEWSCRAWL_WORKERS=1",
         "--set", "NEWSCRAWL_REDIS_DEAD_AFTER=2"]


@pytest.fixture
def redis_server(tmp_path):
    try:
        server = RedisServer(tmp_path)
    except FileNotFoundError:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    yield server
    server.close()


@pytest.fixture
def news():
    site = ArticleSite(pages=300)
    yield site
    site.close()


class Crawl:
    """The processes of one distributed crawl, each in its own session so a
    kill takes its worker processes too, as a machine's crash would."""

    def __init__(self, tmp_path, redis_url: str, site: ArticleSite):
        self.db = tmp_path / "news.db"
        self.sources = tmp_path / "sources.toml"
        self.sources.write_text(site.sources_toml())
        self.redis_url = redis_url
        self.procs: list[subprocess.Popen] = []
        self.logs = tmp_path

    def args(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "newscrawl.cli", "--db", str(self.db), "--sources", str(self.sources),
                "--redis", self.redis_url, *QUICK, *args]

    def start(self, name: str, *args: str) -> subprocess.Popen:
        env = {k: v for k, v in os.environ.items() if k not in ("NEWSCRAWL_DB", "NEWSCRAWL_REDIS_URL")}
        log = open(self.logs / f"{name}.log", "ab")
        proc = subprocess.Popen(self.args(*args), stdout=log, stderr=log, cwd=ROOT, start_new_session=True,
                                env={**env, "PYTHONWARNINGS": "ignore"})
        proc.name = name
        self.procs.append(proc)
        return proc

    def crawler(self, name: str) -> subprocess.Popen:
        return self.start(name, "--set", f"USER_AGENT={name}", "crawl")

    def writer(self, *args: str) -> subprocess.Popen:
        return self.start(f"writer-{len(self.procs)}", "store", "--from-redis", *args)

    def log(self, proc) -> str:
        return (self.logs / f"{proc.name}.log").read_text(errors="replace")

    def wait(self, proc, timeout: float = 120) -> int:
        code = proc.wait(timeout)
        assert code == 0, f"{proc.name} exited {code}:\n{self.log(proc)}"
        return code

    def close(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


@pytest.fixture
def crawl(tmp_path, redis_server, news):
    run = Crawl(tmp_path, redis_server.url, news)
    yield run
    run.close()


def wait_for(condition, timeout: float = 60, step: float = 0.05, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(step)


def crawlers_registered(client, count: int) -> bool:
    return sum(client.scard(name) for name in client.keys("newscrawl:members:*")) >= count


def check_store(db_path, article_paths):
    """Every page stored once, nothing stored twice, the file sound."""
    stored = rows(db_path, "select url from articles")
    urls = [row["url"] for row in stored]
    assert len(urls) == len(set(urls)), "an article is stored twice"
    assert sorted(u.split("/", 3)[3] for u in urls) == sorted(p.lstrip("/") for p in article_paths)
    # A record written twice (a replayed batch) must not look like a new version.
    assert rows(db_path, "select count(*) as n from article_versions")[0]["n"] == 0
    assert rows(db_path, "select count(*) as n from pages")[0]["n"] == len(article_paths)
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        # The full-text index holds each article once.
        assert conn.execute("select count(*) from articles_fts").fetchone()[0] == len(article_paths)
    finally:
        conn.close()


def summary_counts(log: str) -> dict[str, int]:
    line = [line for line in log.splitlines() if line.startswith("local: ")][-1]
    counts = {}
    for part in line.split(": ", 1)[1].replace(";", ",").split(", "):
        number, _sep, label = part.partition(" ")
        if number.isdigit():
            counts[label] = int(number)
    return counts


@pytest.mark.slow
def test_two_crawlers_fetch_each_page_once_and_one_writer_stores_each_once(crawl, news, redis_server):
    writer = crawl.writer()
    a = crawl.crawler("crawler-a")
    b = crawl.crawler("crawler-b")
    crawl.wait(a)
    crawl.wait(b)
    wait_for(lambda: redis_server.client.llen("newscrawl:records") == 0
             and redis_server.client.llen("newscrawl:records:processing") == 0, what="the writer to drain")
    writer.send_signal(signal.SIGTERM)
    crawl.wait(writer)

    # The server's log: every page once across both crawlers, and both did their share.
    fetches = news.fetches()
    assert set(fetches) == {"/", *news.listing_paths, *news.article_paths}
    assert max(fetches.values()) == 1, [path for path, n in fetches.items() if n > 1]
    assert news.fetches_by("crawler-a") > 0 and news.fetches_by("crawler-b") > 0
    assert news.fetches_by("crawler-a") + news.fetches_by("crawler-b") == 300
    check_store(crawl.db, news.article_paths)

    # Each crawler's summary; across the two, the numbers add up.
    counts = [summary_counts(crawl.log(p)) for p in (a, b)]
    assert sum(c["queued for the writer"] for c in counts) == 300
    assert sum(c["discovered"] for c in counts) == 300 + sum(c.get("already in the shared frontier", 0) for c in counts)
    # Both runs reached the `crawls` table through the writer, finished.
    runs = rows(crawl.db, "select * from crawls order by id")
    assert [run["status"] for run in runs] == ["ok", "ok"]
    assert sum(run["queued"] for run in runs) == 300
    assert "store: " in crawl.log(writer) and "300 stored" in crawl.log(writer)


@pytest.mark.slow
def test_killed_crawler_and_writer_lose_nothing_and_store_nothing_twice(crawl, news, redis_server):
    client = redis_server.client
    for path in news.article_paths:  # slow enough to kill things mid-run
        news.routes[path].delay = 0.02
    first_writer = crawl.writer()
    a = crawl.crawler("crawler-a")
    b = crawl.crawler("crawler-b")
    wait_for(lambda: crawlers_registered(client, 2), what="both crawlers")

    # Kill crawler A mid-run, while it holds requests.
    wait_for(lambda: news.fetches_by("crawler-a") >= 40, what="crawler A to fetch")

    def held_by_a() -> int:
        return sum(client.hlen(k) for k in client.keys("newscrawl:processing:*") if f":{a.pid}:".encode() in k)

    wait_for(lambda: held_by_a() > 0, step=0.001, what="crawler A to hold requests")
    os.killpg(a.pid, signal.SIGKILL)
    a.wait()
    held = held_by_a()  # (until another crawler puts them back)
    before_restart = news.fetches_by("crawler-a")
    # Crawler B's requests wait while crawler A starts again, so that B
    # cannot finish the run alone however long the restart takes.
    news.hold("crawler-b")
    a_again = crawl.crawler("crawler-a")
    try:
        wait_for(lambda: news.fetches_by("crawler-a") > before_restart, timeout=120,
                 what="the restarted crawler A to fetch")
    finally:
        news.release("crawler-b")

    # Kill the writer mid-batch: records taken from the queue, not yet
    # acknowledged. (A batch may commit between the look and the kill: then
    # the kill was not mid-batch, and another writer is killed instead.)
    writer = first_writer
    for _attempt in range(5):
        wait_for(lambda: client.llen("newscrawl:records:processing") > 0, step=0.001, what="a batch in the writer")
        os.killpg(writer.pid, signal.SIGKILL)
        writer.wait()
        if client.llen("newscrawl:records:processing") > 0:
            break
        writer = crawl.writer()
        wait_for(lambda: client.exists("newscrawl:writer"), what="the writer's lock")
    assert client.llen("newscrawl:records:processing") > 0, "no writer was killed mid-batch"
    # --drain: it exits once nothing is queued or held and no crawler runs.
    second_writer = crawl.writer("--drain")

    crawl.wait(b, timeout=180)
    crawl.wait(a_again, timeout=180)
    crawl.wait(second_writer, timeout=120)
    assert client.llen("newscrawl:records") == client.llen("newscrawl:records:processing") == 0

    check_store(crawl.db, news.article_paths)
    assert news.fetches_by("crawler-a") > before_restart, "the restarted crawler did no share of the work"
    # The second writer took back the batch the first one left.
    assert "taken back from a writer that had stopped" in crawl.log(second_writer)
    # Every page was fetched; only what a killed crawler held may have been fetched twice.
    fetches = news.fetches(news.article_paths)
    assert min(fetches.values()) >= 1
    assert sum(n - 1 for n in fetches.values()) <= held + 30
    # The killed run is recorded, and known to be interrupted once its crawler is gone.
    statuses = sorted(run["status"] for run in rows(crawl.db, "select status from crawls"))
    assert statuses.count("ok") == 2 and len(statuses) == 3, statuses


def test_a_crawler_never_opens_the_database_and_skips_what_the_writer_stored(tmp_path, redis_server):
    site = ArticleSite(pages=12, per_listing=6)
    try:
        sources = tmp_path / "sources.toml"
        sources.write_text(site.sources_toml())
        # The crawler's --db is in a folder that does not exist: it must not matter.
        nowhere = tmp_path / "no-such-folder" / "news.db"
        args = ["--sources", str(sources), "--redis", redis_server.url, *QUICK,
                "--set", f"NEWSCRAWL_HTTPCACHE_DIR={tmp_path / 'cache'}"]
        first = run_cli(*args, "crawl", db=nowhere)
        assert first.code == 0, first.stderr
        assert "12 queued for the writer" in first.stderr
        assert not nowhere.parent.exists()

        # `status` before the writer ran: everything waits, and the lag shows.
        state = run_cli("--redis", redis_server.url, "status", "--format", "json")
        assert state.code == 0, state.stderr
        report = state.json()
        assert report["records"]["waiting"] == 12 + 2  # the articles and the run's two records
        assert report["records"]["lag_s"] > 0
        assert report["writer"]["running"] is False
        assert report["frontiers"][0]["frontier"] == "source:local" and report["frontiers"][0]["queued"] == 0
        table = run_cli("--redis", redis_server.url, "status")
        assert "14 waiting" in table.stdout and "writer: not running" in table.stdout

        db_path = tmp_path / "news.db"
        drained = run_cli("--redis", redis_server.url, *QUICK, "store", "--from-redis", "--drain", db=db_path)
        assert drained.code == 0, drained.stderr
        assert "12 stored" in drained.stderr and "2 run record(s)" in drained.stderr
        assert len(rows(db_path)) == 12

        # The next run learns from Redis what is stored: no article is fetched again.
        mark = len(site.requests)
        again = run_cli(*args, "crawl", db=nowhere)
        assert again.code == 0, again.stderr
        assert "12 already stored" in again.stderr
        assert not [p for _m, p, _h in site.requests[mark:] if p.startswith("/news/")]
    finally:
        site.close()


def test_the_writer_takes_back_a_dead_writers_batch_and_writing_it_twice_stores_it_once(tmp_path, redis_server):
    from cleaning.page import process_page
    from newscrawl.messages import article_message, crawl_message
    from tests.distributed_site import article_html

    client = redis_server.client
    records = []
    for number in (1, 2, 3):
        url = f"http://127.0.0.1:9/news/story-{number}.html"
        record = process_page(article_html(number), url)
        record.url, record.site, record.fetched_at = url, "127.0.0.1:9", "2024-05-01T00:00:00+00:00"
        records.append(article_message(record, None, [], None))
    run = {"run_key": "elsewhere:1:a", "source": "local", "spider": "source", "host": "elsewhere", "pid": 1,
           "started": "2024-05-01T00:00:00+00:00", "finished": "2024-05-01T00:01:00+00:00", "status": "ok",
           "queued": 3}
    # A writer took these and died before its commit; the same records were also queued again.
    client.lpush("newscrawl:records:processing", *records, crawl_message(run))
    client.lpush("newscrawl:records", *records, b"not a message")
    db_path = tmp_path / "news.db"
    result = run_cli("--redis", redis_server.url, *QUICK, "store", "--from-redis", "--drain", db=db_path)
    assert result.code == 1, result.stderr  # a record could not be read: said, kept aside
    assert "4 record(s) taken back from a writer that had stopped" in result.stderr
    assert "3 stored" in result.stderr and "3 unchanged" in result.stderr
    assert "set aside in newscrawl:records:rejected: not a newscrawl message" in result.stderr
    assert client.lrange("newscrawl:records:rejected", 0, -1) == [b"not a message"]
    assert [r["url"] for r in rows(db_path)] == [f"http://127.0.0.1:9/news/story-{n}.html" for n in (1, 2, 3)]
    assert rows(db_path, "select count(*) as n from article_versions")[0]["n"] == 0
    assert [r["status"] for r in rows(db_path, "select * from crawls")] == ["ok"]
    assert client.scard("newscrawl:stored") == 3
    assert client.llen("newscrawl:records") == client.llen("newscrawl:records:processing") == 0


def test_one_writer_at_a_time(tmp_path, redis_server):
    crawl = Crawl(tmp_path, redis_server.url, ArticleSite(pages=1))
    try:
        first = crawl.writer()
        wait_for(lambda: redis_server.client.exists("newscrawl:writer"), what="the first writer's lock")
        shown = run_cli("--redis", redis_server.url, "status")
        assert f"writer: running on {socket.gethostname()} (pid {first.pid})" in shown.stdout, shown.stdout
        second = run_cli("--redis", redis_server.url, "store", "--from-redis", db=tmp_path / "other.db")
        assert second.code == 2
        assert second.stderr.startswith("newscrawl: error: another writer holds newscrawl:writer: ")
        assert second.stderr.count("\n") == 1
        first.send_signal(signal.SIGTERM)
        crawl.wait(first)
        assert not redis_server.client.exists("newscrawl:writer")
    finally:
        crawl.close()


def test_bad_redis_settings_are_one_line(tmp_path, redis_server):
    from tests.distributed_site import free_port

    closed = f"redis://127.0.0.1:{free_port()}/0"
    sources = tmp_path / "sources.toml"
    sources.write_text('[[source]]\nname = "x"\nstart_urls = ["http://127.0.0.1:9/"]\n')
    for args in (["--redis", closed, "--sources", str(sources), "crawl"], ["--redis", closed, "status"],
                 ["--redis", "nonsense://x", "status"], ["store"], ["store", "--from-redis"],
                 ["--redis", "", "status"]):
        result = run_cli(*args, db=tmp_path / "news.db")
        assert result.code == 2, (args, result.stderr)
        assert result.stderr.startswith("newscrawl: error: ") and result.stderr.count("\n") == 1, result.stderr
    assert "cannot reach Redis at redis://127.0.0.1:" in run_cli("--redis", closed, "status").stderr
    # The environment variable is read like --redis.
    by_env = run_cli("status", "--format", "json", env={"NEWSCRAWL_REDIS_URL": redis_server.url})
    assert by_env.code == 0, by_env.stderr
    assert json.loads(by_env.stdout)["frontiers"] == []


def test_schedule_goes_by_the_runs_the_crawlers_told_redis(tmp_path, redis_server):
    site = ArticleSite(pages=4, per_listing=4)
    try:
        sources = tmp_path / "sources.toml"
        sources.write_text(site.sources_toml())
        args = ["--sources", str(sources), "--redis", redis_server.url, *QUICK,
                "--set", f"NEWSCRAWL_HTTPCACHE_DIR={tmp_path / 'cache'}"]
        nowhere = tmp_path / "no-such-folder" / "news.db"
        first = run_cli(*args, "schedule", "--once", db=nowhere)
        assert first.code == 0, first.stderr
        assert "due: local" in first.stderr and "4 queued for the writer" in first.stderr
        # No database anywhere: the start of the run is in Redis, so nothing is due.
        again = run_cli(*args, "schedule", "--once", db=nowhere)
        assert again.code == 0, again.stderr
        assert "nothing due (next due at " in again.stderr
        assert redis_server.client.hget("newscrawl:runs:started", "local")
        assert redis_server.client.hget("newscrawl:runs:succeeded", "local")
    finally:
        site.close()
