"""Size-rotated .warc.gz files of what a crawl fetched.

Each exchange is a `response` record (status line, headers and body as they
came over the wire, before decompression) followed by the `request` record
that asked for it, linked by WARC-Concurrent-To; each file opens with a
`warcinfo` record naming newscrawl and the settings the crawl ran with. A
file is closed once it reaches the size limit and the next exchange opens a
new one. warcio writes the records (one gzip member each, with their
digests), so any WARC reader — and `newscrawl ingest --warc` — reads them.
No Scrapy here: newscrawl/middlewares/warc_out.py turns responses into
exchanges.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

# Headers that describe how the body travelled, not the body kept: the body
# a crawler hands over is already de-chunked, so a reader must not de-chunk
# it again.
HOP_HEADERS = frozenset({"transfer-encoding"})
# What the crawl fetched a response as, so that reading the archive back
# decides as the crawl did: `article` (from a feed, a sitemap, the command
# line), `article-candidate` (a page reached by following links: an article
# only when its markup declares one), or what else it was (`listing`, `feed`,
# `sitemap`, `start page`, `other`). An extension field: other readers ignore it.
ROLE_HEADER = "WARC-Newscrawl-Role"
ARTICLE, CANDIDATE = "article", "article-candidate"


@dataclass(frozen=True)
class HttpExchange:
    """One request and the response it got, as sent and received."""

    url: str
    method: str
    request_headers: list[tuple[str, str]]
    status: int
    reason: str
    response_headers: list[tuple[str, str]]
    body: bytes
    request_body: bytes = b""
    protocol: str = "HTTP/1.1"
    ip_address: str | None = None
    role: str | None = None  # what the crawl fetched it as (ROLE_HEADER)


@dataclass(frozen=True)
class WarcOutputOptions:
    directory: Path
    max_bytes: int
    # The warcinfo fields of every file (software, settings…), in order.
    info: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    prefix: str = "newscrawl"


@dataclass(frozen=True)
class WarcLocation:
    file: str  # absolute path
    offset: int  # of the response record


class RotatingWarcWriter:
    def __init__(self, options: WarcOutputOptions):
        from warcio.warcwriter import WARCWriter

        self._writer_class = WARCWriter
        self.options = options
        self.directory = Path(options.directory).resolve()
        self.directory.mkdir(parents=True, exist_ok=True)
        self.files: list[str] = []  # every file written, in order
        self.records = 0
        self._file: BinaryIO | None = None
        self._writer = None
        self._serial = 0
        self._stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d%H%M%S")

    def write(self, exchange: HttpExchange) -> WarcLocation:
        """Append one exchange; the location of its response record."""
        from warcio.statusandheaders import StatusAndHeaders

        if self._file is None:
            self._open()
        assert self._file is not None and self._writer is not None
        writer = self._writer
        response_headers = [(k, v) for k, v in exchange.response_headers if k.lower() not in HOP_HEADERS]
        warc_headers = {"WARC-IP-Address": exchange.ip_address} if exchange.ip_address else {}
        if exchange.role:
            warc_headers[ROLE_HEADER] = exchange.role
        response = writer.create_warc_record(
            exchange.url, "response", payload=BytesIO(exchange.body), length=len(exchange.body),
            http_headers=StatusAndHeaders(f"{exchange.status} {exchange.reason}".strip(), response_headers,
                                          protocol=exchange.protocol),
            warc_headers_dict=warc_headers,
        )
        request = writer.create_warc_record(
            exchange.url, "request", payload=BytesIO(exchange.request_body), length=len(exchange.request_body),
            http_headers=StatusAndHeaders(f"{exchange.method} {_request_target(exchange.url)} HTTP/1.1",
                                          _with_host(exchange.request_headers, exchange.url), is_http_request=True),
            warc_headers_dict={"WARC-Concurrent-To": response.rec_headers.get_header("WARC-Record-ID"),
                               "WARC-Date": response.rec_headers.get_header("WARC-Date")},
        )
        offset = self._file.tell()
        writer.write_record(response)
        writer.write_record(request)
        self.records += 2
        location = WarcLocation(self.files[-1], offset)
        if self._file.tell() >= self.options.max_bytes:
            self.close()
        return location

    def _open(self) -> None:
        # Exclusive creation: two crawls of one process (or two processes)
        # never append to the same file.
        while True:
            name = f"{self.options.prefix}-{self._stamp}-{os.getpid()}-{self._serial:05d}.warc.gz"
            self._serial += 1
            try:
                self._file = open(self.directory / name, "xb")
                break
            except FileExistsError:
                continue
        self._writer = self._writer_class(self._file, gzip=True)
        self.files.append(str(self.directory / name))
        self._writer.write_record(self._writer.create_warcinfo_record(name, dict(self.options.info)))
        self.records += 1

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        self._file = None
        self._writer = None


def _request_target(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _with_host(headers: list[tuple[str, str]], url: str) -> list[tuple[str, str]]:
    """The request's headers with the Host line the HTTP client adds itself."""
    from urllib.parse import urlsplit

    if any(name.lower() == "host" for name, _v in headers):
        return list(headers)
    return [("Host", urlsplit(url).netloc), *headers]
