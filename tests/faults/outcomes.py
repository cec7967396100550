"""Reading what a run reported: the failure and note lines, and the summary's numbers."""

from __future__ import annotations

import re

from cleaning.urls import InvalidURL, normalize_url

# The test resolver (tests/offline_resolver.py): nothing reaches a DNS server,
# and every name a test uses maps into 127.0.0.0/8.
OFFLINE = ["--set", "DNS_RESOLVER=tests.offline_resolver.OfflineResolver"]


def mapped_hosts(names: dict[str, str]) -> list[str]:
    """Settings for the test resolver: these names resolve to these addresses."""
    import json

    assert all(address.startswith("127.") for address in names.values())
    return OFFLINE + ["--set", "NEWSCRAWL_TEST_HOSTS=" + json.dumps(names)]


def summary_numbers(line: str) -> dict[str, int]:
    """'6 stored, 0 updated, …, 2 failed; 1 feed failed' -> {'stored': 6, …}.
    The part after ';' (feeds, sitemaps, links) is left out."""
    head = line.split(": ", 1)[1] if re.match(r"^[\w.-]+: \d", line) else line
    head = head.split(";")[0]
    numbers = {}
    for part in head.split(", "):
        count, _sep, label = part.strip().partition(" ")
        numbers[label] = int(count)
    return numbers


def ingest_adds_up(numbers: dict[str, int], given: int) -> bool:
    outcomes = ("stored", "updated", "unchanged", "already stored", "not an article", "failed")
    return sum(numbers.get(name, 0) for name in outcomes) == given


def crawl_adds_up(numbers: dict[str, int]) -> bool:
    outcomes = ("already stored", "stored", "updated", "unchanged", "not an article", "forbidden by robots.txt",
                "left for the next run", "failed")
    return numbers["discovered"] == sum(numbers.get(name, 0) for name in outcomes)


def key(url: str) -> str:
    try:
        return normalize_url(url)
    except InvalidURL:
        return url


def lines_for(stderr: str, url: str) -> list[str]:
    """The lines a run printed about one URL (the URL as stored, or as given when invalid)."""
    wanted = key(url)
    return [line for line in stderr.splitlines() if line.startswith(wanted + ": ")]


def reason_for(stderr: str, url: str) -> str:
    (line,) = lines_for(stderr, url)
    return line.split(": ", 1)[1]


def assert_every_url_accounted_for(given: list[str], stderr: str, stored_urls: list[str]) -> None:
    """Each URL given ends as a row or as exactly one line, and the summary adds up."""
    from collections import Counter

    wanted = Counter(key(url) for url in given)
    stored = Counter(stored_urls)
    for url_key, count in wanted.items():
        told = len(lines_for(stderr, url_key))
        assert told + stored[url_key] == count, (url_key, told, stored[url_key], stderr)
    numbers = summary_numbers(stderr.strip().splitlines()[-1])
    assert ingest_adds_up(numbers, len(given)), (numbers, len(given))
