"""The records crawlers hand to the writer (newscrawl/messages.py): what
goes in comes out, a newer format is refused, garbage is one clear error."""

from __future__ import annotations

import pytest

msgpack = pytest.importorskip("msgpack", reason="the redis extra is not installed: pip install -e '.[test]'")

from cleaning.page import process_page  # noqa: E402
from cleaning.site import Furniture, SiteProfile  # noqa: E402
from db.store import compress_html  # noqa: E402
from newscrawl.messages import (  # noqa: E402
    ARTICLE,
    MessageError,
    VERSION,
    article_message,
    crawl_message,
    failed_message,
    profile_bytes,
    queued_at,
    read_message,
    read_profile,
)
from tests.distributed_site import article_html  # noqa: E402


def test_an_article_comes_out_as_it_went_in_transient_fields_too():
    html = article_html(7)
    record = process_page(html, "http://127.0.0.1:9/news/story-7.html")
    record.url, record.site = "http://127.0.0.1:9/news/story-7.html", "127.0.0.1:9"
    assert record.bands and record.anchors is not None and record.changes is not None
    profile = SiteProfile(furniture=(Furniture("share this", "Share this", 4),), stories=5)
    message = read_message(article_message(record, compress_html(html), ["Subscribe now"], profile))
    assert message["kind"] == ARTICLE and message["v"] == VERSION
    assert message["record"] == record  # every field, the MinHash bands and the anchors included
    assert message["page"] == compress_html(html)
    assert message["extra_junk"] == ["Subscribe now"]
    assert message["site_profile"] == profile
    assert queued_at(article_message(record, None, [], None)) > 0


def test_failed_pages_and_runs_travel_too():
    record = process_page(article_html(3), "http://127.0.0.1:9/a.html")
    failed = read_message(failed_message(record, b"page", "ValueError: boom (x.py:1)"))
    assert failed["error"] == "ValueError: boom (x.py:1)" and failed["page"] == b"page"
    run = {"run_key": "h:1:a", "source": "s", "status": "ok", "errors": [{"url": "u", "reason": "r"}]}
    assert read_message(crawl_message(run))["run"] == run


def test_a_template_as_published_to_the_crawlers():
    profile = SiteProfile(title_suffixes=(Furniture("the post", "| The Post", 9),), stories=9)
    assert read_profile(profile_bytes(profile)) == profile
    assert read_profile(b"\x00garbage") is None


def test_a_newer_format_or_garbage_is_refused_in_one_line():
    newer = msgpack.packb({"v": VERSION + 1, "kind": ARTICLE, "record": {}})
    with pytest.raises(MessageError, match="newer than this newscrawl reads"):
        read_message(newer)
    for raw in (b"not a message", msgpack.packb([1, 2]), msgpack.packb({"v": 1, "kind": "poem"})):
        with pytest.raises(MessageError) as caught:
            read_message(raw)
        assert "\n" not in str(caught.value)


def test_a_field_the_reader_does_not_know_is_left_out_and_a_missing_one_defaults():
    packed = msgpack.unpackb(article_message(process_page(article_html(1), "http://127.0.0.1:9/b.html"), None, [], None))
    packed["record"]["added_by_a_newer_crawler"] = 1
    del packed["record"]["captions"]
    record = read_message(msgpack.packb(packed, use_bin_type=True))["record"]
    assert record.captions == [] and not hasattr(record, "added_by_a_newer_crawler")
