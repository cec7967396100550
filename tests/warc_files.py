"""WARC files for the tests, written with warcio itself.

Real exchanges are recorded with warcio's `capture_http` while fetching the
demo sites over HTTP on 127.0.0.1; the records no server sends as such (a
truncated one, a PDF, a page in a legacy charset named only in its HTTP
header, metadata) are written with warcio's WARCWriter.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from io import BytesIO

from warcio.capture_http import capture_http
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

_META_CHARSET = re.compile(rb"<meta[^>]*charset[^>]*>", re.IGNORECASE)


def fetch(url: str) -> tuple[int, str, bytes]:
    """(status, Content-Type, body) of a GET."""
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.headers.get("Content-Type", ""), answer.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read()


def capture(writer: WARCWriter, urls: list[str]) -> None:
    """Fetch each URL over HTTP, recording request and response."""
    with capture_http(writer):
        for url in urls:
            fetch(url)


def write_response(writer: WARCWriter, url: str, body: bytes, content_type: str | None, status: str = "200 OK",
                   warc_headers: dict | None = None, http_headers: list | None = None) -> None:
    headers = list(http_headers or [])
    if content_type:
        headers.append(("Content-Type", content_type))
    headers.append(("Content-Length", str(len(body))))
    record = writer.create_warc_record(url, "response", payload=BytesIO(body), length=len(body),
                                       http_headers=StatusAndHeaders(status, headers, protocol="HTTP/1.1"),
                                       warc_headers_dict=warc_headers or {})
    writer.write_record(record)


def write_warcinfo(writer: WARCWriter, name: str) -> None:
    writer.write_record(writer.create_warcinfo_record(name, {"software": "tests/warc_files.py"}))


def write_metadata(writer: WARCWriter, url: str) -> None:
    payload = b"outlink: http://elsewhere.example/ L a/@href\r\n"
    writer.write_record(writer.create_warc_record(url, "metadata", payload=BytesIO(payload), length=len(payload),
                                                  warc_content_type="application/warc-fields"))


def without_meta_charset(page: bytes) -> bytes:
    """The page with no <meta charset>: only an HTTP header can name its charset then."""
    return _META_CHARSET.sub(b"", page)
