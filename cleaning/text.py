"""Character-level hygiene: mojibake, entities, invisible marks, white space."""

from __future__ import annotations

import html
import re
import unicodedata

import ftfy

# Keep curly quotes and character widths: they are the text's own.
_FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False, explain=False)

# Zero-width and bidi control characters; they carry no text and break matching.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]")


def fix_encoding(text: str, page) -> str:
    """Repair mojibake and leftover HTML entities, then NFC."""
    fixed = ftfy.fix_text(text, config=_FTFY_CONFIG)
    if "&" in fixed:
        fixed = html.unescape(fixed)
    fixed = unicodedata.normalize("NFC", fixed)
    if fixed != text:
        page.record("fix_encoding", "replaced", text if len(text) < 200 else "", "")
    return fixed


def strip_invisible(text: str, page) -> str:
    stripped = _INVISIBLE.sub("", text)
    if stripped != text:
        page.record("strip_invisible", "removed", f"{len(text) - len(stripped)} characters")
    return stripped


def normalize_whitespace(text: str, page) -> str:
    lines = [" ".join(line.split()) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    result = "\n".join(out).strip()
    return result
