"""A news site of many small article pages on 127.0.0.1, and a real
redis-server, for the distributed-crawl tests and benchmark.

The site: `/` links to listing pages `/page/N`, each linking to its share
of the articles `/news/story-K.html`. Every article has its own seeded text,
so no two are one story. The server logs each request with its User-Agent,
so a test can tell which crawler fetched what.
"""

from __future__ import annotations

import random
import shutil
import socket
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path

from tests.conftest import LocalSite

WORDS = (
    "harbour council ferry market river valley school garden bridge station library orchard festival mayor "
    "budget road tram museum census weather farmers bakery fishing island theatre hospital clinic workers "
    "union election district parish harvest storm flood repair tunnel railway airport village committee "
    "report survey record price rent housing water power wind solar energy plan vote court judge police "
    "teacher student nurse doctor driver sailor engineer builder painter writer singer player coach team"
).split()


def article_html(number: int) -> str:
    rng = random.Random(number)
    title = " ".join(rng.choice(WORDS) for _ in range(6)).capitalize()
    paragraphs = []
    for _p in range(3):
        sentences = []
        for _s in range(4):
            words = [rng.choice(WORDS) for _ in range(rng.randint(9, 14))]
            sentences.append(" ".join(words).capitalize() + f" {rng.randint(10, 9999)}.")
        paragraphs.append("<p>" + " ".join(sentences) + "</p>")
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
            "<meta property='og:type' content='article'>"
            f"<meta property='article:published_time' content='2024-05-{1 + number % 28:02d}T08:00:00Z'></head>"
            f"<body><article><h1>{title}</h1>{''.join(paragraphs)}</article></body></html>")


# Longest a held request waits; under Scrapy's download timeout.
HOLD_TIMEOUT = 150.0


class ArticleSite(LocalSite):
    """`pages` article pages behind listings of `per_listing` links each."""

    def __init__(self, pages: int = 300, per_listing: int = 20, delay: float = 0.0):
        super().__init__()
        self.lock = threading.Lock()
        self.agents: list[tuple[str, str]] = []  # (path, User-Agent), in order
        # Agents whose article requests wait until released (see hold()).
        self.held: dict[str, threading.Event] = {}
        self.article_paths = [f"/news/story-{n}.html" for n in range(1, pages + 1)]
        self.article_set = frozenset(self.article_paths)
        listings = [self.article_paths[i:i + per_listing] for i in range(0, pages, per_listing)]
        self.listing_paths = [f"/page/{n}" for n in range(1, len(listings) + 1)]
        home = "".join(f"<li><a href='{path}'>Page {n}</a></li>" for n, path in enumerate(self.listing_paths, 1))
        self.add("/", f"<html><body><h1>News</h1><ul>{home}</ul></body></html>")
        for path, links in zip(self.listing_paths, listings):
            items = "".join(f"<li><a href='{link}'>{link}</a></li>" for link in links)
            self.add(path, f"<html><body><ul>{items}</ul></body></html>", delay=delay)
        for number, path in enumerate(self.article_paths, 1):
            self.add(path, article_html(number), delay=delay)
        self.add("/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain")
        site = self
        plain = self.server.RequestHandlerClass

        class Handler(plain):
            def do_GET(self):
                agent = self.headers.get("User-Agent", "")
                with site.lock:
                    site.agents.append((self.path, agent))
                    gate = site.held.get(agent)
                if gate is not None and self.path in site.article_set:
                    gate.wait(timeout=HOLD_TIMEOUT)
                super().do_GET()

        self.server.RequestHandlerClass = Handler

    def fetches(self, paths=None) -> Counter:
        """How often each page (robots.txt aside) was requested."""
        with self.lock:
            counted = Counter(path for path, _agent in self.agents if path != "/robots.txt")
        if paths is not None:
            return Counter({path: counted.get(path, 0) for path in paths})
        return counted

    def hold(self, agent: str) -> None:
        """Keep the article requests of one crawler waiting (at most
        HOLD_TIMEOUT seconds each) until release(): the rest of the frontier
        then stays for the other crawlers, however loaded the machine is."""
        with self.lock:
            self.held.setdefault(agent, threading.Event())

    def release(self, agent: str) -> None:
        with self.lock:
            gate = self.held.pop(agent, None)
        if gate is not None:
            gate.set()

    def fetches_by(self, agent: str) -> int:
        with self.lock:
            return sum(1 for path, ua in self.agents if ua == agent and path in set(self.article_paths))

    def sources_toml(self, name: str = "local") -> str:
        return f'[[source]]\nname = "{name}"\nstart_urls = ["{self.base}/"]\nevery = "1h"\nmax_depth = 2\n'


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RedisServer:
    """A throwaway redis-server on 127.0.0.1, nothing saved to disk."""

    def __init__(self, folder: Path):
        binary = shutil.which("redis-server")
        if binary is None:
            raise FileNotFoundError("redis-server")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        import redis

        self.client = redis.Redis.from_url(self.url)
        deadline = time.monotonic() + 10
        while True:
            try:
                self.client.ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    self.close()
                    raise RuntimeError("redis-server did not start")
                time.sleep(0.05)

    def close(self) -> None:
        self.client.close()
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
