"""Character-level hygiene: mojibake, entities, leaked markup, invisible
marks, white space."""

from __future__ import annotations

import functools
import html
import re
import unicodedata

import ftfy
import regex
import ftfy.bad_codecs  # noqa: F401  (registers the sloppy code pages)

from cleaning import words
from cleaning.context import PageContext, Report

# Keep curly quotes and character widths: they are the text's own.
_FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False, explain=False)

# Zero-width spaces, word joiners and bidi controls carry no text and break
# matching. The joiners U+200C/U+200D stay: Persian and Indic spelling and
# emoji sequences need them; so does the soft hyphen, which is a hyphenation
# hint the text's author placed.
_INVISIBLE = re.compile("[\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def _mojibake_pattern(codecs: tuple[str, ...]) -> tuple[re.Pattern, dict[str, list[int]]]:
    """UTF-8 read as a single-byte code page ftfy does not try (ISO-8859-16,
    and cp1250 when the page mixes it with clean text): every two- or
    three-byte UTF-8 sequence shows as a lead character from the code page's
    C2–EF range followed by continuation characters from its 80–BF range."""
    byte_of: dict[str, list[int]] = {}
    leads2, leads3, conts = set(), set(), set()
    for codec in codecs:
        for value in range(0x80, 0x100):
            try:
                char = bytes([value]).decode(codec)
            except UnicodeDecodeError:
                continue
            if unicodedata.category(char) in ("Cc", "Cf"):
                continue
            byte_of.setdefault(char, []).append(value)
            if 0xC2 <= value <= 0xDF:
                leads2.add(char)
            elif 0xE0 <= value <= 0xEF:
                leads3.add(char)
            elif 0x80 <= value <= 0xBF:
                conts.add(char)
    # A continuation byte A0 (no-break space) is often folded to a plain space.
    cont = "(?:[" + re.escape("".join(sorted(conts))) + "]| (?=[^\\W\\d_]))"
    pattern = re.compile(
        "(?:[" + re.escape("".join(sorted(leads3))) + "]" + cont + "{2}|[" + re.escape("".join(sorted(leads2))) + "]" + cont + ")"
    )
    return pattern, byte_of


_MOJIBAKE, _MOJIBAKE_BYTES = _mojibake_pattern(("iso8859_16", "cp1250"))
# What a lost C1 byte leaves behind: "â" was the lead of ’ (E2 80 99) or – (E2 80 93).
_LOST_QUOTE = re.compile(r"(?<=[^\W\d_])â(?=[^\W\d_])")
_LOST_DASH = re.compile(r"(?<= )â(?= )")


def _decode_sequence(seq: str) -> str | None:
    options = [[0xA0] if ch == " " else _MOJIBAKE_BYTES.get(ch, []) for ch in seq]
    candidates = [b""]
    for choice in options:
        candidates = [c + bytes([b]) for c in candidates for b in choice]
    for raw in candidates:
        try:
            decoded = raw.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if len(decoded) == 1 and unicodedata.category(decoded)[0] in "LPSZ":
            return "\u00a0" if decoded == "\u00a0" else decoded
    return None


def _repair_line(line: str) -> str:
    fixed_any = False

    def repl(match: re.Match) -> str:
        nonlocal fixed_any
        seq = match.group(0)
        decoded = _decode_sequence(seq)
        if decoded is None:
            return seq
        fixed_any = True
        # The no-break-space byte was folded into the word space that
        # followed it ("Ă la" was "à la"): give the space back.
        return decoded + " " if seq.endswith(" ") else decoded

    repaired = _MOJIBAKE.sub(repl, line)
    if not fixed_any:
        return line
    # Only a line that had mojibake can have lost its C1 bytes.
    repaired = _LOST_QUOTE.sub("’", repaired)
    return _LOST_DASH.sub("–", repaired)


# One pass of the repairs can reveal another layer ("&amp;amp;", mojibake
# of mojibake): repeated until the text stops changing, at most this often.
MAX_ENCODING_PASSES = 4


# Code pages a word's UTF-8 bytes are misread in, commonest first. Tried
# before ftfy, which reads UTF-8 misread as Hebrew, Arabic, Thai or KOI8
# pages as text, lets through a Greek or Arabic text read as Windows-1251,
# and can fix half a word's characters ("×گ×\u200dר"), leaving the rest
# undecodable.
# ftfy's "sloppy" code pages keep the bytes a page leaves undefined (as the
# C1 characters a misreading makes of them).
_WHOLE_WORD_CODECS = ("sloppy-windows-1252", "latin-1", "sloppy-windows-1251", "sloppy-windows-1253", "sloppy-windows-1250",
                      "sloppy-windows-1254", "sloppy-windows-1256", "sloppy-windows-1255", "sloppy-cp874", "koi8_r", "koi8_u")


# Code pages whose misreading of a Latin text is also a Latin text in
# another one: UTF-8 read as ISO-8859-16 ("frontiĂšre") reads as valid UTF-8
# from Windows-1250 too, to the wrong letter ("frontiÚre": the byte after C3
# is then 80–9F, a capital). A Latin word decoded from these is taken only
# when it has no capital after a small letter; another script (Greek,
# Hebrew, CJK read as Windows-1250) is taken as it is.
_AMBIGUOUS_CODECS = frozenset({"sloppy-windows-1250"})
_CAPITAL_INSIDE = regex.compile(r"\p{Ll}\p{Lu}")


def _plausible(decoded: list[str | None]) -> list[str | None]:
    return [None if word and _CAPITAL_INSIDE.search(word) and all(_script(ch) == "LATIN" for ch in word if ch.isalpha())
            else word for word in decoded]


@functools.cache
def _code_page_bytes(codec: str) -> tuple[re.Pattern, frozenset[str]]:
    """What a UTF-8 character looks like read in the code page: a lead
    (bytes C2–F4) followed by a continuation (80–BF); and the leads alone."""
    leads, conts = [], []
    for value in range(0x80, 0x100):
        try:
            char = bytes([value]).decode(codec)
        except UnicodeDecodeError:
            continue
        if 0xC2 <= value <= 0xF4:
            leads.append(char)
        elif value <= 0xBF:
            conts.append(char)
    pair = re.compile("[" + re.escape("".join(leads)) + "][" + re.escape("".join(conts)) + "]")
    return pair, frozenset(leads)


def _as_utf8(run: str, codec: str, layers: int = MAX_ENCODING_PASSES) -> str | None:
    """The run's bytes in the code page read as UTF-8; a C1 character in the
    result is the mark of one more layer, which must decode too."""
    try:
        decoded = run.encode(codec).decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    if decoded == run:
        return None
    if any(unicodedata.category(ch)[0] == "C" for ch in decoded):
        return _as_utf8(decoded, codec, layers - 1) if layers > 1 and any("\x80" <= ch <= "\x9f" for ch in decoded) else None
    return decoded


def _zipf(word: str, language: str) -> float:
    """A word's frequency; a lone letter counts as no word (lists hold them all)."""
    word = _EDGE_PUNCTUATION.sub("", word)
    return words.zipf(word, language) if len(word) > 1 else 0.0


_EDGE_PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$")


def _script(char: str) -> str:
    """The script of a letter, as the first word of its Unicode name."""
    return unicodedata.name(char, "?").split(" ", 1)[0]


def _repair_word_mojibake(line: str) -> str:
    """A word whose bytes, written back in one code page, are valid UTF-8 was
    UTF-8 read as that page: "ط§ظ„ط­ظƒظˆظ…ط©" (Arabic read as Windows-1256),
    "Ч”Ч©ЧЁ" (Hebrew as Windows-1251). Text in the code page itself is almost
    never valid UTF-8 once a word has two letters outside ASCII. The byte A0
    (a no-break space to the code page) is often folded into a space: inside
    a word ("×©× ×™") it joins the next, before an ASCII word ("Г  Paris", "à
    Paris") it was the last byte of the character before the space."""
    for codec in _WHOLE_WORD_CODECS:
        pair, leads = _code_page_bytes(codec)
        if not pair.search(line):
            continue
        tokens = line.split(" ")
        decoded = [_as_utf8(t, codec) if pair.search(t) else None for t in tokens]
        if codec in _AMBIGUOUS_CODECS and any(decoded):
            decoded = _plausible(decoded)
        # Guesses about a lost A0 only on a line where a whole word decoded:
        # a Russian "И" or "(я" is no evidence.
        if not any(decoded):
            continue
        scripts = {_script(ch) for word in decoded if word for ch in word if ch.isalpha()}
        out: list[str] = []
        index = 0
        language = None
        while index < len(tokens):
            token, fixed = tokens[index], decoded[index]
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            index += 1
            if fixed is None and token and (token[-1] in leads or pair.search(token)):
                alone = _as_utf8(token + "\xa0", codec)
                # A letter alone before a space may be a word ("Ο", "И"):
                # only an accented Latin one ("à") is guessed.
                if alone and not (alone[-1].isalpha() and (len(token) > 1 or "\u00c0" <= alone <= "\u017f")):
                    alone = None
                joined = _as_utf8(token + "\xa0" + following, codec) if following else None
                if joined and (alone or following[0].isascii()):
                    # The A0 was inside a word ("שנ י" is "שני", "đà m" is
                    # "đàm") or before a space ("것이라고 말했다", "à Paris"):
                    # the word list decides.
                    if language is None:
                        language = words.guess_language(" ".join(d for d in decoded if d)) or ""
                    after = decoded[index] or following
                    score = _zipf(joined, language)
                    if score <= 0 or alone and score < min(_zipf(alone, language), _zipf(after, language)):
                        joined = None
                if joined:
                    fixed = joined
                    index += 1
                else:
                    fixed = alone
                # A guess must be in the script the line's sure words decoded to
                # (a Greek "Η" before a space is no "Ǡ").
                if fixed is not None and any(_script(ch) not in scripts for ch in fixed if ch.isalpha()):
                    fixed = None
                    index -= 1 if joined else 0
            out.append(token if fixed is None else fixed)
        line = " ".join(out)
    return line


def _repair_code_page_mojibake(text: str) -> str:
    if "Ă" not in text and "Â" not in text and "Ĺ" not in text:
        return text
    return "\n".join(_repair_line(line) if ("Ă" in line or "Ĺ" in line) else line for line in text.split("\n"))


# ASCII control characters ftfy removes or rewrites (tab and newline stay).
_ASCII_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def _is_plain(segment: str) -> bool:
    """Plain ASCII without entities or control characters: nothing for ftfy to fix."""
    return segment.isascii() and "&" not in segment and not _ASCII_CONTROL.search(segment)


def _ftfy(text: str) -> str:
    """ftfy's fix_text, which fixes each line on its own, not run on the
    plain lines. (A "<" anywhere changes how it treats entities in the
    lines after it: such a text goes to it whole.)"""
    if "<" in text or len(text) > _FTFY_CONFIG.max_decode_length:
        return ftfy.fix_text(text, config=_FTFY_CONFIG)
    lines = text.split("\n")
    out: list[str] = []
    pending: list[str] = []
    for index, line in enumerate(lines):
        segment = line + "\n" if index < len(lines) - 1 else line
        if _is_plain(segment):
            if pending:
                out.append(ftfy.fix_text("".join(pending), config=_FTFY_CONFIG))
                pending = []
            out.append(segment)
        else:
            pending.append(segment)
    if pending:
        out.append(ftfy.fix_text("".join(pending), config=_FTFY_CONFIG))
    return "".join(out)


# Escapes an export or a double encoding left as characters: "_x000D_" (an
# Office carriage return), "\u00e9" (a JSON escape); "&amp;amp;" is an
# entity escaped twice.
_OFFICE_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_JSON_ESCAPE = re.compile(r"\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})|\\u([0-9a-fA-F]{4})")
_ESCAPED_WHITESPACE = {"\r": "\n", "\n": "\n", "\t": " "}


def repeat_until_stable(repair, text: str, limit: int = MAX_ENCODING_PASSES) -> str:
    """Apply a repair until the text stops changing (at most ``limit`` times):
    one pass can reveal the next layer, and a cleaned text must go through
    a cleaner unchanged."""
    for _ in range(limit):
        fixed = repair(text)
        if fixed == text:
            break
        text = fixed
    return text


def _escaped_char(code: int) -> str | None:
    char = chr(code)
    if char in _ESCAPED_WHITESPACE:
        return _ESCAPED_WHITESPACE[char]
    category = unicodedata.category(char)
    return None if category[0] == "C" else char


# A line break written as its escape ("late.\\nNobody", "said\\r\\n\\r\\nThe"),
# after a word or a sentence's end and before a capital, a digit, another
# break or the end: a quoted "\\n" in code ('printf("\\n")') has a quote on
# both sides, a path ("C:\\new") a lower-case letter after.
_LITERAL_BREAK = regex.compile(r'(?<=[\p{L}\p{M}\d.!?:;,”»)\]])(?:\\r)?\\n(?=\p{Lu}|\d|\\r|\\n|[ \t]*$|[ \t]+\p{Lu})', regex.MULTILINE)


def _decode_line_breaks(text: str) -> str:
    fixed = _LITERAL_BREAK.sub("\n", text)
    # An escape left at the start of the next break's line: "\\n\\nThe".
    while fixed != text:
        text, fixed = fixed, regex.sub(r"(?m)^(?:\\r)?\\n(?=\p{Lu}|\\r|\\n|$)", "\n", fixed)
    return fixed


def _decode_escapes(text: str) -> str:
    if "\\n" in text:
        text = _decode_line_breaks(text)
    if "_x" in text:
        text = _OFFICE_ESCAPE.sub(lambda m: _escaped_char(int(m.group(1), 16)) or m.group(0), text)
    if "\\u" in text:

        def json_escape(match: re.Match) -> str:
            if match.group(3):
                return _escaped_char(int(match.group(3), 16)) or match.group(0)
            high, low = int(match.group(1), 16), int(match.group(2), 16)
            return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))

        text = _JSON_ESCAPE.sub(json_escape, text)
    if "u0" in text or "u2" in text:
        text = _BARE_JSON_ESCAPE.sub(_bare_escape, text)
    return text


# A JSON escape that lost its backslash: "du00e9claré" became
# "du00e9claru00e9", "Obamau2019s". Taken only inside or at the edge of a
# word, and only for the letters and typographic marks of the scripts a
# feed writes so (an identifier like "u1234" decodes to neither).
_BARE_JSON_ESCAPE = re.compile(r"(?<=[^\W\d_])u([0-9a-fA-F]{4})|u([0-9a-fA-F]{4})(?=[^\W\d_])")
_BARE_ESCAPE_RANGES = ((0x00C0, 0x024F), (0x0370, 0x03FF), (0x0400, 0x04FF), (0x0590, 0x05FF), (0x0600, 0x06FF),
                       (0x2013, 0x2014), (0x2018, 0x201E), (0x2026, 0x2026))


def _bare_escape(match: re.Match) -> str:
    code = int(match.group(1) or match.group(2), 16)
    return chr(code) if any(low <= code <= high for low, high in _BARE_ESCAPE_RANGES) else match.group(0)


# Named entities a page wrote without their semicolon ("&rsquo", "&hellip"):
# html.unescape only knows the few HTML allows so.
_ENTITY_WITHOUT_SEMICOLON = re.compile(r"&(rsquo|lsquo|rdquo|ldquo|bdquo|ndash|mdash|hellip|laquo|raquo|apos|eacute|egrave|agrave|ccedil)(?![;\w])")


# A numeric entity that lost its "&": "It#8217;s", "#8220;deal#8221;".
# Only the codes of typographic marks and Latin letters: "Issue #2019;" stays.
_BARE_ENTITY = re.compile(r"(?<![&#\d])#(\d{3,4});")
_BARE_ENTITY_CODES = frozenset(range(8211, 8231)) | frozenset(range(192, 256)) | {338, 339, 352, 353, 376, 8364}
# UTF-8 of ” (E2 80 9D) read as Windows-1252 loses its last byte, which that
# page leaves undefined: "â€" is left. Between letters it was ’ (E2 80 99).
_LOST_CLOSING_QUOTE = regex.compile(r"(?<=[\p{L}\p{N}.,!?])â€(?=[\s.,;:!?)\]]|$)", regex.MULTILINE)
_LOST_APOSTROPHE = regex.compile(r"(?<=\p{L})â€(?=\p{L})")


def _fix_lost_bytes(text: str) -> str:
    if "#" in text:
        text = _BARE_ENTITY.sub(lambda m: chr(int(m.group(1))) if int(m.group(1)) in _BARE_ENTITY_CODES else m.group(0), text)
    if "â€" in text:
        text = _LOST_APOSTROPHE.sub("’", _LOST_CLOSING_QUOTE.sub("”", text))
    return text


def _fix_encoding_once(text: str) -> str:
    fixed = _decode_escapes(text)
    # Plain ASCII has no mojibake for ftfy to find.
    if not fixed.isascii():
        fixed = "\n".join(_repair_word_mojibake(line) if not line.isascii() else line for line in fixed.split("\n"))
    # After the whole words: in a page read as Windows-1250 "â€ť" is a whole ”,
    # not the "â€" of a lost byte before a letter.
    fixed = _fix_lost_bytes(fixed)
    fixed = fixed if fixed.isascii() else _ftfy(fixed)
    fixed = _repair_code_page_mojibake(fixed)
    if "&" in fixed:
        fixed = html.unescape(_ENTITY_WITHOUT_SEMICOLON.sub(r"&\1;", fixed))
    return unicodedata.normalize("NFC", fixed)


def fix_encoding(text: str, page: PageContext, report: Report) -> str:
    """Repair mojibake (in as many layers as there are), escapes and leftover
    HTML entities, then NFC."""
    fixed = repeat_until_stable(_fix_encoding_once, text)
    if fixed != text:
        report.record_lines("fix_encoding", text, fixed)
    return fixed


def strip_invisible(text: str, page: PageContext, report: Report) -> str:
    stripped = _INVISIBLE.sub("", text)
    if stripped != text:
        report.record("strip_invisible", "removed", f"{len(text) - len(stripped)} characters")
    return stripped


# Escaped ("&lt;br&gt;", "&amp;lt;br&amp;gt;") as well: entities are decoded
# after this rule, and a tag they reveal must not outlive it.
_LT, _GT = r"(?:<|&(?:amp;)*lt;)", r"(?:>|&(?:amp;)*gt;)"
# A CDATA section, with the comment marks a script wraps it in ("//<![CDATA[").
_CDATA = re.compile(r"(?:/[/*][ \t]*)?<!\[CDATA\[(.*?)(?:/[/*][ \t]*)?\]\]>(?:[ \t]*\*/)?", re.DOTALL)
# Half a CDATA section, as a script's "//<![CDATA[" or a feed's cut "]]>";
# an HTML comment.
# (The "<" or "!" of its opening may be lost with a tag stripped before.)
_MARKUP_LEFTOVER = re.compile(
    r"(?:/[/*]\s*)?(?:(?:" + _LT + r")?!?\[CDATA\[|\]\]" + _GT + r")(?:\s*\*/)?|" + _LT + "!--.*?--" + _GT, re.DOTALL
)
# A CDATA section whose "<" was lost: "![CDATA[text]]".
_BARE_CDATA = re.compile(r"(?<!<)(?<!lt;)(?:!|(?<!!))\[CDATA\[(.*?)\]\](?!>|&(?:amp;)*gt;)", re.DOTALL)
# A WordPress shortcode a feed left unexpanded: "[caption id=… width=300]",
# "[/caption]", "[embed]", "[vc_row]". The text between stays.
_SHORTCODE = re.compile(
    r"\[(?P<close>/)?(?P<name>caption|embed|gallery|video|audio|playlist|iframe|youtube|tweet|wp_\w+|vc_\w+|et_pb_\w+|su_\w+|fusion_\w+|tie_\w+)"
    r"(?P<attributes>(?:\s+[\w-]+=(?:\"[^\"\]\n]{0,300}\"|'[^'\]\n]{0,300}'|[^\s\]]{1,300}))*)\s*/?\]"
)


def _shortcode(match: re.Match) -> str:
    """A shortcode with attributes, a closing one, or one the text closes;
    "[video]" alone in a sentence may be the text's own bracket."""
    if match.group("attributes") or match.group("close") or f"[/{match.group('name')}]" in match.string:
        return " "
    return match.group(0)
# The elements of an article's body and its layout; attribute values may
# hold "&" inside their quotes.
_TAG = re.compile(
    _LT + r"/?(?:p|br|hr|div|span|strong|em|b|i|u|s|a|img|figure|figcaption|picture|source|video|audio|iframe|embed"
    r"|h[1-6]|ul|ol|li|dl|dt|dd|blockquote|q|cite|small|big|sup|sub|mark|font|center|strike|del|ins|abbr|time|wbr"
    r"|table|thead|tbody|tfoot|tr|td|th|caption|section|article|header|footer|aside|nav|main|o:p"
    r"|noscript|label|button|form|svg|template)(?![\w:-])"
    r"""(?:[^<>&"']|"[^"<>]{0,300}"|'[^'<>]{0,300}'){0,300}?/?""" + _GT,
    re.IGNORECASE,
)
# Any other element, when its shape leaves no doubt: a closing tag, or an
# opening one with a quoted attribute ("<amp-img src="…">", "</fb:like>").
_ANY_TAG = re.compile(r"</[a-z][a-z0-9]*(?:[:-][a-z0-9]+)*\s*>|<[a-z][a-z0-9]*(?:[:-][a-z0-9]+)*(?:\s+[\w:-]+=\"[^\"<>]{0,300}\")+\s*/?>")
# A script or style block leaked whole: its code is no text.
_CODE_BLOCK = re.compile(r"<(script|style)\b[^>]{0,300}>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
# \’ \' \" left by a double escape in a database dump.
_BACKSLASH = re.compile(r"\\+(?=[’'\"‘“”])")
# SQL-escaped apostrophe between two letters: Gazze''nin.
_SQL_QUOTE = re.compile(r"(?<=[^\W\d_])''(?=[^\W\d_])")
# Markdown bold or italics markers around a phrase that the page never rendered.
_MARKDOWN = re.compile(r"\*\*(?=\S)([^*\n]{1,200}?)(?<=\S)\*\*")


def _fix_markup_once(text: str) -> str:
    fixed = _BARE_CDATA.sub(r"\1", _CDATA.sub(r"\1", text)) if "CDATA" in text else text
    if "[" in fixed and "]" in fixed:
        unwrapped = _SHORTCODE.sub(_shortcode, fixed)
        if unwrapped != fixed:
            fixed = re.sub(r"[ \t]{2,}", " ", unwrapped)
    if "]]" in fixed or "![" in fixed or "!--" in fixed:
        fixed = _MARKUP_LEFTOVER.sub("", fixed)
    if "<" in fixed or "lt;" in fixed:
        untagged = _CODE_BLOCK.sub(" ", fixed) if "</" in fixed else fixed
        untagged = _TAG.sub(" ", untagged)
        if "<" in untagged:
            untagged = _ANY_TAG.sub(" ", untagged)
        if untagged != fixed:
            # One space where tags were, as the encoding repair expects.
            fixed = re.sub(r"[ \t]{2,}", " ", untagged)
    if "\\" in fixed:
        fixed = _BACKSLASH.sub("", fixed)
    if "''" in fixed:
        fixed = _SQL_QUOTE.sub("'", fixed)
    if "**" in fixed:
        fixed = _MARKDOWN.sub(r"\1", fixed)
    return fixed


def fix_markup(text: str, page: PageContext, report: Report) -> str:
    """Markup that leaked into the text as characters (nested leftovers too:
    a tag removed can close up the halves of another)."""
    fixed = repeat_until_stable(_fix_markup_once, text)
    if fixed != text:
        report.record_lines("fix_markup", text, fixed)
    return fixed


# "????" where an emoji was lost to a narrow encoding; a "?" after a word is
# punctuation and stays.
_LOST_EMOJI = re.compile(r"(?:(?<=\s)|^)\?{2,}(?:\s+|$)", re.MULTILINE)


def remove_lost_emoji(text: str, page: PageContext, report: Report) -> str:
    if "??" not in text:
        return text
    fixed = _LOST_EMOJI.sub("", text)
    if fixed != text:
        report.record("remove_lost_emoji", "removed", "?" * 4)
        # The marks stood between the bytes of a mojibake sequence ("Ă ?? Ă").
        fixed = repeat_until_stable(_fix_encoding_once, fixed)
    return fixed


# What becomes one space: a run of space characters, or one that is not a
# plain space (a plain space alone stays as it is, and most are alone).
_SPACES = re.compile("[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
# In a text with mojibake, a no-break space after a Latin-1 character is the
# byte 0xA0 of a UTF-8 character read as Windows-1252 ("à¸\u00a0" in Thai,
# "â€\u00a0" in any text mangled twice): made a space, it would hide the
# mojibake from the repair, which runs after this.
_MOJIBAKE_SIGN = re.compile("[ÃÂØÙ][\u0080-\u00bf]|à[\u00a4\u00a5\u00b8\u00b9]|â€")
# (The characters Windows-1252 puts at 0x80-0x9F count as Latin-1 here.)
_LATIN1 = "\u0080-\u00ff€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_SPACES_KEEPING_BYTES = re.compile(
    f"(?:[ \t\u2000-\u200a\u202f\u205f\u3000]|(?<![{_LATIN1}])\u00a0)"
    f"(?:[ \t\u2000-\u200a\u202f\u205f\u3000]|(?<![{_LATIN1}])\u00a0)+"
    f"|[\t\u2000-\u200a\u202f\u205f\u3000]|(?<![{_LATIN1}])\u00a0")


def normalize_whitespace(text: str, page: PageContext, report: Report) -> str:
    """One space inside lines, no blank-line runs, no spaces at line ends."""
    spaces = _SPACES_KEEPING_BYTES if "\u00a0" in text and _MOJIBAKE_SIGN.search(text) else _SPACES
    text = spaces.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [line.strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()
