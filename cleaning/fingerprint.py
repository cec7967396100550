"""Content fingerprints: an exact hash of the cleaned text."""

from __future__ import annotations

import hashlib
import re

_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    return _WORD.findall((text or "").lower())


def content_hash(text: str) -> str:
    """Same words in the same order → same hash, whatever the spacing or case."""
    return hashlib.sha256(" ".join(words(text)).encode("utf-8")).hexdigest()
