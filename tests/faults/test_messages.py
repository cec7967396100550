"""Bad input and a failing environment: one clear line naming the file, key
or option, and exit status 2 (usage) or 1 (work failed), never a traceback."""

from __future__ import annotations

import os
import resource
import signal
import socket
import sqlite3
import subprocess
import sys

import pytest

from db.migrations import migrations
from db.store import open_db
from newscrawl.outcomes import describe_store_error
from tests.conftest import FAST, ROOT, LocalSite, free_ports, rows

# Runs newscrawl in other processes: the slow tier (`make test-fast` leaves it out).
pytestmark = pytest.mark.crawl

HUGE = "99999999999999999999"


def one_line_error(result, *needles: str) -> str:
    assert result.code == 2, result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("newscrawl: error: "), result.stderr
    for needle in needles:
        assert needle in result.stderr, result.stderr
    return result.stderr


def test_database_paths_sqlite_cannot_use(cli, tmp_path):
    folder = tmp_path / "archive"
    folder.mkdir()
    one_line_error(cli("ingest", "http://127.0.0.2:1/a.html", db=folder), f"--db {folder} is a folder")
    one_line_error(cli("query", "x", db=folder), f"--db {folder} is a folder")
    one_line_error(cli("--db", "", "ingest", "http://127.0.0.2:1/a.html"), "--db needs a file name")
    assert not (ROOT / "news.db").exists()


def _without_root_file_access():
    # Root writes into any folder: the command runs without the two
    # capabilities that let it, so the folder's mode applies to it too.
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl")


def test_a_database_in_a_read_only_folder(tmp_path):
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        cmd = [sys.executable, "-m", "newscrawl.cli", "--db", f"{folder}/news.db", "ingest", "http://127.0.0.2:1/a.html"]
        preexec = _without_root_file_access if os.geteuid() == 0 else None
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, preexec_fn=preexec, timeout=120)
        assert proc.returncode == 2, proc.stderr
        assert proc.stderr == f"newscrawl: error: --db {folder}/news.db: folder {folder} is not writable\n"
    finally:
        folder.chmod(0o755)


def test_sources_file_mistakes_name_the_file_the_source_and_the_key(cli, tmp_path, db_path):
    sources = tmp_path / "sources.toml"
    for body, needle, commands in (
        ('start_urls = ["http://[x]/"]', "source 'wire': 'start_urls' has 'http://[x]/': not a URL", [["crawl"]]),
        # Read when the file is, not as an OverflowError when the next run is due.
        ('feeds = ["http://127.0.0.2:1/feed"]\nevery = "99999999999w"', "source 'wire': 'every' must be at most a year",
         [["sources"], ["schedule", "--once"]]),
        ('feeds = ["http://127.0.0.2:1/feed"]\nallow_private_hosts = "yes"', "'allow_private_hosts' must be true or false",
         [["sources"]]),
    ):
        sources.write_text(f'[[source]]\nname = "wire"\n{body}\n')
        for command in commands:
            one_line_error(cli("--sources", str(sources), *command, db=db_path), f"{sources}: ", needle)


def test_numbers_too_large_for_the_database(cli, db_path):
    open_db(db_path).conn.close()
    one_line_error(cli("query", "--limit", HUGE, db=db_path), "--limit")
    one_line_error(cli("query", "--story", HUGE, db=db_path), "--story")
    one_line_error(cli("stories", "--limit", HUGE, db=db_path), "--limit")
    one_line_error(cli("show", HUGE, db=db_path), f"no article can have id {HUGE}")
    one_line_error(cli("reclean", HUGE, db=db_path), HUGE)


def test_dates_with_anything_after_them_are_refused(cli, db_path):
    open_db(db_path).conn.close()
    for command in (["query", "--since"], ["query", "--until"], ["stories", "--since"]):
        one_line_error(cli(*command, "2024-05-01garbage", db=db_path), f"{command[-1]} expects a date", "2024-05-01garbage")
    assert cli("query", "--since", "2024-05-01T10:00:00", db=db_path).code == 0


def test_a_full_database_is_named_as_such():
    conn = sqlite3.connect(":memory:")
    conn.execute("create table t (x)")
    conn.execute("pragma max_page_count = 2")
    with pytest.raises(sqlite3.OperationalError) as full:
        for _ in range(1000):
            conn.execute("insert into t values (?)", ["x" * 1000])
    assert describe_store_error(full.value).startswith("disk full: ")


def test_a_write_the_file_system_refuses_fails_each_article_and_keeps_the_store(site, cli, db_path):
    first = site.add_page("/first.html", "wp-article.html")
    assert cli("ingest", first, *FAST, db=db_path).code == 0
    pages = [site.add_page(f"/s{i}.html", f"stories/{name}.html") for i, name in enumerate(("lang-fr", "lang-es", "lang-ru"))]

    def small_files():
        # Writes past 40 kB fail with EFBIG, as on a full disk with ENOSPC:
        # the shared-memory file fits, the write-ahead log does not.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (40_000, 40_000))

    proc = subprocess.run([sys.executable, "-m", "newscrawl.cli", "--db", str(db_path), "ingest", *pages, *FAST],
                          cwd=ROOT, capture_output=True, text=True, preexec_fn=small_files, timeout=120)
    assert proc.returncode == 1, proc.stderr
    lines = proc.stderr.splitlines()
    for url in pages:
        assert f"{url}: cannot write the database: disk I/O error (is the disk full, or the file size limited?)" in lines
    assert "internal error" not in proc.stderr and "Traceback" not in proc.stderr
    assert [r["url"] for r in rows(db_path)] == [first]
    assert rows(db_path, "pragma integrity_check")[0]["integrity_check"] == "ok"


def test_scrapy_crawl_logs_each_failure_and_the_summary(site, db_path):
    gone = site.add("/gone.html", "gone", status=404)
    forbidden = site.add_page("/private/secret.html", "wp-article.html")
    proc = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "urls", "-a", f"urls={gone},{forbidden}", "-s", f"NEWSCRAWL_DB={db_path}",
         "-s", "DOWNLOAD_DELAY=0", "-s", "RETRY_TIMES=0"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    warnings = [line.split(" WARNING: ", 1)[1] for line in proc.stderr.splitlines() if "[newscrawl] WARNING: " in line]
    assert f"{gone}: HTTP 404" in warnings
    assert f"{forbidden}: forbidden by robots.txt" in warnings
    assert warnings[-1] == "0 stored, 0 updated, 0 unchanged, 2 failed"


def test_a_second_demo_while_its_ports_are_busy_does_not_store_everything_again(cli, db_path):
    ports = free_ports(3)
    db = open_db(db_path)
    with db.conn:
        db.conn.execute("insert into articles (url, site, title, text) values (?, ?, 'Earlier demo', 'text')",
                        [f"http://127.0.0.1:{ports[0]}/news/x.html", f"127.0.0.1:{ports[0]}"])
    db.conn.close()
    holder = socket.socket()
    try:
        holder.bind(("127.0.0.1", ports[0]))
        holder.listen()
        result = cli("demo", "--set", f"NEWSCRAWL_DEMO_PORTS={','.join(map(str, ports))}", db=db_path)
    finally:
        holder.close()
    one_line_error(result, f"ports ({', '.join(map(str, ports))} on 127.0.0.1) are in use", str(db_path))
    assert len(rows(db_path)) == 1


@pytest.mark.parametrize("value", ["eighty", "8731,0", ","])
def test_demo_ports_that_are_no_port_numbers_are_refused(cli, db_path, value):
    result = cli("demo", "--set", f"NEWSCRAWL_DEMO_PORTS={value}", db=db_path)
    one_line_error(result, "NEWSCRAWL_DEMO_PORTS expects port numbers")
    assert not db_path.exists()


def test_keys_an_older_rule_wrote_are_reported_once_and_kept(site, cli, db_path):
    db = open_db(db_path)
    # A store as the previous release left it: its keys followed other rules.
    db.conn.execute("delete from _sqlite_migrations where name = 'm050_url_keys_and_outcomes'")
    db.conn.execute("drop table url_key_changes")
    db.conn.commit()
    old = ["http://news.example/list?b=2&a=1", "http://news.example/kept.html", "http://news.example/a.html?utm_source=x"]
    with db.conn:
        for url in old:
            db.conn.execute("insert into articles (url, site, title, text) values (?, 'news.example', 't', 'x')", [url])
    db.conn.close()
    url = site.add_page("/a.html", "wp-article.html")
    first = cli("ingest", url, *FAST, db=db_path)
    assert first.code == 0, first.stderr
    assert first.stderr.splitlines()[0] == (f"{db_path}: 2 stored article(s) have a URL key the current rule writes "
                                             "differently (kept as they are; listed in table url_key_changes)")
    listed = {r["url"]: r["new_url"] for r in rows(db_path, "select * from url_key_changes")}
    assert listed == {old[0]: "http://news.example/list?a=1&b=2", old[2]: "http://news.example/a.html"}
    assert set(old) <= {r["url"] for r in rows(db_path)}
    again = cli("ingest", url, *FAST, db=db_path)
    assert "url_key_changes" not in again.stderr


def test_migrations_list_is_the_one_the_store_applies():
    # The test above relies on the migration's name.
    assert "m050_url_keys_and_outcomes" in [m.name for m in migrations._migrations]
