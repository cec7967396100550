"""What crawler processes hand to the writer through Redis: one message per
finished page or per run, in msgpack, versioned.

A message is a map with `v` (the format's version), `kind` and
`queued_at` (seconds since the epoch, when the crawler pushed it: the
writer's lag is measured from it):

* `article`: `record` (every field of ArticleRecord, the transient ones
  too: the MinHash bands and the anchors spare the writer recomputing them),
  `page` (the fetched HTML, zlib-compressed as the store keeps it, or nil),
  `extra_junk` (the source's junk phrases) and `site_profile` (the template
  the page was cleaned with, for the writer to tell which pages to clean
  again once the site's template changes);
* `failed`: a page the page function could not process: `record` (the fetch
  facts), `page` and `error`, kept in `failed_pages` for `reclean`;
* `crawl`: `run`, the row of one crawler process's run of a source for the
  `crawls` table, sent when it starts and again when it ends.

Records are plain dataclasses; they are turned into maps and lists here
from their own field declarations, so a field added to the record travels
without an edit here. A message of a newer version than this code reads is
refused, never half read.
"""

from __future__ import annotations

import dataclasses
import time
import types
import typing
from typing import Any, Union

import msgpack

from cleaning.anchors import ArticleAnchors
from cleaning.record import ArticleRecord
from cleaning.site import SiteProfile

VERSION = 1
ARTICLE, FAILED, CRAWL = "article", "failed", "crawl"
KINDS = (ARTICLE, FAILED, CRAWL)

# Fields whose declared type does not say what they hold.
_FIELD_TYPES = {(ArticleRecord, "anchors"): ArticleAnchors | None}


class MessageError(ValueError):
    """A message that cannot be read; the text says why, in one line."""


def to_plain(value: Any) -> Any:
    """Dataclasses as maps, tuples and sets as lists, the rest as is."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [to_plain(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted(to_plain(item) for item in value)
    if isinstance(value, dict):
        return {key: to_plain(item) for key, item in value.items()}
    return value


def from_plain(kind: Any, value: Any) -> Any:
    """`value` as `kind` (a type annotation), the reverse of `to_plain`."""
    if value is None:
        return None
    if dataclasses.is_dataclass(kind):
        if not isinstance(value, dict):
            raise MessageError(f"{kind.__name__}: expected a map, got {type(value).__name__}")
        hints = typing.get_type_hints(kind)
        known = {}
        for f in dataclasses.fields(kind):
            if f.name in value:  # a field this code does not know yet is left out; a missing one takes its default
                known[f.name] = from_plain(_FIELD_TYPES.get((kind, f.name), hints[f.name]), value[f.name])
        return kind(**known)
    origin = typing.get_origin(kind)
    if origin in (Union, types.UnionType):
        for option in typing.get_args(kind):
            if option is type(None):
                continue
            if dataclasses.is_dataclass(option) and not isinstance(value, dict):
                continue
            return from_plain(option, value)
        return value
    args = typing.get_args(kind)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(from_plain(args[0], item) for item in value)
        return tuple(from_plain(arg, item) for arg, item in zip(args, value))
    if origin is list:
        return [from_plain(args[0], item) for item in value] if args else list(value)
    return value


def _pack(message: dict) -> bytes:
    return msgpack.packb({"v": VERSION, "queued_at": time.time(), **message}, use_bin_type=True)


def article_message(record: ArticleRecord, page: bytes | None, extra_junk, site_profile: SiteProfile | None) -> bytes:
    return _pack({"kind": ARTICLE, "record": to_plain(record), "page": page, "extra_junk": list(extra_junk or ()),
                  "site_profile": to_plain(site_profile)})


def failed_message(record: ArticleRecord, page: bytes | None, error: str) -> bytes:
    return _pack({"kind": FAILED, "record": to_plain(record), "page": page, "error": error})


def crawl_message(run: dict) -> bytes:
    return _pack({"kind": CRAWL, "run": run})


def read_message(raw: bytes) -> dict:
    """The message as a map, its record and template as dataclasses again."""
    try:
        message = msgpack.unpackb(raw, raw=False, strict_map_key=False)
    except Exception as exc:  # msgpack raises several unrelated types for bad input
        raise MessageError(f"not a newscrawl message ({type(exc).__name__})") from None
    if not isinstance(message, dict) or not isinstance(message.get("v"), int):
        raise MessageError("not a newscrawl message (no version)")
    if message["v"] > VERSION:
        raise MessageError(f"message format {message['v']} is newer than this newscrawl reads ({VERSION}): "
                           "upgrade the writer")
    if message.get("kind") not in KINDS:
        raise MessageError(f"unknown message kind {message.get('kind')!r}")
    try:
        if "record" in message:
            message["record"] = from_plain(ArticleRecord, message["record"])
        if message.get("site_profile") is not None:
            message["site_profile"] = from_plain(SiteProfile, message["site_profile"])
    except (TypeError, ValueError, KeyError) as exc:
        raise MessageError(f"{message['kind']} message: {' '.join(str(exc).split())[:200]}") from None
    return message


def queued_at(raw: bytes) -> float | None:
    """When a message was pushed, without decoding its record."""
    try:
        message = msgpack.unpackb(raw, raw=False, strict_map_key=False)
        return float(message["queued_at"])
    except Exception:
        return None


def profile_bytes(profile: SiteProfile) -> bytes:
    """A learned template as the writer publishes it to the crawlers."""
    return msgpack.packb({"v": VERSION, "profile": to_plain(profile)}, use_bin_type=True)


def read_profile(raw: bytes) -> SiteProfile | None:
    try:
        message = msgpack.unpackb(raw, raw=False, strict_map_key=False)
        if message.get("v", 0) > VERSION:
            return None
        return from_plain(SiteProfile, message["profile"])
    except Exception:
        return None  # an unreadable template: the page is cleaned without one
