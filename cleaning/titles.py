"""Titles: the site name and section glued to a headline, doubled titles, and
the title repeated inside the body.

Which headline a page has is chosen by cleaning/metadata.py; the rules here
remove what templates add around it: the site's name (as `og:site_name`,
the publisher or the host spell it, with or without accents or its leading
article — "Harbour Courier" for "The Harbour Courier" — or as its
initials), a section or category, a date, after separators of any width.
Words that end the headline in another source of it (structured data, the
visible heading) stay, even when they equal a tag. The site's name is
also found as the start of a part with a section after it ("CNN Politics"),
as the end of a phrase in the last part ("Noticias de Política en EL
PAÍS"), abbreviated as the host is ("The New York Times" on nytimes.com),
and between two parts, where it takes the site's tagline after it along. A
section part goes only after a headline of two words or more; a spaced
hyphen in a title sets parts apart and is never joined into a compound.

Choice: the title is stored on its own (``Cleaned.title``), so the body keeps
no copy of it. When the page gives no title, a first line that reads as a
headline (no closing period, followed by a blank line or repeated further
down) is taken as the title, and then its copies leave the body too.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from urllib.parse import urlsplit

from cleaning.boilerplate import normalize_phrase
from cleaning.context import FoundTitle, PageContext, Report, shorten
from cleaning.lexicon import data_lines

# Separators between a headline and the site or section parts around it:
# with spaces around them, or (full-width and Hangul forms, which CJK titles
# write without spaces) alone.
_SEPARATORS = re.compile(r"\s+(?:[-–—|·•»«:/~]{1,2}|::|[｜：丨│ㅣ])\s+|\s*[｜丨│]\s*|(?<=\S)ㅣ(?=\S)")
# An unspaced hyphen, full-width colon or underscore may set a site or
# section name off too ("…-정치", "記事：毎日新聞", "标题_新华网"), but only
# that: it is tried last, on the final part, which must be a site or section
# name.
_TIGHT_SEPARATOR = re.compile(r"(?<=\S)[-–：_](?=[^\s\-–：_]+$)")
_CJK_WORD = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+")
_MAX_CJK_SECTION = 6
_DATE_SEGMENT = re.compile(r"^\s*(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}\.?\s+\w+\.?\s+\d{4}|\w+\.?\s+\d{1,2},?\s+\d{4})(?:,?\s+\d{1,2}:\d{2}(?:\s*(?:uhr|h))?)?\s*$", re.IGNORECASE)
_DOMAIN_IN = re.compile(r"[a-z0-9-]{2,}\.[a-z]{2,12}(?![a-z])", re.IGNORECASE)
_DATE_LIKE = re.compile(r"\b(?:19|20)\d{2}\b|\b\d{1,2}:\d{2}\b")
_NOT_ALNUM = re.compile(r"[\W_]+")


def fold_title(text: str) -> str:
    """Letters and digits only, case-folded: how copies of a title compare."""
    return _NOT_ALNUM.sub("", text.casefold())


_TRANSLITERATIONS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "oe", "å": "aa"})


def _name_forms(text: str) -> set[str]:
    """A site name as sites spell it: as written, without accents, and
    transliterated ("Süddeutsche" = "Sueddeutsche" = "suddeutsche")."""
    folded = fold_title(text)
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    forms = {folded, fold_title(plain), fold_title(text.casefold().translate(_TRANSLITERATIONS))}
    return {form for form in forms if form}


def _initials(text: str) -> str:
    words = [w for w in re.split(r"[\s.-]+", text) if w[:1].isalpha()]
    return "".join(w[0] for w in words).casefold() if len(words) >= 2 else ""


@functools.cache
def section_words() -> frozenset[str]:
    return frozenset(normalize_phrase(word) for word in data_lines("title_sections.txt"))


@functools.cache
def _name_articles() -> frozenset[str]:
    return frozenset(word.casefold() for word in data_lines("name_articles.txt"))


# Shorter than this, a name without its article is too common a word.
_MIN_NAME_WITHOUT_ARTICLE = 5


def site_name_spellings(name: str) -> tuple[str, ...]:
    """A site's name, and the name without the article in front of it
    ("The Harbour Courier" → "Harbour Courier"), which its titles and
    bylines often leave out."""
    words = name.split()
    if len(words) >= 2 and words[0].casefold() in _name_articles():
        rest = " ".join(words[1:])
        if len(fold_title(rest)) >= _MIN_NAME_WITHOUT_ARTICLE:
            return (name, rest)
    return (name,)


def _site_names(page) -> set[str]:
    names = set()
    for given in (page.site_name, *page.site_names):
        for name in site_name_spellings(given) if given else ():
            names |= _name_forms(name)
    if page.url:
        host = urlsplit(page.url).netloc.lower().split(":")[0]
        host = host[4:] if host.startswith("www.") else host
        if host:
            names.add(fold_title(host))
            names.add(fold_title(host.split(".", 1)[0]))
            names.add(fold_title(host.rsplit(".", 1)[0]))
    return {name for name in names if name}


# A part of a title that names the site in a phrase ("Noticias de Política
# en EL PAÍS", "Latest news from Example") has at most this many words.
_MAX_SITE_PHRASE_WORDS = 8


def _is_site_name(segment: str, names: set[str]) -> bool:
    for folded in _name_forms(segment):
        if folded in names or any(
            (folded.startswith(name) or name.startswith(folded)) and len(folded) >= 4 and len(name) >= 4 for name in names
        ):
            return True
    return False


def _abbreviates(host: str, segment: str) -> bool:
    """"nytimes" for "The New York Times": the host's letters, in order,
    from the start of one of the segment's words to the end of its last."""
    words = segment.split()
    if len(host) < 5 or not 2 <= len(words) <= 5 or not all(w[:1].isupper() for w in words):
        return False
    for start in range(len(words)):
        letters = fold_title(" ".join(words[start:]))
        if not letters.startswith(host[0]) or not letters.endswith(host[-3:]):
            continue
        rest = iter(letters)
        if all(ch in rest for ch in host):
            return True
    return False


def _is_site_segment(segment: str, page, phrase: bool = False) -> bool:
    """Whether a part of a title is the site's name (also with a section
    after it, or abbreviated as its host is); with `phrase`, for the last
    part, also a phrase that ends with the name."""
    forms = _name_forms(segment)
    if not forms:
        return False
    names = _site_names(page)
    if _is_site_name(segment, names):
        return True
    words = segment.split()
    # "CNN Politics", "SVT Nyheter": the site's name and a section.
    for size in range(1, len(words)):
        if _is_site_name(" ".join(words[:size]), names) and normalize_phrase(" ".join(words[size:])) in section_words():
            return True
    # "Noticias de Política en EL PAÍS": a phrase that ends with the site's name.
    if phrase and len(words) <= _MAX_SITE_PHRASE_WORDS:
        for size in range(1, min(4, len(words) - 1) + 1):
            if _name_forms(" ".join(words[-size:])) & {n for n in names if len(n) >= 4}:
                return True
    if any(_abbreviates(host, segment) for host in _host_labels(page)):
        return True
    # "SZ" for "Süddeutsche Zeitung", "NZZ" for "Neue Zürcher Zeitung".
    word = segment.strip()
    if 2 <= len(word) <= 5 and word.isalpha() and word.isupper():
        if any(_initials(name) == word.casefold() for name in (page.site_name, *page.site_names) if name):
            return True
    return bool(_DOMAIN_IN.search(segment)) and len(segment.split()) <= 5


def _host_labels(page) -> tuple[str, ...]:
    """The host's name without "www." and its top-level domain ("nytimes")."""
    if not page.url:
        return ()
    host = urlsplit(page.url).netloc.lower().split(":")[0].removeprefix("www.")
    labels = host.split(".")
    return (fold_title(labels[-2]),) if len(labels) >= 2 else ()


def _is_date_segment(segment: str) -> bool:
    """"28.04.2023", "April 28, 2023", "28 April 2023, 14:05": a date the
    template prints after the headline."""
    return bool(_DATE_SEGMENT.match(segment))


def _ends_a_headline(words: str, page: PageContext) -> bool:
    """Whether another source of the headline (structured data, the visible
    heading) ends with these words: then they are the headline's own, even
    when they equal a tag or category."""
    folded = fold_title(words)
    return bool(folded) and any(fold_title(h).endswith(folded) for h in page.headlines)


def _is_category(segment: str, page) -> bool:
    """The page's own category (not a tag: tags are the headline's words too)."""
    normalized = normalize_phrase(segment)
    return any(normalize_phrase(c) == normalized for c in page.categories if c and not _ends_a_headline(c, page))


def _is_section_segment(segment: str, page) -> bool:
    normalized = normalize_phrase(segment)
    known = {normalize_phrase(name) for name in [*page.categories, *page.tags] if name and not _ends_a_headline(name, page)}
    words = section_words() | known
    if normalized in words:
        return True
    if normalized.endswith(" news"):
        return normalized[: -len(" news")].strip() in words
    return False


# At most this many words after a title are taken for its section label.
_MAX_SECTION_WORDS = 3


def _is_section_label(words: list[str]) -> bool:
    """"Economy News", "Politics", "World": what a template prints after a headline."""
    if not words or len(words) > _MAX_SECTION_WORDS:
        return False
    normalized = normalize_phrase(" ".join(words))
    if normalized in section_words():
        return True
    if normalized.endswith(" news") and normalized[: -len(" news")].strip() in section_words():
        return True
    return all(word[:1].isupper() and word.strip("&-").isalpha() for word in words)


def _section_suffix(title: str) -> tuple[str, str]:
    """Split "Headline Economy News" into the headline and a known section
    label glued after it with no separator; ("title", "") when there is none."""
    words = title.split()
    for count in range(min(_MAX_SECTION_WORDS, len(words) - 3), 0, -1):
        tail = words[-count:]
        normalized = normalize_phrase(" ".join(tail))
        if normalized in section_words() or (
            normalized.endswith(" news") and normalized[: -len(" news")].strip() in section_words()
        ):
            return " ".join(words[:-count]).rstrip(" -–—|:"), " ".join(tail)
    return title, ""


def _strip_glued_section(title: str, page: PageContext) -> str:
    """A section label glued to the headline with no separator.

    "… Economy News" (a known section word and "News") and "… talks
    Politics" (the page's own category) lose the whole label. When the word
    before "News" is a category that is not a section word, it may end the
    sentence ("… to pressure Iran News", filed under Iran): the whole label
    goes only when the headline already used that word ("… harbour fees
    Harbour News"), else only "News".
    """
    head, tail = _section_suffix(title)
    if tail and len(head) >= 15 and normalize_phrase(tail).endswith(" news"):
        return head
    folded = title.casefold()
    known = sorted(
        {name.strip() for name in [*page.categories, *page.tags] if name and name.strip() and not _ends_a_headline(name, page)},
        key=len,
        reverse=True,
    )
    for name in known:
        if folded.endswith(f" {name.casefold()} news") and len(title) > len(name) + 20:
            head = title[: -len(f" {name} news")]
            if re.search(rf"(?<!\w){re.escape(name.casefold())}(?!\w)", head.casefold()):
                return head.rstrip(" -–—|")
            return title[: -len(" news")].rstrip(" -–—|")
        if folded.endswith(f" {name.casefold()}") and len(title) - len(name) > 15:
            return title[: -len(name)].rstrip(" -–—|")
    return title


def _site_in_the_middle(title: str, page: PageContext) -> str | None:
    """The title up to a part between separators that is the site's name,
    when a headline of three words or more stands before it; else None."""
    spans = list(_SEPARATORS.finditer(title))
    for before, after in zip(spans, spans[1:]):
        segment = title[before.end() : after.start()]
        head = title[: before.start()].strip()
        if _is_site_segment(segment, page) and (len(head.split()) >= 3 or len(head) >= 8 and _CJK_WORD.search(head)):
            return head
    return None


def strip_site_name(title: str, page: PageContext, report: Report) -> str:
    """"Headline – Site Name", "Site | Headline", "Headline | Section",
    "Headline | DW | 28.04.2023", "見出し｜サイト", "헤드라인-정치ㅣ사이트"."""
    changed = True
    result = title
    site_removed = False
    while changed:
        changed = False
        parts = _SEPARATORS.split(result)
        if len(parts) < 2:
            tight = _TIGHT_SEPARATOR.search(result)
            last = result[tight.end() :] if tight else ""
            # "헤드라인-정치ㅣ한국일보": in scripts written without hyphenated
            # compounds, a short word hyphened to the headline before the
            # site's name is the section.
            cjk_section = site_removed and len(last) <= _MAX_CJK_SECTION and bool(_CJK_WORD.fullmatch(last))
            if tight and len(result[: tight.start()].strip()) >= 8 and (
                _is_site_segment(last, page) or _is_category(last, page) or cjk_section
            ):
                result = result[: tight.start()].strip()
                changed = True
            continue
        seps = _SEPARATORS.findall(result)
        first, last = parts[0], parts[-1]
        head = result[: len(result) - len(last) - len(seps[-1])].strip()
        # A section or date part goes after a headline, not after one word
        # ("Bayern – Politik"); a headline without spaces counts by letters.
        long_head = len(head.split()) >= 2 or len(head) >= 4 and bool(_CJK_WORD.search(head))
        sectioned = long_head and (_is_section_segment(last, page) or _is_date_segment(last))
        if _is_site_segment(last, page, phrase=True) or sectioned:
            site_removed = site_removed or _is_site_segment(last, page, phrase=True)
            result = result[: len(result) - len(last) - len(seps[-1])].strip()
            changed = True
        elif _is_site_segment(first, page) and len(parts[1].split()) >= 3:
            result = result[len(first) + len(seps[0]) :].strip()
            changed = True
        else:
            # "Headline - Site - the site's tagline": from the site's name on.
            cut = _site_in_the_middle(result, page)
            if cut is not None:
                site_removed, result, changed = True, cut, True
    result = _strip_glued_section(result, page)
    if result != title and result:
        report.record("strip_site_name", "removed", title, result)
        return result
    return title


def undouble_title(title: str, page: PageContext, report: Report) -> str:
    """"Headline Headline" or "Headline | Headline"."""
    parts = _SEPARATORS.split(title)
    if len(parts) == 2 and fold_title(parts[0]) == fold_title(parts[1]):
        report.record("undouble_title", "removed", title, parts[0])
        return parts[0]
    words = title.split()
    doubled = False
    # Halved until it is no longer two copies: "A B A B A B A B" is one "A B".
    while len(words) >= 4 and len(words) % 2 == 0 and words[: len(words) // 2] == words[len(words) // 2 :]:
        words, doubled = words[: len(words) // 2], True
    if doubled:
        result = " ".join(words)
        report.record("undouble_title", "removed", title, result)
        return result
    return title


def title_as_one_line(title: str, page: PageContext, report: Report) -> str:
    return " ".join(title.split())


# ---------------------------------------------------------------------------


def _looks_like_headline(line: str) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped) > 200 or stripped[-1] in ".,:;…" or stripped.endswith("..."):
        return False
    words = stripped.split()
    if len(words) < 3 and len(stripped) < 8:
        return False
    if len(words) <= 7 and _DATE_LIKE.search(stripped):
        return False
    return True


def split_title(text: str, page: PageContext, report: Report) -> str:
    """Take a headline-like first line as the title when the page has none."""
    if page.title:
        return text
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return text
    # A date stamp above the headline stays in the body.
    if len(lines[first].split()) <= 7 and _DATE_LIKE.search(lines[first]) and not lines[first].strip().endswith("."):
        first = next((i for i in range(first + 1, len(lines)) if lines[i].strip()), None)
        if first is None:
            return text
    candidate = lines[first].strip()
    if not _looks_like_headline(candidate):
        return text
    rest = [line.strip() for line in lines[first + 1 :] if line.strip()]
    if not rest:
        return text
    folded_rest = [fold_title(line) for line in rest]
    blank_after = first + 1 < len(lines) and not lines[first + 1].strip()
    repeated = fold_title(candidate) in folded_rest
    # A breadcrumb in front of the headline: "Home Section Headline".
    for line in rest[:4]:
        if len(line.split()) >= 3 and len(line) < len(candidate) and candidate.endswith(" " + line):
            prefix = candidate[: -len(line)].split()
            if all(word[:1].isupper() for word in prefix):
                report.record("split_title", "removed", " ".join(prefix))
                candidate, repeated = line, True
            break
    if not (blank_after or repeated):
        return text
    report.record("split_title", "moved", shorten(candidate))
    report.found_title = FoundTitle(candidate, raw=True)
    return "\n".join(lines[:first] + lines[first + 1 :])


def remove_title_repeats(text: str, page: PageContext, report: Report) -> str:
    """The body keeps no copy of a title stored on its own, including a
    lower-cased one (an image alt) and one behind a breadcrumb."""
    if not page.title:
        return text
    title = page.title
    lines = text.split("\n")
    # Folding drops white space: a line and its stripped form fold alike.
    folds = [fold_title(line) for line in lines]
    shorter = _title_without_section(lines, folds, title)
    if shorter:
        report.record("remove_title_repeats", "replaced", title, shorter)
        report.found_title = FoundTitle(shorter, raw=False)
        title = shorter
    forms = {fold_title(title), fold_title(page.title)} | {fold_title(raw) for raw in page.raw_titles}
    forms.discard("")
    long_forms = tuple(form for form in forms if len(form) >= 15)
    kept = []
    for line, folded in zip(lines, folds):
        stripped = line.strip()
        if folded and folded in forms:
            report.record("remove_title_repeats", "removed", shorten(stripped))
            continue
        # A title with its section after it folds to a text that starts with the title.
        if any(folded.startswith(form) for form in long_forms) and _is_title_with_section(stripped, forms):
            report.record("remove_title_repeats", "removed", shorten(stripped))
            continue
        if _is_captioned_title(stripped, title):
            report.record("remove_title_repeats", "removed", shorten(stripped))
            continue
        if stripped and len(stripped) < 300 and any(folded.endswith(form) and len(form) >= 15 for form in forms):
            title_words = len(title.split())
            prefix = stripped.split()[: max(0, len(stripped.split()) - title_words)]
            if prefix and len(prefix) <= 8 and all(w[:1].isupper() or w in "/>»|-–" for w in prefix):
                report.record("remove_title_repeats", "removed", shorten(stripped))
                continue
        kept.append(line)
    return "\n".join(kept)


# "/PERTAMINA", "(Foto: Reuters)", "© AFP": a credit after a caption.
_CREDIT_TAIL = re.compile(r"^(?:/\s*\S.{0,40}|\(.{1,60}\)|©.{1,60})$")
_CAPTION_LEAD_SEPARATORS = ("-", "–", "—", ":", "|")


def _is_captioned_title(line: str, title: str) -> bool:
    """"Ilustrasi Pertamina dan BBM - <headline> /PERTAMINA": an image's
    caption that repeats the headline after a label and a separator, or
    before a credit. The headline must be long enough to be one."""
    if len(title) < 25 or len(line) >= 400:
        return False
    at = line.casefold().find(title.casefold())
    if at < 0:
        return False
    lead, rest = line[:at].strip(), line[at + len(title) :].strip()
    if not lead and not rest:
        return False
    lead_ok = not lead or (lead.endswith(_CAPTION_LEAD_SEPARATORS) and len(lead.split()) <= 8)
    rest_ok = not rest or bool(_CREDIT_TAIL.match(rest))
    return lead_ok and rest_ok


def _is_title_with_section(line: str, forms: set[str]) -> bool:
    """The title with its section label printed after it: "Headline Economy News"."""
    words = line.split()
    if len(words) < 4 or len(line) > 300:
        return False
    for count in range(1, _MAX_SECTION_WORDS + 1):
        head = fold_title(" ".join(words[:-count]))
        if len(head) >= 15 and head in forms and _is_section_label(words[-count:]):
            return True
    return False


def _title_without_section(lines: list[str], folds: list[str], title: str) -> str | None:
    """"Headline Politics News" as the title while the body repeats
    "Headline": the label is the template's, the headline the body's copy.
    Returns the headline, or None. `folds` are the lines folded."""
    words = title.split()
    if len(words) < 4:
        return None
    lines = {folded for line, folded in zip(lines, folds) if 0 < len(line.strip()) < 300}
    for count in range(1, _MAX_SECTION_WORDS + 1):
        head = " ".join(words[:-count]).rstrip(" -–—|:")
        if len(fold_title(head)) >= 15 and fold_title(head) in lines and _is_section_label(words[-count:]):
            return head
    return None
