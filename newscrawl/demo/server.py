"""Serve the sample sites on 127.0.0.1, one port per site, from memory.

Standard library only: one ``ThreadingHTTPServer`` per site, each in a daemon
thread.  Every request is logged as ``(site_name, path)`` so callers can check
what a crawler fetched (and that it never fetched a disallowed path).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from newscrawl.demo.site import Catalog, build_site, load_catalog

NOT_FOUND = b"<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>"


@dataclass
class DemoSite:
    name: str
    title: str
    base_url: str
    feeds: list[str]
    sitemaps: list[str]
    start_urls: list[str]
    language: str | None
    robots_url: str
    disallowed_urls: list[str]  # pages under the robots.txt Disallow rule
    requests: list[str] = field(default_factory=list)  # paths, in the order received


@dataclass(frozen=True)
class DemoArticle:
    """What the sample content says about one article page (for assertions)."""

    url: str
    site: str
    story: str
    language: str
    title: str
    source_url: str | None    # page this copy was taken from (None for originals)
    canonical_url: str        # what its <link rel="canonical"> says
    truncated: bool
    encoding: str
    brief: bool

    @property
    def is_copy(self) -> bool:
        return self.source_url is not None

    @property
    def text_group(self) -> str:
        """Pages with the same text_group carry the same text (copies, excerpts, rewordings)."""
        return f"{self.story}:{self.language}"


def _make_handler(site: DemoSite, routes: dict[str, tuple[str, bytes]], log: list, lock: threading.Lock):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "DemoPress/1.0"

        def log_message(self, *args):
            pass

        def _answer(self, with_body: bool) -> None:
            with lock:
                log.append((site.name, self.path))
                site.requests.append(self.path)
            path = urlsplit(self.path).path or "/"
            found = routes.get(path)
            headers = []
            if found is None and not path.endswith("/") and path + "/" in routes:
                status, ctype, body = 301, "text/html; charset=utf-8", b""
                headers.append(("Location", site.base_url + path + "/"))
            elif found is None:
                status, ctype, body = 404, "text/html; charset=utf-8", NOT_FOUND
            else:
                status, (ctype, body) = 200, found
            try:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for name, value in headers:
                    self.send_header(name, value)
                self.end_headers()
                if with_body:
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def do_GET(self):
            self._answer(True)

        def do_HEAD(self):
            self._answer(False)

    return Handler


class DemoSites:
    """The running sample sites.  Use as a context manager or call ``close()``."""

    def __init__(self, host: str = "127.0.0.1", catalog: Catalog | None = None, ports: tuple[int, ...] = (),
                 fixed_ports: bool = False):
        self.catalog = catalog or load_catalog()
        self.requests: list[tuple[str, str]] = []
        self._lock = threading.Lock()
        self._servers: list[ThreadingHTTPServer] = []
        self._threads: list[threading.Thread] = []
        self._started: list[ThreadingHTTPServer] = []
        names = list(self.catalog.sites)
        try:
            # Bind every port first: pages need every site's address.
            for index, _name in enumerate(names):
                server = _bind(host, ports[index] if index < len(ports) else 0, fallback=not fixed_ports)
                server.daemon_threads = True
                self._servers.append(server)
            url_host = f"[{host}]" if ":" in host else host
            bases = {
                name: f"http://{url_host}:{server.server_address[1]}"
                for name, server in zip(names, self._servers)
            }
            self.bases = bases
            self.sites: list[DemoSite] = []
            for name, server in zip(names, self._servers):
                spec = self.catalog.sites[name]
                base = bases[name]
                sitemaps = [base + p for p in spec.get("sitemap_entry", ["/robots.txt"])]
                site = DemoSite(
                    name=name,
                    title=spec["title"],
                    base_url=base,
                    feeds=[base + f["path"] for f in spec["feeds"]],
                    sitemaps=sitemaps,
                    start_urls=[base + "/"],
                    language=spec.get("language"),
                    robots_url=base + "/robots.txt",
                    disallowed_urls=[base + spec["private_page"]],
                )
                routes = build_site(name, bases, self.catalog)
                server.RequestHandlerClass = _make_handler(site, routes, self.requests, self._lock)
                self.sites.append(site)
            self.articles: list[DemoArticle] = [self._describe(a) for a in self.catalog.articles]
            self.article_urls: list[str] = [a.url for a in self.articles]
            for server in self._servers:
                thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
                thread.start()
                self._started.append(server)
                self._threads.append(thread)
        except BaseException:
            self.close()
            raise

    def _describe(self, a) -> DemoArticle:
        url = self.bases[a.site] + a.path
        original = self.catalog.original_of(a)
        source_url = self.bases[original.site] + original.path if original else None
        canonical = source_url if (a.canonical == "original" and source_url) else url
        return DemoArticle(
            url=url,
            site=a.site,
            story=a.story,
            language=a.lang,
            title=a.title,
            source_url=source_url,
            canonical_url=canonical,
            truncated=bool(a.truncate),
            encoding=a.encoding,
            brief=a.brief,
        )

    def site(self, name: str) -> DemoSite:
        for site in self.sites:
            if site.name == name:
                return site
        raise KeyError(name)

    def url(self, name: str, path: str) -> str:
        return self.site(name).base_url + path

    def close(self) -> None:
        for server in self._servers:
            if server in self._started:
                server.shutdown()
            server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        self._servers = []
        self._started = []
        self._threads = []

    def __enter__(self) -> "DemoSites":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _bind(host: str, port: int, fallback: bool = True) -> ThreadingHTTPServer:
    """A server on the wanted port, or (with fallback) on a free one when it is taken."""
    try:
        return ThreadingHTTPServer((host, port), BaseHTTPRequestHandler, bind_and_activate=True)
    except OSError:
        if not port or not fallback:
            raise
        return ThreadingHTTPServer((host, 0), BaseHTTPRequestHandler, bind_and_activate=True)


def serve_demo(host: str = "127.0.0.1", ports: tuple[int, ...] = (), fixed_ports: bool = False) -> DemoSites:
    """Start every sample site on ``host``: on ``ports`` when given and free,
    else each on a free port; with ``fixed_ports``, OSError when one is taken."""
    return DemoSites(host, ports=ports, fixed_ports=fixed_ports)
