"""Page junk: whole lines and trailing blocks that are the site's, not the
article's — comment forms, share and follow widgets, "read more" links,
related-post lists, breadcrumbs, counters, copyright lines, site headers.

The phrases are in one file per junk family, ``data/junk/<family>.txt``
(matched by ``cleaning/families.py``, which says how each family is
applied); the regular expressions for what a phrase cannot name are in
``data/junk_*.txt``, ``data/newsletter_prompts.txt`` and
``data/header_patterns.txt``. All languages are applied to every page: a
comment form in English under an Arabic article is junk too.
``Page.extra_phrases`` adds per-source phrases.

A junk block (a comment form, a related-posts list) goes as a block only
when it ends the text, other junk aside; in the middle of the text only the
heading goes, so article paragraphs are never taken with it.
"""

from __future__ import annotations

import functools
import re

from cleaning.context import PageContext, Report, shorten
from cleaning.families import MAX_LINE_CHARS, MODES, Cut, first_word, junk_families, normalize_words, phrase_index
from cleaning.lexicon import data_lines

# Stripped from both ends of a line before comparing it with a phrase.
_EDGE = " \t-–—•·|:;.,!?…*>»«<›‹()[]{}\"'“”‘’/#@→←↑↓▲▼►◄▶◀+=~_"
_SPACE = re.compile(r"\s+")


def normalize_phrase(line: str) -> str:
    return _SPACE.sub(" ", line.casefold()).strip(_EDGE).strip()


def _compile_alternation(name: str) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in data_lines(name)), re.IGNORECASE)


@functools.cache
def junk_line_pattern() -> re.Pattern:
    return _compile_alternation("junk_patterns.txt")


@functools.cache
def site_description_pattern() -> re.Pattern:
    return _compile_alternation("site_descriptions.txt")


@functools.cache
def newsletter_pattern() -> re.Pattern:
    return _compile_alternation("newsletter_prompts.txt")


def _is_box_heading(line: str) -> bool:
    """"Our Weekly Letter": a few words with no sentence end, the title of a
    signup box."""
    stripped = line.strip()
    return 0 < len(stripped) <= 60 and len(stripped.split()) <= 6 and stripped[-1:] not in ".!?:;,…\"”»'’"


@functools.cache
def header_pattern() -> re.Pattern:
    return _compile_alternation("header_patterns.txt")


@functools.cache
def inline_patterns() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p, re.IGNORECASE | re.MULTILINE) for p in data_lines("junk_inline.txt"))


@functools.cache
def _allowed(*modes: str) -> frozenset[str]:
    return junk_families().with_modes(*modes)


# Scripts that say in one letter what Latin says in two or three: a
# paragraph of Japanese or Thai is shorter in characters than one of English.
_DENSE = re.compile("[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_PARAGRAPH_END = ".!?。！？।॥۔؟\"”»'’」』"


def _width(text: str) -> int:
    """A line's length in Latin letters: a CJK, kana, hangul or Thai letter
    counts twice."""
    if text.isascii():
        return len(text)
    return len(text) + len(_DENSE.findall(text))


def is_paragraph(line: str) -> bool:
    """A line that reads as article prose rather than a label or a title: long,
    or fairly long and ending a sentence (in any script's full stop)."""
    stripped = line.strip()
    width = _width(stripped)
    if width >= 120:
        return True
    return width >= 60 and stripped[-1:] in _PARAGRAPH_END


def header_end(lines: list[str], limit: int = 15) -> int:
    """Index of the first paragraph: the lines above it are the page header."""
    slogan = header_pattern()
    for index, line in enumerate(lines[:limit]):
        if is_paragraph(line) and not slogan.fullmatch(line.strip()):
            return index
    return min(len(lines), limit) if len(lines) > limit else 0


# ---------------------------------------------------------------------------

def remove_template_fields(text: str, page: PageContext, report: Report) -> str:
    """Blog templates that restate the post: "Title : …", "Link : …" when
    the value is another line of the page or its title, and the template's
    sentences ("You are now reading the article … with the link address …")."""
    families = junk_families()
    allowed = _allowed("field")
    starts = families.first_words(allowed)
    lines = text.split("\n")
    others: set[str] | None = None
    kept = []
    for line in lines:
        if line.strip() and len(line) <= 3 * MAX_LINE_CHARS and first_word(line) in starts:
            words = normalize_words(line)
            label = families.index.longest_prefix(words, allowed)
            if label is not None and label.phrase.endswith(":"):
                # A field: junk when its value restates another line.
                if others is None:
                    others = {" ".join(normalize_words(other)) for other in [*lines, page.title or ""]}
                value = " ".join(words[len(label.phrase.split(" ")) :])
                if value and value in others:
                    report.record("remove_template_fields", "removed", shorten(line))
                    continue
            elif families.index.match_words(words, allowed, segments=False) is not None:
                report.record("remove_template_fields", "removed", shorten(line))
                continue
        kept.append(line)
    return "\n".join(kept)


# ---------------------------------------------------------------------------

_NAV_SEPARATOR = re.compile(r"\s*[>»›/|]\s*")


def _is_doubled_logo(line: str) -> bool:
    """"The PostThe Post", "Site Site": a logo and its alt text side by side."""
    stripped = line.strip()
    if not 4 <= len(stripped) <= 80:
        return False
    half = len(stripped) // 2
    if len(stripped) % 2 == 0 and stripped[:half] == stripped[half:]:
        return True
    return len(stripped) % 2 == 1 and stripped[:half] == stripped[half + 1 :] and stripped[half] == " "


def remove_site_header(text: str, page: PageContext, report: Report) -> str:
    """Site name, slogan, navigation and search widgets above the article.

    A navigation marker ("Skip to content", "Toggle navigation") in the
    header means the short lines above it are the site's masthead too. A
    one-word marker ("Menu", "Search", "Login") is that only beside another
    one: alone under a headline it is a stray link, which goes by itself."""
    lines = text.split("\n")
    end = header_end(lines)
    if end == 0:
        return text
    families = junk_families()
    markers = _allowed("header")
    pattern = header_pattern()
    drop: set[int] = set()
    last_marker = -1
    found = 0
    strong = False
    for index in range(end):
        line = lines[index].strip()
        if not line:
            continue
        match = families.match_line(line, markers, segments=False)
        if match is not None:
            last_marker = index
            found += 1
            strong = len(match.phrase.split()) >= 2
        elif pattern.fullmatch(line) or _is_doubled_logo(line):
            drop.add(index)
    if last_marker >= 0 and (strong or found >= 2):
        drop.update(i for i in range(last_marker + 1) if lines[i].strip() and len(lines[i]) <= 120)
    if not drop:
        return text
    for index in sorted(drop):
        report.record("remove_site_header", "removed", shorten(lines[index]))
    return "\n".join(line for i, line in enumerate(lines) if i not in drop)


# ---------------------------------------------------------------------------

# Tags glued into one line by a template: "politicsbreakingFederal Courtresolution".
_GLUED_TAGS = re.compile(r"^(?=.{16,80}$)(?=.* )[a-z][a-z]+[a-z]{2}[A-Z][\w ]*$")
# "Site NameSection:" glued in front of a paragraph: "Iran PressMiddle East: …".
_GLUED_LABEL = re.compile(
    r"^(?P<label>(?:[A-Z][\w'’-]*\s){0,3}[A-Z][a-z]+[a-z][A-Z][a-z][\w'’-]*(?:\s[A-Z][\w'’-]*){0,3})\s*:\s+(?=[A-Z\"“])"
)
# A feed or site name left after the last sentence of a paragraph:
# "… Shoukry stated. Israel National News - Arutz Sheva".
_NAME_TOKEN = r"(?:[A-Z][\w'’.&-]*|of|the|and|for|de|du|des|la|le|[/|–—-])"
_TRAILING_NAME = re.compile(r"(?<=[.!?”\"»])\s+(?P<name>" + _NAME_TOKEN + r"(?:\s+" + _NAME_TOKEN + r"){1,11})$")
_SEPARATOR_TOKEN = re.compile(r"(?:^|\s)[/|–—-](?:\s|$)")


def _camelcase_names() -> frozenset[str]:
    return frozenset(data_lines("camelcase_names.txt"))


def _trailing_name(line: str) -> str | None:
    match = _TRAILING_NAME.search(line)
    if not match:
        return None
    name = match.group("name")
    # "— Name" after a quote is its attribution, not a feed name.
    if name[:1] in "/|–—-":
        return None
    capitalised = sum(1 for word in name.split() if word[:1].isupper())
    if not _SEPARATOR_TOKEN.search(name) or capitalised < 2:
        return None
    # The rest must still be a sentence of its own.
    if len(line) - len(name) < 40:
        return None
    return name


# "© Anna Berg": a photographer's credit (with a year or a rights word it is
# a copyright line).
_CREDIT = re.compile(r"^(?:©|\(c\))\s*[^\W\d_][^\d]{1,60}$", re.IGNORECASE)
_RIGHTS = re.compile(r"rights|reserved|droits|derechos|rechte|diritti|direitos|права|hakları|الحقوق", re.IGNORECASE)


def _is_credit(line: str) -> bool:
    return bool(_CREDIT.match(line)) and not _RIGHTS.search(line)


def _is_caption(line: str) -> bool:
    """A few words naming what a picture shows, without a sentence end."""
    stripped = line.strip()
    return 10 <= len(stripped) <= 120 and len(stripped.split()) >= 2 and stripped[-1:] not in ".!?:;,…\"”»'’"


def _edges(lines: list[str]) -> tuple[int, int]:
    """Indexes of the first and last paragraph: the lines before the first
    and after the last are the page's edges; a text without a paragraph has
    no edges."""
    paragraphs = [i for i, line in enumerate(lines) if is_paragraph(line)]
    return (paragraphs[0], paragraphs[-1]) if paragraphs else (0, len(lines))


# "… Ver nota completa", "[…] Continuar": a few words after the ellipsis that
# ends a feed excerpt are the link to the rest, in whatever wording.
_LINK_AFTER_ELLIPSIS = re.compile(
    r"(?:…|\.{3}|\[\s*(?:…|\.{3})\s*\])\s+(?P<label>[^\W\d_][^.!?…:;,\"“”«»\n]{0,50}?)[\s»›→>]*$")
_MAX_LINK_WORDS = 5
_MIN_EXCERPT_CHARS = 60


def _link_label_after_ellipsis(line: str) -> int | None:
    """Where a link label after an excerpt's closing ellipsis starts; None
    when the paragraph does not end so. The label opens with a capital (or a
    letter of a script without case): "… and so on" goes on in lower case."""
    if "…" not in line[-60:] and "..." not in line[-60:]:
        return None
    match = _LINK_AFTER_ELLIPSIS.search(line)
    if match is None or match.start() < _MIN_EXCERPT_CHARS:
        return None
    label = match.group("label")
    if label[0].islower() or len(label.split()) > _MAX_LINK_WORDS:
        return None
    return match.start("label")


def _cut(line: str, cut: Cut, report: Report) -> str:
    report.record("remove_junk_lines", "removed", shorten(line[cut.start : cut.end].strip()))
    return (line[: cut.start] + line[cut.end :]).rstrip() if cut.start else line[cut.end :]


def remove_junk_lines(text: str, page: PageContext, report: Report) -> str:
    """Lines of a junk family (or a source's own junk phrases), regular
    junk shapes, and family phrases glued to a paragraph's start or end."""
    families = junk_families()
    anywhere = _allowed("line")
    at_edges = _allowed("line", "edge")
    # A line made of several phrases is junk even when one of them would
    # head a block: "Share Comments", "Related Posts Leave a Reply".
    several = _allowed("line", "header", "block", "list", "tail", "lead")
    several_at_edges = _allowed(*MODES)
    tails, leads = _allowed("tail"), _allowed("lead")
    headings = _allowed("block", "list")
    extra = phrase_index(tuple(page.extra_phrases)) if page.extra_phrases else None
    pattern = junk_line_pattern()
    camel = _camelcase_names()
    lines = text.split("\n")
    first, last = _edges(lines)
    final = max((i for i, line in enumerate(lines) if line.strip()), default=0)
    out = []
    for index, line in enumerate(lines):
        original = line
        for inline in inline_patterns():
            line = inline.sub("", line)
        if line != original:
            report.record("remove_junk_lines", "removed", shorten(original), shorten(line))
        stripped = line.strip()
        if not stripped:
            if not original.strip():
                out.append(line)
            continue
        if len(stripped) <= 250 and newsletter_pattern().fullmatch(stripped):
            report.record("remove_junk_lines", "removed", shorten(stripped))
            if out and _is_box_heading(out[-1]):
                report.record("remove_junk_lines", "removed", shorten(out.pop().strip()))
            continue
        if len(stripped) <= 250:
            edge = index < first or index > last
            words = normalize_words(stripped)
            match = families.index.match_words(words, at_edges if edge else anywhere, True,
                                               several_at_edges if edge else several)
            # A heading of a block or a list is the next cleaner's: it may
            # take its block with it ("Tags" above the tags).
            if match is not None and families.index.match_words(words, headings, segments=False) is not None:
                match = None
                if not (extra is not None and extra.match_words(words)):
                    out.append(line)
                    continue
            if (
                match
                or (extra is not None and extra.match_words(words))
                or pattern.fullmatch(stripped)
                # A site's description of itself is a sentence, so it may be
                # the first or last "paragraph"; the article keeps the others.
                or (first < last and (index <= first or index >= last)
                    and site_description_pattern().fullmatch(stripped))
                or (_GLUED_TAGS.match(stripped) and not any(name in stripped for name in camel))
            ):
                report.record("remove_junk_lines", "removed", shorten(stripped))
                credit = (match is not None and match.family == "photo_credits") or _is_credit(stripped)
                if credit and out and _is_caption(out[-1]) and (len(out) == 1 or not out[-2].strip() or is_paragraph(out[-2])):
                    # The picture's caption just above its credit.
                    caption = out.pop().strip()
                    report.add_caption(caption)
                    report.record("remove_junk_lines", "moved", shorten(caption))
                continue
        lead = families.find_lead(line, leads)
        if lead is not None:
            line = _cut(line, lead, report)
        tail = families.find_tail(line, tails)
        if tail is not None:
            line = _cut(line, tail, report)
        # Only where an excerpt ends, the last paragraph or below it: mid-text,
        # an ellipsis before a few capitalised words can be the article's pause.
        link = _link_label_after_ellipsis(line) if index >= min(last, final) else None
        if link is not None:
            report.record("remove_junk_lines", "removed", line[link:].strip())
            line = line[:link].rstrip()
        label = _GLUED_LABEL.match(line)
        if label and not any(name in label.group("label") for name in camel):
            report.record("remove_junk_lines", "removed", label.group(0).strip())
            line = line[label.end() :]
        name = _trailing_name(line)
        if name:
            report.record("remove_junk_lines", "removed", name)
            line = line[: len(line) - len(name)].rstrip()
        out.append(line)
    return "\n".join(out)


# ---------------------------------------------------------------------------


def _is_link_title(line: str) -> bool:
    stripped = line.strip()
    return len(stripped) <= 220 and not is_paragraph(stripped)


def _is_shouting(line: str) -> bool:
    if len(line) < 20:
        return False
    # Prose shows its lower-case letters early: more than a tenth of the
    # line's length in them and nine in ten of its letters cannot be capitals.
    most, lower = len(line) / 10, 0
    for ch in line:
        if ch.isalpha() and not ch.isupper():
            lower += 1
            if lower > most:
                return False
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 20 and len(line.split()) >= 4 and sum(ch.isupper() for ch in letters) >= 0.9 * len(letters)


# "À lire aussi la natalité en baisse": a list heading of two words or more
# and the headline it links, without a colon between them.
_LINKED_HEADLINE_MIN_CHARS = 8
_LINKED_HEADLINE_MIN_WORDS = 2


def _is_linked_headline(line: str) -> bool:
    if len(line) > 220 or is_paragraph(line) or line.rstrip(_CLOSERS)[-1:] in ".;,":
        return False
    if first_word(line) not in junk_families().first_words(_allowed("list")):
        return False
    words = normalize_words(line)
    head = junk_families().index.longest_exact_head(words, _allowed("list"), _LINKED_HEADLINE_MIN_WORDS)
    if head is None or len(head.phrase) < _LINKED_HEADLINE_MIN_CHARS:
        return False
    return len(words) - len(head.phrase.split(" ")) >= _LINKED_HEADLINE_MIN_WORDS


_CLOSERS = "\"'”’»)] "


def remove_trailing_blocks(text: str, page: PageContext, report: Report) -> str:
    """Comment forms, related-post lists, author boxes, paywall offers and
    the next post's teaser.

    Headings are taken from the last one up, so a block followed only by
    other junk blocks (a related list above a comment form) ends the text
    once those are gone."""
    lines = text.split("\n")
    families = junk_families()
    headings = _allowed("block", "list")
    total = sum(len(line) for line in lines) or 1
    found: dict[int, str] = {}
    one_word: set[int] = set()
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or len(stripped) > 250:
            continue
        match = families.match_line(stripped, headings, segments=False)
        if match is not None:
            found[index] = match.family
            if len(match.phrase.split()) < 2:
                one_word.add(index)
            continue
        # "Also read: <title of another post>" on one line.
        head, sep, tail = stripped.partition(":")
        if sep and tail.strip() and len(stripped) <= 220:
            match = families.match_line(head, _allowed("list"), segments=False)
            if match is not None and match.kind == "exact":
                found[index] = ""
        elif not sep and _is_linked_headline(stripped):
            found[index] = ""
    drop: set[int] = set()
    for index in sorted(found, reverse=True):
        drop.add(index)
        name = found[index]
        if not name:
            continue
        rest = [i for i in range(index + 1, len(lines)) if lines[i].strip() and i not in drop]
        if not rest:
            continue
        if "block" in families.families[name].modes:
            # Everything after a comment-form heading is the form or the
            # comments, unless the heading sits above most of the text; a
            # one-word heading ("Reply", "Premium") takes only short lines.
            if sum(len(lines[i]) for i in rest) <= 0.4 * total and not (
                index in one_word and any(is_paragraph(lines[i]) for i in rest)
            ):
                drop.update(rest)
        elif all(_is_link_title(lines[i]) for i in rest) and len(rest) <= 15:
            drop.update(rest)
        elif lines[index].strip().endswith(":") and _is_link_title(lines[rest[0]]):
            drop.add(rest[0])

    # The next post's headline in capitals, and its teaser, at the very end.
    if not (page.title and _is_shouting(page.title)):
        body = [i for i in range(len(lines)) if lines[i].strip() and i not in drop]
        for position, i in enumerate(body):
            if position >= max(2, len(body) // 2) and _is_shouting(lines[i]):
                tail = body[position:]
                if sum(len(lines[j]) for j in tail) <= 800:
                    drop.update(tail)
                break

    if not drop:
        return text
    for i in sorted(drop):
        report.record("remove_trailing_blocks", "removed", shorten(lines[i]))
    return "\n".join(line for i, line in enumerate(lines) if i not in drop)


# ---------------------------------------------------------------------------


def remove_category_labels(text: str, page: PageContext, report: Report) -> str:
    """Category and tag labels in the header: a short line of capitalised
    words that are the page's own categories, or (when the page does not say)
    words the article itself is about."""
    lines = text.split("\n")
    end = header_end(lines)
    if end == 0:
        return text
    known = {normalize_phrase(name) for name in [*page.categories, *page.tags] if name}
    body = " ".join(lines[end:]).casefold()
    first = next((i for i, line in enumerate(lines) if line.strip()), -1)
    drop = []
    for index in range(end):
        line = lines[index].strip()
        if not line or index == first:
            continue
        words = line.split()
        normalized = normalize_phrase(line)
        if known and (normalized in known or all(normalize_phrase(w) in known for w in words)):
            drop.append(index)
            continue
        if not 1 <= len(words) <= 4 or not all(w[:1].isupper() and w.isalpha() for w in words):
            continue
        if len(words) >= 2 and all(body.count(w.casefold()[: max(4, len(w) - 2)]) >= 2 for w in words):
            drop.append(index)
    if not drop:
        return text
    for index in drop:
        report.record("remove_category_labels", "removed", lines[index].strip())
    return "\n".join(line for i, line in enumerate(lines) if i not in set(drop))


# ---------------------------------------------------------------------------
# Junk in another script than the article's


def _script(text: str) -> str | None:
    """The dominant script of a text, by letters: latin, arabic, cyrillic,
    greek, hebrew, cjk, other; None without letters."""
    counts: dict[str, int] = {}
    for ch in text:
        if not ch.isalpha():
            continue
        code = ord(ch)
        if code < 0x250:
            name = "latin"
        elif 0x370 <= code < 0x400:
            name = "greek"
        elif 0x400 <= code < 0x530:
            name = "cyrillic"
        elif 0x590 <= code < 0x600:
            name = "hebrew"
        elif 0x600 <= code < 0x780 or 0xFB50 <= code < 0xFF00:
            name = "arabic"
        elif 0x3040 <= code < 0xA000 or 0xAC00 <= code < 0xD7B0:
            name = "cjk"
        else:
            name = "other"
        counts[name] = counts.get(name, 0) + 1
    return max(counts, key=counts.get) if counts else None


def _headline_like(line: str) -> bool:
    stripped = line.strip().lstrip("-–—•·*▪► ").strip()
    return 0 < len(stripped) <= 150 and stripped[-1:] not in ".!?。؟！？:"


_BULLET = re.compile(r"^\s*[-–—•·*▪►]\s+\S")


def remove_foreign_script_tail(text: str, page: PageContext, report: Report) -> str:
    """A closing run of headline-like lines in another script than the
    article — the theme's "latest news" list in the site's other edition —
    is page furniture, not the story. Same-script lines join the run only as
    bullets of a list that also holds foreign lines (a mixed "latest" list)."""
    lines = text.split("\n")
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    # Most articles end in a sentence: no need to read the whole text.
    if not end or not _headline_like(lines[end - 1]):
        return text
    article_script = _script(text)
    if article_script is None:
        return text
    start = end
    foreign = 0
    while start > 0:
        line = lines[start - 1]
        if not line.strip():
            start -= 1
            continue
        script = _script(line)
        if script is None or not _headline_like(line):
            break
        if script != article_script:
            foreign += 1
        elif not _BULLET.match(line):
            break
        start -= 1
    tail = [line for line in lines[start:end] if line.strip()]
    body = [line for line in lines[:start] if line.strip()]
    # Two lines at least (one foreign line may be a signature), a third of
    # them foreign at least (an article's own bullet list followed by one
    # foreign line stays), and the article must stay the larger part.
    if len(tail) < 2 or 3 * foreign < len(tail) or sum(map(len, body)) < 2 * sum(map(len, tail)):
        return text
    for line in tail:
        report.record("remove_foreign_script_tail", "removed", shorten(line.strip()))
    return "\n".join(lines[:start] + lines[end:])
