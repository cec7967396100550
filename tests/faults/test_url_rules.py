"""URL identity and totality, on the functions themselves: one article one
key, and no string makes them raise anything but InvalidURL."""

from __future__ import annotations

import random

import pytest

from cleaning.urls import InvalidURL, absolute_http_url, check_url, is_tracking_param, normalize_url, site_of


def test_query_parameters_that_name_an_article_are_kept():
    keys = {normalize_url(u) for u in ("http://x.example/q?story=40", "http://x.example/q?story=41",
                                      "http://x.example/q?articleid=42", "http://x.example/q")}
    assert len(keys) == 4


@pytest.mark.parametrize("tracking", [
    "utm_source=rss", "UTM_Medium=feed", "utm_campaign=x", "fbclid=abc", "gclid=1", "mc_cid=2", "mc_eid=3",
    "_ga=2.1", "yclid=9", "igshid=q", "msclkid=m",
])
def test_known_tracking_parameters_and_the_fragment_go(tracking):
    assert normalize_url(f"http://x.example/a.html?id=7&{tracking}#comments") == "http://x.example/a.html?id=7"


def test_parameters_that_only_look_like_tracking_stay():
    # Not in the list: a site may use them to tell pages apart.
    for name in ("ref", "source", "uid", "cid", "session", "utm"):
        assert not is_tracking_param(name), name
        assert f"{name}=1" in normalize_url(f"http://x.example/a?{name}=1")


def test_scheme_host_ports_and_order_are_normalised():
    assert normalize_url("HTTP://News.Example:80/a/../b/?z=1&a=2&a=1") == "http://news.example/b/?a=1&a=2&z=1"
    assert normalize_url("https://news.example:443/") == "https://news.example/"
    assert normalize_url("https://news.example:8443/x") == "https://news.example:8443/x"
    assert normalize_url("http://[::1]:80/x") == "http://[::1]/x"


def test_normalising_is_idempotent_and_never_raises_anything_else():
    rng = random.Random(20240514)
    alphabet = "htps:/[]@?&=#%.:-_~0123456789abcXYZ é\x00\t"
    seeds = ["http://a.example/p?q=1&utm_source=2#f", "https://[::1]:8080/x", "http://h:99999/", "//x/y", "http://[x]/"]
    checked = 0
    for _ in range(3000):
        text = rng.choice(seeds) if rng.random() < 0.3 else ""
        text += "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        try:
            first = normalize_url(text)
        except InvalidURL:
            continue
        assert normalize_url(first) == first, text
        checked += 1
    assert checked > 100


@pytest.mark.parametrize("bad", [
    "http://[::1", "http://[x]/", "http://[ccpa-preferences]/", "http://h:99999/", "http://h:port/", "", "   ",
    "javascript:alert(1)", "mailto:a@b.example", "file:///etc/passwd", "data:text/html,hi", "//x.example/y",
    "http://", "news.example/a", "http://a b.example/",
])
def test_a_malformed_url_is_an_invalid_url_never_a_crash(bad):
    with pytest.raises(InvalidURL):
        check_url(bad)
    with pytest.raises(InvalidURL):
        normalize_url(bad)
    assert isinstance(site_of(bad), str)


def test_links_are_resolved_or_refused():
    base = "http://news.example/2024/05/story.html"
    assert absolute_http_url(base, "../06/next.html") == "http://news.example/2024/06/next.html"
    assert absolute_http_url(base, " /a b.html\n") == "http://news.example/a%20b.html"
    assert absolute_http_url(base, "//cdn.example/x.html") == "http://cdn.example/x.html"
    for href in ("javascript:void(0)", "mailto:x@news.example", "http://[ccpa-preferences]/", "http://[::1",
                 "http://h:99999/", "file:///etc/passwd", "data:,x", "http://a b.example/", "", None):
        assert absolute_http_url(base, href) is None
    # A base urllib cannot parse does not raise either.
    assert absolute_http_url("http://[x]/", "/a.html") is None
