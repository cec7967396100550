"""The site's own template: learning it from a site's articles, and the two cleaners that apply it."""

from __future__ import annotations

import pytest

from cleaning.context import PageContext, Report
from cleaning.page import PageOptions, process_text
from cleaning.site import (
    SiteOptions,
    SiteProfile,
    TemplateOverrides,
    apply_template_overrides,
    learn_site_profile,
    line_key,
    remove_site_furniture,
    strip_site_affixes,
    template_lines,
    template_title,
)
from newscrawl.sources import SourcesError, parse_sources

# Article prose, one story each; none of it repeats.
STORIES = [
    "The council approved the harbour budget on Tuesday after a long debate about the old pier.",
    "Growers lit smudge pots through the night as the frost settled over the northern orchards.",
    "The central library will stay open until nine on weekdays from the first of next month.",
    "Fourteen school choirs sang in the cathedral on Saturday, the largest gathering in years.",
    "Twenty automatic gauges now report the water level of the lower river every five minutes.",
]
KICKER = "Moonwort Herald — printed at dawn on the quayside"
SIGN_OFF = "La redacción del Moonwort os desea buena marea"


def texts(*lines_per_article: list[str]) -> list[str]:
    return ["\n".join([STORIES[i], *lines]) for i, lines in enumerate(lines_per_article)]


def lines_of(profile: SiteProfile) -> set[str]:
    return {f.text for f in profile.furniture}


def test_a_line_on_the_required_share_of_stories_is_furniture():
    # KICKER on 3 of 5 stories (60 %), SIGN_OFF on 2 (40 %).
    profile = learn_site_profile(texts([KICKER, SIGN_OFF], [KICKER, SIGN_OFF], [KICKER], [], []))
    assert lines_of(profile) == {KICKER}
    assert profile.furniture[0].articles == 3 and profile.stories == 5
    # The share is a setting.
    lower = learn_site_profile(texts([KICKER, SIGN_OFF], [KICKER, SIGN_OFF], [KICKER], [], []),
                               options=SiteOptions(min_share=0.4))
    assert lines_of(lower) == {KICKER, SIGN_OFF}


def test_nothing_is_learned_from_fewer_articles_than_the_minimum():
    two = texts([KICKER], [KICKER])
    assert learn_site_profile(two).is_empty
    assert lines_of(learn_site_profile(two, options=SiteOptions(min_articles=2))) == {KICKER}


def test_copies_of_one_story_count_as_one_article():
    # Three copies of one agency story share its paragraph; a sign-off is on every page.
    shared = "The ministry said the new rules would take effect in March and apply to every port."
    pages = [f"{shared}\n{SIGN_OFF}"] * 3 + [f"{STORIES[1]}\n{SIGN_OFF}", f"{STORIES[2]}\n{SIGN_OFF}"]
    by_story = learn_site_profile(pages, stories=[7, 7, 7, None, None])
    assert lines_of(by_story) == {SIGN_OFF}
    assert by_story.stories == 3
    # Counted per page instead, the copies would make the story's own paragraph furniture.
    assert shared in lines_of(learn_site_profile(pages))


def test_a_sentence_of_prose_needs_the_minimum_of_stories_not_only_the_share():
    background = "Le port avait été fermé pendant trois semaines après la tempête de janvier dernier."
    short = "Moonwort Herald, édition du soir"
    profile = learn_site_profile(texts([background, short], [background, short], []))
    assert lines_of(profile) == {short}
    assert background in lines_of(learn_site_profile(texts([background], [background], [background])))


@pytest.mark.parametrize("first,second", [
    ("Ausgabe 412 · 3. März 2024", "Ausgabe 415 – 9. April 2025"),
    ("Édition du lundi 3 mars 2024, 08h15", "Édition du jeudi 17 octobre 2024, 18h40"),
    ("Выпуск № 12 от 3 мая 2024", "Выпуск № 15 от 9 июня 2024"),
    ("Sayı 12 · 3 Mayıs 2024 Cuma", "Sayı 15 · 9 Haziran 2024 Pazar"),
    ("第412期 2024年3月3日", "第415期 2024年4月9日"),
])
def test_numbers_and_month_and_day_names_do_not_tell_lines_apart(first, second):
    assert line_key(first) == line_key(second)
    pages = texts([first], [second], [first.replace("3", "5")])
    assert len(learn_site_profile(pages).furniture) == 1


def test_other_words_still_tell_lines_apart():
    assert line_key("Ausgabe 412 · 3. März 2024") != line_key("Beilage 412 · 3. März 2024")
    # A line of numbers alone is never template furniture.
    assert learn_site_profile(texts(["3 · 2024"], ["5 · 2023"], ["7 · 2022"])).is_empty


def test_title_affixes_on_most_titles_are_learned():
    titles = [f"{headline} | Moonwort Herald" for headline in ("Pier opens", "Frost spares orchards", "Library hours")]
    titles += ["Moonwort Herald: Choirs fill the cathedral", "Flood gauges installed"]
    profile = learn_site_profile(texts([], [], [], [], []), titles)
    assert [f.text for f in profile.title_suffixes] == ["Moonwort Herald"]
    assert profile.title_prefixes == ()  # one title only
    # A title seen whole on every page is no affix of headlines.
    same = learn_site_profile(texts([], [], []), ["Weather | Moonwort Herald"] * 3)
    assert same.title_suffixes == ()


PROFILE = learn_site_profile(
    texts([KICKER, SIGN_OFF, "Ausgabe 412 · 3. März 2024"], [KICKER, SIGN_OFF, "Ausgabe 415 · 9. April 2024"],
          [KICKER, SIGN_OFF, "Ausgabe 418 · 1. Mai 2024"]),
    ["Pier opens | Moonwort Herald", "Frost spares orchards | Moonwort Herald", "Moonwort Herald: Library hours"],
)


def test_the_cleaners_remove_the_template_and_record_each_removal():
    body = "\n".join([KICKER, "The ferry docked at its new pier on Monday.", SIGN_OFF,
                      "Ausgabe 421 · 7. Juni 2024",
                      "Readers of the Moonwort Herald — printed at dawn on the quayside — wrote in."])
    record = process_text(body, title="Ferry docks at new pier | Moonwort Herald", options=PageOptions(site_profile=PROFILE))
    assert record.title == "Ferry docks at new pier"
    # A template line inside a sentence is the article's.
    assert record.text == ("The ferry docked at its new pier on Monday.\n"
                           "Readers of the Moonwort Herald — printed at dawn on the quayside — wrote in.")
    removed = [c["before"] for c in record.changes if c["cleaner"] == "remove_site_furniture"]
    assert removed == [KICKER, SIGN_OFF, "Ausgabe 421 · 7. Juni 2024"]
    assert {"cleaner": "strip_site_affixes", "action": "removed", "before": "Ferry docks at new pier | Moonwort Herald",
            "after": "Ferry docks at new pier"} in record.changes
    # Cleaning is idempotent.
    again = process_text(record.text, title=record.title, options=PageOptions(site_profile=PROFILE))
    assert (again.title, again.text) == (record.title, record.text)
    # Without a profile nothing of this is touched.
    plain = process_text(body, title="Ferry docks at new pier | Moonwort Herald")
    assert KICKER in plain.text and SIGN_OFF in plain.text


def test_an_affix_is_not_stripped_when_nothing_would_be_left():
    page = PageContext(site_profile=PROFILE)
    report = Report()
    assert strip_site_affixes("Moonwort Herald", page, report) == "Moonwort Herald"
    assert strip_site_affixes("Moonwort Herald: Moonwort Herald", page, report) == "Moonwort Herald"
    assert remove_site_furniture("no template here", PageContext(), report) == "no template here"


def test_learning_again_from_cleaned_texts_keeps_the_template():
    # Stored texts no longer hold the lines; the recorded removals put them back.
    stored = []
    for text, title in zip(texts([KICKER, SIGN_OFF], [KICKER, SIGN_OFF], [KICKER, SIGN_OFF]),
                           ["A pier | Moonwort Herald", "A frost | Moonwort Herald", "A library | Moonwort Herald"]):
        record = process_text(text, title=title, options=PageOptions(site_profile=PROFILE))
        assert KICKER not in record.text
        stored.append((template_lines(record.text, record.changes), template_title(record.title, record.changes)))
    relearned = learn_site_profile([t for t, _ in stored], [t for _, t in stored])
    assert lines_of(relearned) == {KICKER, SIGN_OFF}
    assert [f.text for f in relearned.title_suffixes] == ["Moonwort Herald"]


def test_the_sources_file_keeps_adds_or_switches_off_template_lines():
    kept = apply_template_overrides(PROFILE, TemplateOverrides(keep=(SIGN_OFF.upper(),), extra=("Moonwort tide table",)))
    assert lines_of(kept) == {KICKER, "Ausgabe 412 · 3. März 2024", "Moonwort tide table"}
    assert kept.title_suffixes == PROFILE.title_suffixes
    assert apply_template_overrides(PROFILE, TemplateOverrides(enabled=False)) is None
    assert apply_template_overrides(PROFILE, TemplateOverrides()) is PROFILE
    # Extra lines apply before anything is learned.
    extra = apply_template_overrides(None, TemplateOverrides(extra=("Moonwort tide table",)))
    record = process_text(f"{STORIES[0]}\nMoonwort tide table", options=PageOptions(site_profile=extra))
    assert record.text == STORIES[0]


def test_template_keys_in_the_sources_file():
    (source,) = parse_sources('[[source]]\nname = "m"\nfeeds = ["https://moonwort.example/feed"]\n'
                              'template = false\ntemplate_keep = ["Moonwort Herald"]\ntemplate_extra = ["Tide table 3"]\n')
    assert source.template == TemplateOverrides(enabled=False, keep=("Moonwort Herald",), extra=("Tide table 3",))
    (plain,) = parse_sources('[[source]]\nname = "m"\nfeeds = ["https://moonwort.example/feed"]\n')
    assert plain.template == TemplateOverrides()


@pytest.mark.parametrize("line,expected", [
    ('template = "no"', "'template' must be true or false"),
    ('template_keep = "Moonwort Herald"', "'template_keep' must be a list of strings"),
    ('template_extra = ["2024 · 12"]', "'template_extra' has '2024 · 12': a template line needs letters"),
    ('templates = true', "unknown key 'templates'"),
])
def test_bad_template_keys_are_one_line_errors(line, expected):
    with pytest.raises(SourcesError) as caught:
        parse_sources(f'[[source]]\nname = "m"\nfeeds = ["https://moonwort.example/feed"]\n{line}\n', "s.toml")
    assert expected in str(caught.value) and "\n" not in str(caught.value)
