"""Author names: a byline or a structured-data author turned into people.

Bylines come in many shapes: "By Jane Doe and John Roe", "Von Anna Muster
und Max Beispiel", "Baumann, Birgit", "홍길동 기자", "Jane Doe, Senior
reporter | 03.05.2024", a profile URL, the site's own name. The rules, each
driven by a phrase list in ``cleaning/data/``:

* a label in front of the names is removed (author_labels.txt), and so is
  any one word before a colon ("Fotos: Max Muster", "Muhabir: Ali Veli");
  job titles or desk names with them (author_roles.txt) go too, before or
  after the name ("Reporter Jane Doe", "dpa-Korrespondent Max Muster"); a
  part made only of a role ("Redaktion", "Staff", "agencies") is no person
  and is dropped;
* names are split at separators (, ; | / newline) and at the words "and"
  and "with" of many languages (name_conjunctions.txt); "Family, Given" —
  two single capitalised words around one comma, alone or in each part of
  a list ("Doe, Jane; Roe, John") — is one person, written "Given Family";
  an honorific's full stop ("Prof. Dr.", name_honorifics.txt) ends no name;
* what is not a name is dropped: e-mail addresses, URLs, handles, parts
  with digits (dates, times), sentences, and the place a writer files from
  after a preposition ("Jane Doe in Washington", "Max Muster aus Berlin",
  place_prepositions.txt);
* the same person written twice (case, accents, a slug such as "jane-doe"
  taken from a profile URL) is kept once, in the best-written form;
* a name that is the site's or the publisher's own is the publisher, not an
  author (news agencies credited in the byline stay authors); a publishing
  platform's name (cms_vendors.txt) is neither;
* where the markup credits no person, a byline line the text prints above
  its first paragraph names the authors (``byline_in_text``).
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from dataclasses import dataclass, field

from cleaning.boilerplate import normalize_phrase
from cleaning.lexicon import data_lines
from cleaning.titles import section_words, site_name_spellings

# Longest sensible name: several given names and family names.
_MAX_NAME_WORDS = 6
_MAX_NAME_CHARS = 60
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_URL = re.compile(r"https?://\S+|www\.\S+")
_HANDLE = re.compile(r"(?<!\w)@\w+")
_TAG = re.compile(r"<[^>]+>")
_PARENS = re.compile(r"\s*[(\[]([^()\[\]]*)[)\]]")
# "Finian Cunningham. Sputnik International": a full stop after a word, not
# an initial nor an honorific ("Prof. Dr. Max Muster").
_SENTENCE_BREAK = re.compile(r"(?<=\w{3})\.\s+(?=[A-Z])")
# "Fotos: Max Beispiel", "Muhabir: Ali Veli": one word and a colon before a name.
_COLON_LABEL = re.compile(r"^([^\W\d_][\w.-]{0,24})\s*[:：]\s*(?=\S)")
_SEPARATORS = re.compile(r"\s*(?:[;|•·\n\t]|\s-\s|\s–\s|\s—\s)\s*")
_NOT_ALNUM = re.compile(r"[\W_]+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


@dataclass
class AuthorEntry:
    """One author as the markup gives it: text, and what kind of thing it says it is."""

    text: str
    kind: str = "text"  # "person", "organization", "text" (a byline), "url"


@dataclass
class Authors:
    people: list[str] = field(default_factory=list)
    publisher: str | None = None  # the site's own name given as an author
    dropped: list[str] = field(default_factory=list)  # parts that were no name


# Letters that carry no separable accent but are written without one too.
_PLAIN_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ð": "d", "ł": "l", "þ": "th", "ı": "i"})


def fold_name(name: str) -> str:
    """How two spellings of one name compare: letters and digits only,
    case-folded, accents removed ("José-Luis" = "jose luis" = "jose-luis",
    "Søren" = "Soren")."""
    decomposed = unicodedata.normalize("NFKD", name.casefold().translate(_PLAIN_LETTERS))
    return _NOT_ALNUM.sub("", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


@functools.cache
def _labels() -> tuple[str, ...]:
    return tuple(sorted((label.casefold() for label in data_lines("author_labels.txt")), key=len, reverse=True))


@functools.cache
def _roles() -> frozenset[str]:
    return frozenset(role.casefold() for role in data_lines("author_roles.txt"))


@functools.cache
def _role_pattern() -> re.Pattern:
    roles = sorted(_roles(), key=len, reverse=True)
    return re.compile(r"(?:^|(?<=[\s,]))(?:" + "|".join(re.escape(r) for r in roles) + r")$", re.IGNORECASE)


@functools.cache
def _agencies() -> frozenset[str]:
    return frozenset(fold_name(name) for name in data_lines("agencies.txt"))


@functools.cache
def _conjunctions() -> re.Pattern:
    words, symbols = [], []
    for entry in data_lines("name_conjunctions.txt"):
        (words if entry[0].isalpha() else symbols).append(re.escape(entry))
    alternatives = []
    if words:
        alternatives.append(r"\s+(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")\s+")
    if symbols:
        alternatives.append(r"\s*(?:" + "|".join(symbols) + r")\s*")
    return re.compile("|".join(alternatives))


@functools.cache
def _vendors() -> frozenset[str]:
    return frozenset(fold_name(name) for name in data_lines("cms_vendors.txt"))


def is_vendor(name: str) -> bool:
    """Whether a name is a publishing platform's (the CMS, not the site)."""
    return fold_name(name) in _vendors()


def is_agency(name: str) -> bool:
    return fold_name(name) in _agencies()


def _strip_label(text: str) -> str:
    """"By Jane Doe" → "Jane Doe"; "Di Maio" stays (a particle, not a label)."""
    folded = text.casefold()
    for label in _labels():
        if not folded.startswith(label):
            continue
        rest = text[len(label) :]
        if rest and (rest[0].isalnum() or rest[0] in "'’"):
            continue  # the label is the start of a longer word
        colon = rest.lstrip().startswith((":", "：", "-", "–"))
        rest = rest.lstrip(" :：-–\u00a0").strip()
        if not rest:
            return text
        first = rest.split()[0]
        written_lower = text[: len(label)].islower()
        if colon or written_lower or is_agency(rest) or _is_role(first) or (
            not first[0].islower() and (len(rest.split()) >= 2 or label == "by")
        ):
            return rest
        return text
    return text


@functools.cache
def _particles() -> frozenset[str]:
    return frozenset(word.casefold() for word in data_lines("name_particles.txt"))


def _strip_inner_label(text: str) -> str:
    """"Capital Von Jemima Kelly", "Analysis by Jane Doe": a section or
    kicker before a label; what follows the label is the byline, when it is
    a capitalised name without particles ("Ursula von der Leyen" stays)."""
    words = text.split()
    for i in range(1, min(4, len(words) - 2) + 1):
        label = words[i].rstrip(":").casefold()
        if label not in _labels():
            continue
        rest = words[i + 1 :]
        if label in _particles() and not words[i][:1].isupper():
            continue
        if len(rest) >= 2 and all(w[:1].isupper() for w in rest) and not any(w.casefold() in _particles() for w in rest):
            return " ".join(rest)
    return text


# "ERIC TUCKERAssociated Press", "Carrie ArnoldNovember": a credit or a
# date word glued to the name's last letters.
_GLUED_TAIL = re.compile(r"^(.*?(?:[a-z]{3}|[A-Z]{3}))([A-Z][a-z]{2,}.*)$")


def _unglue(name: str) -> tuple[str, str | None]:
    """The name, and what was glued to its end (None when nothing was)."""
    words = name.split()
    # Never the first word: "WordPress", "McKinsey" are written that way.
    for i, word in enumerate(words[1:], start=1):
        match = _GLUED_TAIL.match(word)
        if match and len(match.group(1)) >= 4:
            head = " ".join(words[:i] + [match.group(1)])
            return head, " ".join([match.group(2), *words[i + 1 :]])
    return name, None


def _undouble(name: str) -> str:
    """"Carlos Nadalim Carlos Nadalim" → "Carlos Nadalim"."""
    words = name.split()
    half = len(words) // 2
    if len(words) >= 2 and len(words) % 2 == 0 and words[:half] == words[half:]:
        return " ".join(words[:half])
    return name


def _is_role(text: str) -> bool:
    words = text.casefold().strip(" ,.:").split()
    if not words:
        return False
    if " ".join(words) in _roles():
        return True
    # "Online-Redaktion", "Sportredaktion": a desk, not a person.
    last = words[-1]
    if "-" in last and last.rsplit("-", 1)[1] in _roles() and (len(words) == 1 or text[:1].isupper()):
        return True  # "De Standaard-redactie": the desk of a named paper
    return len(words) == 1 and any(last.endswith(role) and len(role) >= 6 for role in _roles() if " " not in role)


def _strip_roles(text: str) -> str:
    """"Jane Doe Senior Reporter", "홍길동 기자" → the name; a part that
    starts with a role describes a job ("Correspondent in Paris") and goes."""
    words = text.split()
    if not words:
        return ""
    for size in (3, 2, 1):
        lead = " ".join(words[:size])
        if len(words) > size and (lead.casefold() in _roles() or (size == 1 and _is_role(lead))):
            # "Reporter Jane Doe", "dpa-Korrespondent Max Muster": the name
            # after the role; "Correspondent in Paris" is a job alone.
            rest = " ".join(words[size:])
            return rest if _capitalised_name(rest) else ""
    changed = True
    while changed and text:
        changed = False
        match = _role_pattern().search(text)
        # "Jane Doe Reporter" is Jane Doe; "Jane Reporter" may be her name.
        if match and match.start() > 0 and len(text[: match.start()].split()) >= 2:
            text = text[: match.start()].rstrip(" ,")
            changed = True
        elif _CJK.search(text):
            for role in _roles():
                if _CJK.search(role) and text.endswith(role) and len(text) > len(role):
                    text = text[: -len(role)].rstrip()
                    changed = True
                    break
    return "" if _is_role(text) else text


def _family_given(text: str) -> str | None:
    """"Baumann, Birgit" → "Birgit Baumann"; None when it is not that form."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 2 or not all(parts):
        return None
    family, given = parts
    if any(len(p.split()) != 1 for p in parts):
        return None
    if not all(p[0].isupper() and p[1:].islower() and p.replace("-", "").isalpha() for p in parts):
        return None
    if is_agency(family) or is_agency(given) or _is_role(given) or _is_role(family):
        return None
    return f"{given} {family}"


def _is_job(text: str) -> bool:
    """A job description: it ends with a role, or starts with one and no
    name follows ("corresponsal en Madrid")."""
    return _ends_with_role(text) or (bool(text.strip()) and not _strip_roles(text.strip()))


def _ends_with_role(text: str) -> bool:
    words = text.casefold().split()
    return any(" ".join(words[-size:]) in _roles() for size in (1, 2, 3) if len(words) >= size)


def _is_name(text: str) -> bool:
    if not text or len(text) > _MAX_NAME_CHARS or len(text.split()) > _MAX_NAME_WORDS:
        return False
    words = text.split()
    # "Syrian defense ministries": a phrase, not a name (particles aside).
    if len(words) >= 2 and any(w[:1].islower() and w.casefold() not in _particles() for w in words):
        return False
    if any(ch.isdigit() for ch in text) or not any(ch.isalpha() for ch in text):
        return False
    # A sentence, not a name.
    if text.rstrip().endswith(("?", "!")) or re.search(r"[.!?]\s+\w+[.!?]?$", text) and len(text.split()) > 3:
        return False
    return True


@functools.cache
def _place_prepositions() -> frozenset[str]:
    return frozenset(word.casefold() for word in data_lines("place_prepositions.txt"))


@functools.cache
def _conjunction_words() -> frozenset[str]:
    return frozenset(entry.casefold() for entry in data_lines("name_conjunctions.txt") if entry[0].isalpha())


_MAX_PLACE_WORDS = 3


def _is_place(words: list[str]) -> bool:
    """A place as a byline names it: a few capitalised words of letters
    ("Washington", "New York", "Rio de Janeiro"), no agency."""
    if not 1 <= len(words) <= _MAX_PLACE_WORDS or not words[0][:1].isupper():
        return False
    if not all(w.replace("-", "").isalpha() and (w[0].isupper() or w.casefold() in _particles()) for w in words):
        return False
    return not is_agency(" ".join(words))


def _strip_dateline(piece: str) -> tuple[str, str | None]:
    """"Jane Doe in Washington" → ("Jane Doe", "Washington"): the place a
    writer files from, after a full name and a preposition of place. Where
    the preposition is also a language's "and" ("Kari Nordmann i Oslo",
    "Jan Kowalski i Anna Nowak"), only one word after it is a place."""
    words = piece.split()
    for k in range(2, len(words) - 1):
        preposition = words[k].casefold()
        if preposition not in _place_prepositions() or not words[k].islower():
            continue
        name, place = words[:k], words[k + 1 :]
        if not _capitalised_name(" ".join(name)) or not _is_place(place):
            continue
        if preposition in _conjunction_words() and len(place) != 1:
            continue
        return " ".join(name), " ".join(place)
    return piece, None


def split_byline(text: str) -> tuple[list[str], list[str]]:
    """The names in one byline or author value, and the parts dropped."""
    text = html.unescape(html.unescape(text))
    text = _TAG.sub(" ", text)
    text = " ".join(text.replace("\u00a0", " ").split()).strip(" ,;|")
    names: list[str] = []
    dropped: list[str] = []
    if not text:
        return names, dropped
    text = _EMAIL.sub(" ", _URL.sub(" ", text))
    text = _HANDLE.sub(" ", text)
    # "(AFP)" after a name is a second credit; other brackets are remarks.
    extra: list[str] = []
    for inner in _PARENS.findall(text):
        if is_agency(inner.strip()):
            extra.append(inner.strip())
    text = _PARENS.sub(" ", text).strip()
    text = _strip_inner_label(_strip_label(" ".join(text.split())))
    whole = _family_given(text)
    if whole:
        return [whole] + extra, dropped
    for segment in _SEPARATORS.split(text):
        # "Doe, Jane; Roe, John": each segment may be "Family, Given".
        whole = _family_given(_strip_label(segment.strip(" .,:;")))
        if whole:
            names.append(whole)
            continue
        pieces = [p for p in _sentences(segment) for p in p.split(",")]
        for number, piece in enumerate(pieces):
            # "Tom Krisher, AP Auto Writer", "Ana Ruiz, corresponsal en
            # Madrid": after a comma, a job description.
            if number and _is_job(piece):
                dropped.append(piece.strip())
                continue
            piece = _strip_colon_label(piece)
            named, place = _strip_dateline(piece.strip(" .,:;"))
            if place:
                piece = named
                dropped.append(place)
            for part in _conjunctions().split(piece):
                part = _strip_label(part.strip(" .,:;-–"))
                part, place = _strip_dateline(part)
                if place:
                    dropped.append(place)
                part = _strip_roles(part).strip(" .,:;-–")
                part, glued = _unglue(_undouble(part))
                if glued and is_agency(glued):
                    extra.append(glued)
                elif glued:
                    dropped.append(glued)
                if not part:
                    continue
                if _is_name(part):
                    names.append(part)
                else:
                    dropped.append(part)
    return names + extra, dropped


@functools.cache
def _honorifics() -> frozenset[str]:
    return frozenset(word.casefold().rstrip(".") for word in data_lines("name_honorifics.txt"))


def _sentences(segment: str) -> list[str]:
    """A segment cut at its full stops, except those after an honorific."""
    pieces, start = [], 0
    for match in _SENTENCE_BREAK.finditer(segment):
        before = segment[start : match.start()].split()
        if before and before[-1].casefold() in _honorifics():
            continue
        pieces.append(segment[start : match.start()])
        start = match.end()
    return pieces + [segment[start:]]


def _strip_colon_label(piece: str) -> str:
    """"Fotos: Max Beispiel" → "Max Beispiel": a one-word label of any
    language before a colon, when a name follows."""
    match = _COLON_LABEL.match(piece.strip())
    if not match:
        return piece
    rest = piece.strip()[match.end() :]
    return rest if _capitalised_name(rest.strip(" .,;")) or is_agency(rest.strip(" .,;")) else piece


def _form_score(name: str) -> tuple[int, int, int]:
    """Which of two spellings of one name to keep: mixed case over all
    lower or all upper, then the one with accents, then the longer."""
    letters = [ch for ch in name if ch.isalpha()]
    mixed = any(ch.isupper() for ch in letters) and any(ch.islower() for ch in letters)
    accents = sum(1 for ch in letters if ord(ch) > 127)
    return (int(mixed), accents, len(name))


def is_site_name(name: str, site_names: tuple[str, ...]) -> bool:
    """Whether a credited name is the site's own (its name, with or
    without its article, its host, or one of them followed by more words:
    "FOCUS online" for focus.de)."""
    key = fold_name(name)
    words = [fold_name(w) for w in name.split()]
    for site in (spelling for given in site_names for spelling in site_name_spellings(given)):
        site_key = fold_name(site)
        if len(site_key) < 2:
            continue
        if key == site_key:
            return True
        site_words = [fold_name(w) for w in re.split(r"[\s.]+", site) if fold_name(w)]
        if len(site_key) >= 4 and site_words and words[: len(site_words)] == site_words:
            return True
        if len(key) >= 4 and words and site_words[: len(words)] == words:
            return True
    return False


def _is_full_name(name: str) -> bool:
    """Two words or more, or a name in a script written without spaces, or
    an agency: what a byline scraped from the page must be to count (a lone
    word there is as often a section or a stray label)."""
    return len(name.split()) >= 2 or bool(_CJK.search(name)) or is_agency(name)


def clean_authors(entries: list[AuthorEntry], site_names: tuple[str, ...] = (), strict: bool = False) -> Authors:
    """People credited by `entries`, in order, each once; the site's own
    name among them is returned as the publisher. `strict` (for a byline
    scraped from the page rather than declared in markup) keeps full names
    only."""
    result = Authors()
    found: list[str] = []
    for entry in entries:
        if entry.kind == "url" or entry.text.lower().startswith(("http://", "https://")):
            continue  # a profile page's address is no name
        names, dropped = split_byline(entry.text)
        if strict:
            dropped += [n for n in names if not _is_full_name(n) and not is_site_name(n, site_names)]
            names = [n for n in names if _is_full_name(n) or is_site_name(n, site_names)]
        result.dropped += dropped
        found += names
    kept: dict[str, str] = {}
    for name in found:
        if is_vendor(name):
            result.dropped.append(name)
            continue
        if is_site_name(name, site_names):
            result.publisher = result.publisher or name
            continue
        key = fold_name(name)
        if key in kept:
            if _form_score(name) > _form_score(kept[key]):
                kept[key] = name
        else:
            kept[key] = name
    result.people = list(kept.values())
    return result


# A byline printed as the text's own line sits above the first paragraph,
# after at most a standfirst or two.
_MAX_LINES_BEFORE_BYLINE = 3
_BYLINE_LINE_CHARS = 120
_PROSE_WORDS = 10
_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_'’.-]*(?:['’.-][^\W\d_]+)*\.?$")


def _capitalised_name(name: str) -> bool:
    """Every word capitalised and made of letters (particles aside): how a
    name is written, and a phrase or a sentence is not."""
    words = name.split()
    if not 2 <= len(words) <= 4:
        return False
    return all(_NAME_WORD.match(w) and (w[0].isupper() or w.casefold() in _particles()) for w in words) and words[0][0].isupper()


def _mentioned(name: str, text: str) -> bool:
    """Whether the text names this person (by the family name): the subject
    of the article, not its writer."""
    family = name.split()[-1]
    return bool(re.search(rf"(?<!\w){re.escape(family)}(?!\w)", text))


def byline_in_text(text: str, site_names: tuple[str, ...] = (), title: str | None = None) -> tuple[int, list[str]] | None:
    """The byline the text itself prints above its first paragraph ("By
    Jane Doe", "Von Max Muster", "Jane Doe/John Roe", "Jane Doe and John
    Roe"): its line's index and the people it names; None without one.

    A line with a label ("By", "Von", "Por"…) is a byline when all the rest
    is names. A line of bare names must be nothing but full capitalised
    names, none of them the site, a word of the title or anyone the article
    itself goes on to mention (a kicker naming the article's subject, "Olaf
    Scholz", is mentioned in the text; its writer is not). Scripts written
    without spaces need the label or a role ("기자"); a section label
    ("Breaking News") is no name."""
    lines = text.split("\n")
    seen = 0
    for index, line in enumerate(lines):
        stripped = " ".join(line.split())
        if not stripped:
            continue
        seen += 1
        if seen > _MAX_LINES_BEFORE_BYLINE + 1 or len(stripped.split()) >= _PROSE_WORDS:
            return None
        unlabelled = _strip_label(stripped)
        labelled = unlabelled != stripped
        # "By Jane Doe | 5 March 2024": a date only after a label.
        if len(stripped) > _BYLINE_LINE_CHARS or (not labelled and any(ch.isdigit() for ch in stripped)):
            continue
        if title and fold_name(stripped) == fold_name(title):
            continue
        names, dropped = split_byline(stripped)
        # What is no name must be a job ("Jane Doe, Senior Reporter") or,
        # after a label, a date.
        if not names or not all(_is_job(d) or labelled and any(ch.isdigit() for ch in d) for d in dropped):
            continue
        if any(is_site_name(n, site_names) or is_vendor(n) for n in names):
            continue
        if labelled:
            if all(_is_full_name(n) for n in names):
                return index, names
            continue
        if _CJK.search(stripped):
            if _strip_roles(stripped) != stripped:
                return index, names
            continue
        if stripped.rstrip()[-1:] in ".!?:" or not all(_capitalised_name(n) for n in names):
            continue
        if any(normalize_phrase(w) in section_words() for n in names for w in n.split()):
            continue  # "Breaking News", "World Politics": a section label
        rest = "\n".join(lines[index + 1 :])
        folded_title = fold_name(title or "")
        if any(_mentioned(n, rest) or (folded_title and fold_name(n) in folded_title) for n in names):
            continue
        return index, names
    return None
