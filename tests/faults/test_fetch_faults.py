"""Fetching one-off URLs that go wrong, through the real `newscrawl ingest`
against servers on 127.0.0.2 and 127.0.0.3: every URL ends as stored or as
one line with its reason, and the summary adds up to the URLs given.

A server on 127.0.0.3 stands for a private network: the URLs the user gives
are on 127.0.0.2, so a redirect to 127.0.0.3 — by address, as a number or by
a name that resolves there — must be refused before any connection is made.
Were the guard broken, the request would still stay on this machine.
"""

from __future__ import annotations

import gzip

import pytest

from tests.conftest import FAST, PAGES, LocalSite, rows
from tests.faults.outcomes import (
    assert_every_url_accounted_for,
    mapped_hosts,
    reason_for,
    summary_numbers,
)

# Runs newscrawl in other processes: the slow tier (`make test-fast` leaves it out).
pytestmark = pytest.mark.crawl

ROBOTS = "User-agent: *\nDisallow: /private/\n"


@pytest.fixture
def public():
    site = LocalSite("127.0.0.2")
    site.add("/robots.txt", ROBOTS, content_type="text/plain")
    yield site
    site.close()


@pytest.fixture
def private():
    site = LocalSite("127.0.0.3")
    site.add("/robots.txt", ROBOTS, content_type="text/plain")
    site.add_page("/internal.html", "wp-article.html")
    yield site
    site.close()


def redirect(site: LocalSite, path: str, location: str, status: int = 302) -> str:
    return site.add(path, b"", status=status, headers={"Location": location})


def test_answers_that_go_wrong_are_each_one_line(public, private, cli, db_path):
    p = public
    stored = {
        "article": p.add_page("/a.html", "wp-article.html"),
        "story 40": p.add_page("/q?story=40", "stories/lang-fr.html"),
        "story 41": p.add_page("/q?story=41", "stories/lang-es.html"),
        "article 42": p.add_page("/q?articleid=42", "stories/lang-ru.html"),
        "after a malformed URL": p.add_page("/b.html", "de-article.html"),
        # A bracketed non-IP host in the page's canonical link, as a real news page has.
        "canonical http://[x]/": p.add("/canon.html", (PAGES / "stories/lang-de.html").read_text(encoding="utf-8").replace(
            "<head>", '<head><link rel="canonical" href="http://[ccpa-preferences]/">', 1)),
    }
    failed = {
        "http://[::1": "not a URL (Invalid IPv6 URL)",
        "http://[ccpa-preferences]/": "not a URL",
        "data:text/html,hi": "unsupported scheme 'data:'",
        "file:///etc/passwd": "unsupported scheme 'file:'",
        redirect(p, "/loop", p.url("/loop")): "redirect loop: ",
        redirect(p, "/loop-a", p.url("/loop-b")): "redirect loop: ",
        p.add("/refresh", f'<html><head><meta http-equiv="refresh" content="0; url={p.url("/refresh")}"></head></html>'):
            "meta refresh loop: ",
        redirect(p, "/to-file", "file:///etc/passwd"): "redirect to file:///etc/passwd refused: unsupported scheme 'file:'",
        redirect(p, "/to-data", "data:text/html,hi"): "redirect to data:text/html,hi refused: unsupported scheme 'data:'",
        redirect(p, "/to-bracket", "http://[x]/"): "redirect to http://[x]/ refused: not a URL",
        redirect(p, "/to-private", private.url("/internal.html")): "refused: 127.0.0.3 is a loopback address",
        redirect(p, "/to-number", f"http://0x7f000003:{private.port}/internal.html"):
            "refused: 0x7f000003 (127.0.0.3) is a loopback address",
        redirect(p, "/to-name", f"http://intranet.test:{private.port}/internal.html"):
            "refused: intranet.test (127.0.0.3) is a loopback address",
        p.add("/bomb.html", gzip.compress(b"<html><body>" + b"0" * 3_000_000 + b"</body></html>"),
              headers={"Content-Encoding": "gzip"}): "response larger than the size cap of 200000 bytes once decompressed",
        p.add("/huge.html", "<html><body>" + "<p>word </p>" * 30000 + "</body></html>"):
            "response larger than the size cap of 200000 bytes",
    }
    redirect(p, "/loop-b", p.url("/loop-a"))
    failed[redirect(p, "/hop0", p.url("/hop1"))] = "more than 5 redirects"
    for hop in range(1, 7):
        redirect(p, f"/hop{hop}", p.url(f"/hop{hop + 1}"))
    noted = {
        # Tracking tags and fragment stripped: the same article, once.
        p.url("/a.html?utm_source=rss&fbclid=x1#comments"): "listed twice in this run",
        redirect(p, "/moved", stored["article"], status=301): f"redirects to {stored['article']}, also in this run",
    }
    given = [stored["article"], *noted, "http://[::1", stored["after a malformed URL"],
             *[u for u in stored.values() if u not in (stored["article"], stored["after a malformed URL"])],
             *[u for u in failed if u != "http://[::1"]]
    result = cli("ingest", *given, *FAST, "--set", "DOWNLOAD_MAXSIZE=200000",
                 *mapped_hosts({"intranet.test": "127.0.0.3"}), db=db_path)
    assert result.code == 1, result.stderr
    assert "Traceback" not in result.stderr
    for url, reason in {**failed, **noted}.items():
        assert reason_for(result.stderr, url).startswith(reason), (url, result.stderr)
    assert reason_for(result.stderr, p.url("/loop-a")).endswith(" → ".join(p.url(x) for x in ("/loop-a", "/loop-b", "/loop-a")))
    stored_urls = [r["url"] for r in rows(db_path)]
    assert sorted(stored_urls) == sorted(stored.values())
    assert_every_url_accounted_for(given, result.stderr, stored_urls)
    assert summary_numbers(result.stderr.splitlines()[-1]) == {
        "stored": len(stored), "updated": 0, "unchanged": 0, "already stored": len(noted), "failed": len(failed)}
    # The private network never saw a request, robots.txt included.
    assert private.paths() == []


def test_network_faults_and_robots_txt_are_each_one_line(public, cli, db_path):
    """No page here is ever stored, so a one-second time-out holds."""
    sites = []

    def site(robots=None, **robots_route):
        s = LocalSite("127.0.0.2")
        if robots is not None or robots_route:
            s.add("/robots.txt", robots or b"", content_type="text/plain", **robots_route)
        sites.append(s)
        return s

    try:
        p = public
        unavailable = site("oops", status=503)
        slow_robots = site(ROBOTS, delay=3)
        reset_robots = site(reset=True)
        guarded = site(ROBOTS, delay=0.5)  # everyone waits for this robots.txt at once
        failed = {
            p.add("/slow.html", "<html></html>", delay=3): "timed out after 1 s",
            p.add("/reset.html", b"", reset=True): "connection reset before the answer was complete",
            unavailable.add("/a.html", "<html></html>"): "robots.txt answered 503",
            slow_robots.add("/a.html", "<html></html>"): "robots.txt unreachable: timed out after 1 s",
            reset_robots.add("/a.html", "<html></html>"): "robots.txt unreachable: connection reset",
            # Nothing listens on port 1.
            "http://127.0.0.2:1/a.html": "robots.txt unreachable: connection refused",
            p.add("/gone.html", "gone", status=404): "HTTP 404",
            p.add("/report.pdf", b"%PDF-1.4", content_type="application/pdf"): "not an HTML page (application/pdf)",
        }
        for i in range(6):
            failed[guarded.add(f"/private/{i}.html", "<html></html>")] = "forbidden by robots.txt"
        result = cli("ingest", *failed, *FAST, "--set", "DOWNLOAD_TIMEOUT=1", db=db_path)
        assert result.code == 1, result.stderr
        for url, reason in failed.items():
            assert reason_for(result.stderr, url).startswith(reason), (url, result.stderr)
        assert_every_url_accounted_for(list(failed), result.stderr, [r["url"] for r in rows(db_path)])
        # Disallowed, or robots.txt unreadable: the page itself is never asked for.
        for s in (unavailable, slow_robots, reset_robots, guarded):
            assert s.paths() == ["/robots.txt"], s.paths()
    finally:
        for s in sites:
            s.close()


def test_private_hosts_may_be_allowed_by_a_setting(public, private, cli, db_path):
    hop = redirect(public, "/to-private", private.url("/internal.html"))
    result = cli("ingest", hop, *FAST, "--set", "NEWSCRAWL_ALLOW_PRIVATE_HOSTS=true", db=db_path)
    assert result.code == 0, result.stderr
    assert [r["fetched_url"] for r in rows(db_path)] == [private.url("/internal.html")]
    assert "/internal.html" in private.paths()


def test_a_host_given_as_a_number_may_be_fetched_when_the_user_gives_it(private, cli, db_path):
    url = f"http://0x7f000003:{private.port}/internal.html"
    result = cli("ingest", url, *FAST, db=db_path)
    assert result.code == 0, result.stderr
    assert "/internal.html" in private.paths()


def test_a_robots_txt_read_earlier_stands_in_while_the_server_errors(public, cli, db_path):
    # RFC 9309 2.4: a cached robots.txt may be used while the file is
    # unreachable; Scrapy's HTTP cache serves it on a 5xx answer. Its rules
    # still apply, and what it allows is fetched.
    public.add("/robots.txt", ROBOTS, content_type="text/plain", headers={"ETag": '"r1"'})
    allowed = public.add_page("/a.html", "wp-article.html")
    forbidden = public.add_page("/private/b.html", "de-article.html")
    assert cli("ingest", allowed, *FAST, db=db_path).code == 0
    public.add("/robots.txt", "oops", status=503, content_type="text/plain")
    result = cli("ingest", allowed, forbidden, *FAST, db=db_path)
    assert result.code == 1, result.stderr
    assert reason_for(result.stderr, forbidden) == "forbidden by robots.txt"
    assert result.stderr.splitlines()[-1] == "0 stored, 0 updated, 1 unchanged, 1 failed"
    assert public.paths().count("/robots.txt") == 2 and "/private/b.html" not in public.paths()
