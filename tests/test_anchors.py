"""Anchors that survive translation: figures and dates in any script, names
across transliterations, and the verification of a translated copy."""

from __future__ import annotations

import re

import pytest

from cleaning.anchors import (
    anchor_band_hashes,
    extract_anchors,
    extract_figures,
    match_anchors,
    name_keys,
    normalize_digits,
    parse_number,
    skeleton,
)
from tests.conftest import PAGES

CROSSLANG = PAGES / "crosslang"


def _keys(text: str) -> list[str]:
    return [f.key for f in extract_figures(text)]


def _page_text(name: str) -> str:
    html = (CROSSLANG / name).read_text(encoding="utf-8")
    return "\n".join(re.sub(r"<[^>]+>", "", p) for p in re.findall(r"<p>(.*?)</p>", html, re.S))


@pytest.mark.parametrize(
    "written, key",
    [
        ("23,000", "23000"),  # English
        ("23.000", "23000"),  # German, Spanish, Turkish, Indonesian
        ("23 000", "23000"),  # French, Russian with a plain space
        ("23\u00a0000", "23000"),  # no-break space
        ("23\u202f000", "23000"),  # narrow no-break space (French typography)
        ("23'000", "23000"),  # Swiss
        ("٢٣٬٠٠٠", "23000"),  # Eastern Arabic digits and thousands separator
        ("۲۳٬۰۰۰", "23000"),  # Persian digits
        ("२३,०००", "23000"),  # Devanagari digits
        ("4,7", "4.7"),
        ("4.7", "4.7"),
        ("٤٫٧", "4.7"),  # Arabic decimal separator
        ("1.234,5", "1234.5"),
        ("1,234.5", "1234.5"),
        ("0.125", "0.125"),  # a leading zero: a decimal, not thousands
        ("1 234 567", "1234567"),
    ],
)
def test_numbers_in_any_format_and_digits_have_one_key(written, key):
    assert _keys(f"about {written} people") == [key]


@pytest.mark.parametrize(
    "written, key",
    [
        ("$1.5 billion", "1500000000"),
        ("1,5 Milliarden Dollar", "1500000000"),
        ("1,5 milliard de dollars", "1500000000"),
        ("1.500 millones de dólares", "1500000000"),
        ("2 mil millones", "2000000000"),
        ("1,5 млрд долларов", "1500000000"),
        ("1,5 мільярда доларів", "1500000000"),
        ("1.5 مليار دولار", "1500000000"),
        ("۱٫۵ میلیارد دلار", "1500000000"),
        ("1,5 milyar dolar", "1500000000"),
        ("1,5 δισ. δολάρια", "1500000000"),
        ("86 Mio. Euro", "86000000"),
        ("23 тыс. человек", "23000"),
        ("23 ألف شخص", "23000"),
        ("23 bin kişi", "23000"),
        ("23 ribu orang", "23000"),
    ],
)
def test_scale_words_multiply_in_every_language(written, key):
    assert _keys(written) == [key]


@pytest.mark.parametrize(
    "written",
    [
        "on 12 May 2024",
        "on May 12, 2024",
        "am 12. Mai 2024",
        "le 12 mai 2024",
        "el 12 de mayo de 2024",
        "12 Mayıs 2024 tarihinde",
        "pada 12 Mei 2024",
        "12 мая 2024 года",
        "12 травня 2024 року",
        "στις 12 Μαΐου 2024",
        "في 12 أيار/مايو 2024",
        "في ١٢ مايو ٢٠٢٤",
        "در ۱۲ مه ۲۰۲۴",
        "2024-05-12",
        "12.05.2024",
        "12/05/2024",  # day first unless the second part cannot be a month
    ],
)
def test_dates_in_any_language_and_script_are_one_day_and_a_year(written):
    figures = extract_figures(written)
    assert [(f.kind, f.key) for f in figures] == [("date", "05-12"), ("number", "2024")]
    date, year = figures
    assert date.strong and not year.strong  # every article of the year has the year


def test_us_dates_with_the_month_first_and_dates_without_a_day():
    assert _keys("05/28/2024") == ["05-28", "2024"]
    assert [(f.kind, f.key, f.strong) for f in extract_figures("in May 2024")] == [("date", "2024-05", False)]


def test_a_month_word_is_a_month_only_next_to_a_number():
    # "May" the verb and "mar" the sea are words; a day and a month make a date.
    assert extract_figures("Officials may decide in March whether the mar is safe.") == []
    assert _keys("The 12th of March") == ["03-12"]


def test_years_single_digits_and_times_are_weak_figures():
    figures = extract_figures("In 2023, 3 ministers met at 14:30 and approved 450 projects.")
    assert [(f.key, f.strong) for f in figures] == [("2023", False), ("3", False), ("14:30", False), ("450", True)]


def test_figures_keep_the_text_as_written_for_the_evidence():
    (figure,) = extract_figures("قتل ٢٣٬٠٠٠ شخص")
    assert figure.text == "٢٣٬٠٠٠" and figure.key == "23000"
    assert normalize_digits("٢٣٬٠٠٠") == "23,000"  # same length, so spans carry over
    assert parse_number("23.000") == parse_number("23,000") == 23000


@pytest.mark.parametrize(
    "spellings",
    [
        ["Zelensky", "Zelenskyy", "Зеленский", "Зеленського", "Зеленскому", "زيلينسكي", "زلنسکی", "Ζελένσκι"],
        ["Erdoğan", "Erdogan", "Эрдоган", "Ердоган", "أردوغان", "اردوغان", "Ερντογάν"],
        ["Putin", "Путин", "Путина", "بوتين", "پوتین", "Πούτιν"],
        ["Scholz", "Шольц", "شولتس", "Σολτς"],
        ["Muhammad", "Mohammed", "Мухаммад", "محمد"],
    ],
)
def test_names_in_several_scripts_meet_on_one_skeleton(spellings):
    keys = {skeleton(s)[:5] for s in spellings}
    assert len(keys) == 1, {s: skeleton(s) for s in spellings}


def test_skeleton_golden_values_and_different_names_stay_different():
    assert skeleton("Zelensky") == "SLNSK"
    assert skeleton("Erdoğan") == "RTKN"
    assert skeleton("Putin") == "BTN"
    assert skeleton("Zelensky") != skeleton("Erdogan") != skeleton("Solberg")


def test_arabic_clitics_and_article_are_tried_off_a_name():
    # "and Riyadh" written as one word: و + ال + رياض
    assert skeleton("رياض") in name_keys("والرياض")
    assert skeleton("Riyadh") == skeleton("رياض")


def test_a_translation_matches_its_original_in_three_scripts():
    english, russian, arabic = (extract_anchors(_page_text(f"storm-{lang}.html")) for lang in ("en", "ru", "ar"))
    assert arabic.caseless and not russian.caseless
    for a, b in ((english, russian), (english, arabic), (russian, arabic)):
        found = match_anchors(a, b)
        assert found.same, found.reason
        assert found.shared >= 6 and found.order == 1.0
    assert ("4,350", "4350") in [(x, y) for _k, x, y in match_anchors(english, russian).figures]
    found = match_anchors(english, arabic)
    assert ("Solberg", "سولبرغ") in found.names
    evidence = found.evidence()
    assert {"key": "86000000", "a": "86 million", "b": "٨٦ مليون"} in evidence["figures"]


def test_same_people_same_place_other_event_is_not_the_same_story():
    storm = extract_anchors(_page_text("storm-en.html"))
    for other in ("ferry-en.html", "ferry-fr.html"):
        found = match_anchors(storm, extract_anchors(_page_text(other)))
        assert not found.same
        assert "figures" in found.reason
    # The names alone are all shared: they are never enough.
    assert match_anchors(extract_anchors(_page_text("ferry-en.html")), extract_anchors(_page_text("ferry-fr.html"))).same


def test_figures_in_another_order_are_not_a_translation():
    a = extract_anchors("Counts: 101, 202, 303, 404, 505, 606, 707, 808 in Halvern, said Solberg.")
    b = extract_anchors("Counts: 808, 707, 606, 505, 404, 303, 202, 101 in Halvern, said Solberg.")
    found = match_anchors(a, b)
    assert not found.same and "order" in found.reason


def test_band_hashes_are_deterministic_shared_by_translations_and_need_three_figures():
    english, russian = (extract_anchors(_page_text(f"storm-{lang}.html")) for lang in ("en", "ru"))
    assert anchor_band_hashes(english) == anchor_band_hashes(extract_anchors(_page_text("storm-en.html")))
    assert set(anchor_band_hashes(english)) & set(anchor_band_hashes(russian))
    ferry = extract_anchors(_page_text("ferry-en.html"))
    assert not set(anchor_band_hashes(english)) & set(anchor_band_hashes(ferry))
    assert anchor_band_hashes(extract_anchors("In 2024, 45 people and 12 May.")) == []
