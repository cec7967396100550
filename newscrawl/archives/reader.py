"""WARC records → pages for the page function, or the reason each is skipped.

Streams: one record at a time is held, its payload read up to the size cap,
so memory is the same for a 10 MB file and a 10 GB one. The cheap checks
come first, from the record's own headers, before its payload is read:
record type, target host (`--site`), HTTP status, content type, WARC-
Truncated. The payload is decoded as HTTP said it was sent (chunked, gzip,
deflate, br); its charset is resolved later, in the worker, from the HTTP
Content-Type first (cleaning/page.py read_html_bytes).

warcio reads the records: plain or gzip-compressed files, one member per
record or not, WARC 1.0 and 1.1.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from io import BytesIO
from typing import BinaryIO, Iterator

from cleaning.record import ArticleRecord
from cleaning.urls import InvalidURL, normalize_url, site_of
from newscrawl.archives import outcomes
from newscrawl.archives.filters import ArchiveFilter
from newscrawl.archives.writer import ARTICLE, CANDIDATE, ROLE_HEADER


@dataclass(frozen=True)
class ReaderOptions:
    filters: ArchiveFilter = ArchiveFilter()
    max_bytes: int = 10 * 1024 * 1024  # a payload larger than this is skipped
    html_types: tuple[str, ...] = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class ArchivedPage:
    """An HTML response worth processing: its body and what the archive says of it."""

    data: bytes
    content_type: str | None  # the HTTP Content-Type, charset included
    fetched: ArticleRecord  # the fetch facts: URL, time, status, WARC file and offset
    # newscrawl's own archives: what the crawl fetched it as (writer.ROLE_HEADER).
    role: str | None = None


@dataclass(frozen=True)
class SkippedRecord:
    reason: str
    url: str | None = None


@dataclass(frozen=True)
class UnreadableArchive:
    """The file cannot be read (further): one failure line."""

    name: str
    reason: str


class _CountingReader:
    """A pipe (standard input) has no position; warcio asks for one to give offsets."""

    def __init__(self, stream: BinaryIO):
        self.stream = stream
        self.position = 0

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.position += len(data)
        return data

    def readline(self, size: int = -1) -> bytes:
        data = self.stream.readline(size)
        self.position += len(data)
        return data

    def tell(self) -> int:
        return self.position


def read_warc(stream: BinaryIO, name: str | None, options: ReaderOptions = ReaderOptions()
              ) -> Iterator[ArchivedPage | SkippedRecord | UnreadableArchive]:
    """Every record of one WARC stream as a page or a skip, in file order;
    an UnreadableArchive last when the file cannot be read to its end.
    `name` is the file's path as the article rows keep it (None for standard input)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    shown = name or "-"
    if not hasattr(stream, "seekable") or not stream.seekable():
        stream = _CountingReader(stream)
    iterator = ArchiveIterator(stream, ensure_http_headers=False)
    try:
        for record in iterator:
            yield _entry(record, iterator, name, options)
    except ArchiveLoadFailed as exc:
        yield UnreadableArchive(shown, f"not a readable WARC file: {' '.join(str(exc).split())[:200]}")
    except Exception as exc:  # OSError, zlib.error, EOFError…: whatever a corrupt or cut file raises
        yield UnreadableArchive(shown, f"cannot read: {type(exc).__name__}: {' '.join(str(exc).split())[:200]}")


def _entry(record, iterator, name: str | None, options: ReaderOptions) -> ArchivedPage | SkippedRecord:
    kind = record.rec_type
    if kind != "response":
        return SkippedRecord(outcomes.RECORD_SKIPS.get(kind, outcomes.OTHER_RECORD))
    target = (record.rec_headers.get_header("WARC-Target-URI") or "").strip().strip("<>")
    block_type = (record.rec_headers.get_header("Content-Type") or "").lower()
    if not block_type.startswith("application/http") or record.http_headers is None:
        return SkippedRecord(outcomes.NOT_HTTP, target)
    try:
        key = normalize_url(target)
    except InvalidURL:
        return SkippedRecord(outcomes.INVALID_URL, target)
    if not options.filters.wants_url(key):
        return SkippedRecord(outcomes.OTHER_SITE, target)
    role = record.rec_headers.get_header(ROLE_HEADER)
    if role and role not in (ARTICLE, CANDIDATE):
        return SkippedRecord(outcomes.NOT_FETCHED_AS_ARTICLE, target)
    http = record.http_headers
    status = _status(http.get_statuscode())
    if status != 200:
        return SkippedRecord(outcomes.NOT_200, target)
    content_type = http.get_header("Content-Type")
    media_type = (content_type or "").split(";")[0].strip().lower()
    # No Content-Type at all: a browser would sniff; the page function's
    # decoder and parser say soon enough whether it is HTML.
    if media_type and media_type not in options.html_types:
        return SkippedRecord(outcomes.NOT_HTML, target)
    if record.rec_headers.get_header("WARC-Truncated"):
        return SkippedRecord(outcomes.TRUNCATED, target)
    raw = record.raw_stream.read(options.max_bytes + 1)
    if len(raw) > options.max_bytes:
        return SkippedRecord(outcomes.TOO_LARGE, target)
    if getattr(record.raw_stream, "limit", 0):
        # The block ended before its Content-Length: the file was cut inside it.
        return SkippedRecord(outcomes.TRUNCATED, target)
    if _shorter_than_declared(http, raw):
        return SkippedRecord(outcomes.TRUNCATED, target)
    try:
        data = _decoded_body(http, raw, options.max_bytes)
    except Exception:  # a body that does not decompress as its headers say
        return SkippedRecord(outcomes.TRUNCATED, target)
    if data is None:
        return SkippedRecord(outcomes.TOO_LARGE, target)
    offset = iterator.get_record_offset()  # read only now: asking for it reads the record to its end
    fetched = ArticleRecord(url=key, fetched_url=target, http_status=status,
                            fetched_at=_iso_date(record.rec_headers.get_header("WARC-Date")),
                            site=site_of(key), warc_file=name, warc_offset=offset if name else None)
    return ArchivedPage(data, content_type, fetched, role)


def _status(code) -> int | None:
    try:
        return int(code)
    except (TypeError, ValueError):
        return None


def _shorter_than_declared(http, raw: bytes) -> bool:
    """A body shorter than its HTTP Content-Length: the crawler kept part of
    it without saying so (no WARC-Truncated)."""
    if (http.get_header("Transfer-Encoding") or "").lower() == "chunked":
        return False
    declared = http.get_header("Content-Length")
    try:
        return declared is not None and len(raw) < int(declared)
    except ValueError:
        return False


def _decoded_body(http, raw: bytes, max_bytes: int) -> bytes | None:
    """The body as the server meant it (de-chunked, decompressed), or None
    past the size cap (a compressed bomb stops there)."""
    from warcio.bufferedreaders import BufferedReader, ChunkedDataReader

    encoding = (http.get_header("Content-Encoding") or "").strip().lower() or None
    if encoding not in BufferedReader.get_supported_decompressors():
        encoding = None
    if (http.get_header("Transfer-Encoding") or "").lower() == "chunked":
        reader = ChunkedDataReader(BytesIO(raw), decomp_type=encoding)
    elif encoding:
        reader = BufferedReader(BytesIO(raw), decomp_type=encoding)
    else:
        return raw
    data = reader.read(max_bytes + 1)
    return None if len(data) > max_bytes else data


def _iso_date(value: str | None) -> str | None:
    """WARC-Date (2024-05-31T12:00:00Z, maybe with fractions) as the store writes times."""
    if not value:
        return None
    try:
        when = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return when.astimezone(dt.timezone.utc).replace(microsecond=0).isoformat()
