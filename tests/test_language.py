"""Language of the cleaned text: seeded, sampled, thresholded, with the page's
declared language as prior and fallback; paragraphs in another language."""

from __future__ import annotations

import json

import pytest

from cleaning.language import (
    LanguageOptions,
    UNDETERMINED,
    detect_language,
    detect_paragraph_languages,
    normalize_hint,
)
from tests.conftest import FAST, rows  # noqa: E402


ENGLISH = (
    "The public library in Marwick will open until nine in the evening on weekdays from next month, "
    "the town council announced on Friday, after a survey showed that many students had nowhere quiet to study."
)
SPANISH = (
    "El pleno del ayuntamiento de Valdecruz aprobó el martes la construcción de un mercado cubierto en la "
    "antigua estación de autobuses, un proyecto que los comerciantes del centro reclamaban desde hace años."
)
GERMAN = (
    "Die Stadtbibliothek bleibt wegen Renovierungsarbeiten bis Ende des Monats geschlossen, alle ausgeliehenen "
    "Bücher können im Rathaus zurückgegeben werden."
)


# -- detect_language -----------------------------------------------------------


def test_detects_and_is_deterministic():
    code, prob = detect_language(SPANISH)
    assert code == "es" and prob >= 0.8
    assert all(detect_language(SPANISH) == (code, prob) for _ in range(5))


def test_short_text_is_und_or_the_declared_language():
    assert detect_language("Hello world") == (UNDETERMINED, 0.0)
    assert detect_language("12:30 3-1 | 14:00 0-0 | 16:15 2-2") == (UNDETERMINED, 0.0)
    assert detect_language("") == (UNDETERMINED, 0.0)
    assert detect_language("Hello world", "fr-FR") == ("fr", 0.0)


def test_declared_language_is_a_prior_not_a_verdict():
    # A theme that says en-US on a Spanish article does not make it English.
    assert detect_language(SPANISH, "en-US")[0] == "es"
    assert detect_language(ENGLISH, "en")[0] == "en"


def test_below_the_probability_floor_is_und():
    strict = LanguageOptions(min_prob=1.01)
    assert detect_language(ENGLISH, None, strict)[0] == UNDETERMINED
    assert detect_language(ENGLISH, "en", strict)[0] == "en"


def test_long_text_is_sampled():
    options = LanguageOptions(sample_chars=600)
    # Junk at the head alone cannot decide: the sample takes the middle and end too.
    text = "Lorem ipsum " * 5 + (SPANISH + " ") * 200
    assert detect_language(text, None, options)[0] == "es"


def test_normalize_hint():
    assert normalize_hint("en-US") == "en"
    assert normalize_hint("pt_BR") == "pt"
    assert normalize_hint("und") is None
    assert normalize_hint("x-default") is None
    assert normalize_hint(None) is None


# -- paragraphs ------------------------------------------------------------------


def test_foreign_paragraph_is_found_by_index():
    text = "\n".join([ENGLISH, GERMAN, ENGLISH, "Short line."])
    found = detect_paragraph_languages(text, "en")
    assert [(i, code) for i, code, _p in found] == [(1, "de")]
    assert found[0][2] >= 0.9


def test_no_foreign_paragraphs_for_und_or_uniform_text():
    assert detect_paragraph_languages(GERMAN + "\n" + ENGLISH, "und") == []
    assert detect_paragraph_languages(ENGLISH + "\n" + ENGLISH, "en") == []


def test_paragraph_check_is_bounded():
    text = "\n".join([ENGLISH] * 5 + [GERMAN])
    assert detect_paragraph_languages(text, "en", LanguageOptions(max_paragraphs=5)) == []


# -- the pipeline ----------------------------------------------------------------


# -- end to end ------------------------------------------------------------------

PAGES = {
    "/es.html": ("lang-es.html", "es"),  # declares en-US, is Spanish
    "/fr.html": ("lang-fr.html", "fr"),  # declares nothing
    "/de.html": ("lang-de.html", "de"),
    "/ar.html": ("lang-ar.html", "ar"),
    "/ru.html": ("lang-ru.html", "ru"),
    "/en.html": ("lang-en-foreign.html", "en"),
    "/scores.html": ("lang-short.html", "und"),  # long enough to keep, too few letters to judge
}


def test_ingested_pages_get_their_language(site, cli, db_path):
    urls = {site.add_page(path, f"stories/{fixture}"): code for path, (fixture, code) in PAGES.items()}
    result = cli("ingest", *urls, *FAST, db=db_path)
    assert result.code == 0, result.stderr
    stored = {r["url"]: r for r in rows(db_path)}
    assert {url: stored[url]["language"] for url in urls} == urls
    for url, code in urls.items():
        if code != "und":
            assert stored[url]["language_confidence"] >= 0.8, url
    english = stored[site.url("/en.html")]
    changes = [c for c in json.loads(english["changes"]) if c["cleaner"] == "foreign_paragraph"]
    assert len(changes) == 1 and changes[0]["action"] == "detected" and changes[0]["after"] == "de"
    assert changes[0]["before"].startswith("Die Stadtbibliothek")
    # `query --lang` filters on the stored value.
    found = cli("query", "--lang", "ru", "--format", "json", db=db_path).json()
    assert [a["url"] for a in found] == [site.url("/ru.html")]


@pytest.mark.parametrize("declared, expected", [("", "und"), (' lang="fr"', "fr")])
def test_too_short_text_is_und_unless_the_page_declares_a_language(site, cli, db_path, declared, expected):
    page = f"<html{declared}><body><article><p>The bridge on Mill Street is closed today for repairs.</p></article></body></html>"
    url = site.add("/note.html", page)
    result = cli("ingest", url, *FAST, "--set", "NEWSCRAWL_MIN_TEXT_CHARS=20", db=db_path)
    assert result.code == 0, result.stderr
    (article,) = rows(db_path)
    assert article["language"] == expected
    assert article["language_confidence"] == 0.0
