"""Metadata read from the markup: headline, authors, publisher, dates.

Pages written for these tests, one trait each; read through the same tree
the extractor parses (cleaning/metadata.py), and through the whole page
function where the title cleaners take part."""

from __future__ import annotations

import json

import pytest

from cleaning.authors import AuthorEntry, byline_in_text, clean_authors, split_byline
from cleaning.context import PageContext
from cleaning.dates import instant_key, is_plausible, parse_date
from cleaning.extract import parse_html
from cleaning.metadata import article_headings, read_metadata
from cleaning.page import process_page
from cleaning.pipeline import clean_title

URL = "https://www.harbour-courier.example/news/2024/03/pier-opens-after-repairs-123"
FETCHED = "2024-03-06T12:00:00+00:00"
BODY = "".join(
    f"<p>{p}</p>"
    for p in [
        "The harbour authority said on Tuesday that the new pier would open in spring after two years of delays.",
        "Fishers who use the old quay said they had waited a long time for the repairs and welcomed the news.",
        "The work cost more than planned because storms damaged the foundations twice during the winter.",
        "Officials expect the pier to bring more visitors to the old town and its market in the summer months.",
    ]
)


def page(head: str = "", article: str = "<h1>Pier opens after two years of repairs</h1>", body_extra: str = "") -> str:
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Pier opens after two years of repairs | Harbour Courier</title>
{head}</head><body>
<nav><a href="/">Home</a> <a href="/news/">News</a></nav>
<article>{article}{BODY}</article>{body_extra}
<footer>Harbour Courier, 1 Quay Street</footer></body></html>"""


def ld(*objects) -> str:
    return "".join(f'<script type="application/ld+json">{json.dumps(o)}</script>' for o in objects)


def meta_of(html: str, url: str = URL, fetched: str = FETCHED):
    return read_metadata(parse_html(html), url, fetched)


ARTICLE = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    "headline": "Pier opens after two years of repairs",
    "datePublished": "2024-03-05T08:15:00+02:00",
    "dateModified": "2024-03-05T10:00:00+02:00",
    "author": [{"@type": "Person", "name": "Jane Doe"}, {"@type": "Person", "name": "John Roe"}],
    "publisher": {"@type": "NewsMediaOrganization", "name": "Harbour Courier"},
}


# --- JSON-LD ---------------------------------------------------------------


def test_json_ld_article_gives_headline_people_publisher_and_dates_with_time():
    found = meta_of(page(ld(ARTICLE)))
    assert found.title == "Pier opens after two years of repairs"
    assert found.authors == ["Jane Doe", "John Roe"]
    assert found.publisher == "Harbour Courier"
    assert found.published == "2024-03-05T08:15:00+02:00"
    assert found.modified == "2024-03-05T10:00:00+02:00"


def test_json_ld_graph_with_author_and_publisher_given_by_reference():
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "@id": "https://harbour-courier.example/#site", "name": "Harbour Courier"},
            {"@type": "Organization", "@id": "#org", "name": "Harbour Courier Media"},
            {"@type": "Person", "@id": "#anna", "name": "Anna Berg", "url": "https://harbour-courier.example/author/anna-berg"},
            {"@type": "WebPage", "@id": URL, "mainEntity": {"@id": "#story"}},
            {"@type": ["ReportageNewsArticle"], "@id": "#story", "headline": "Pier opens after two years of repairs",
             "author": {"@id": "#anna"}, "publisher": {"@id": "#org"}, "datePublished": "2024-03-05T08:15:00Z"},
        ],
    }
    found = meta_of(page(ld(graph)))
    assert found.authors == ["Anna Berg"]
    assert found.publisher == "Harbour Courier Media"
    assert found.published == "2024-03-05T08:15:00+00:00"


def test_json_ld_array_and_the_main_article_among_related_ones():
    related = {"@type": "ItemList", "itemListElement": [
        {"@type": "ListItem", "item": {"@type": "NewsArticle", "headline": "Ferry strike ends",
                                       "datePublished": "2024-02-01T09:00:00Z", "author": {"name": "Max Muster"}}}]}
    other = {**ARTICLE, "headline": "Market hall reopens", "url": "https://www.harbour-courier.example/news/market",
             "datePublished": "2024-01-10T09:00:00Z", "author": {"@type": "Person", "name": "Eva Lind"}}
    own = {**ARTICLE, "mainEntityOfPage": {"@id": URL}}
    found = meta_of(page(f'<script type="application/ld+json">{json.dumps([related, other, own])}</script>'))
    assert found.title == "Pier opens after two years of repairs"
    assert found.authors == ["Jane Doe", "John Roe"]
    assert found.published == "2024-03-05T08:15:00+02:00"


def test_nested_person_objects_given_and_family_name_and_the_site_as_author():
    article = {**ARTICLE, "author": [
        {"@type": "Person", "givenName": "Birgit", "familyName": "Baumann"},
        {"@type": "Person", "name": "Baumann, Birgit"},
        {"@type": "Organization", "name": "Harbour Courier"},
        {"@type": "Organization", "name": "Reuters"},
    ]}
    found = meta_of(page(ld(article)))
    # One person twice, the site's own name as publisher, an agency kept.
    assert found.authors == ["Birgit Baumann", "Reuters"]
    assert found.publisher == "Harbour Courier"


def test_dates_of_images_comments_and_broken_scripts_are_not_the_articles():
    article = {**ARTICLE, "datePublished": "2024-03-05",
               "image": {"@type": "ImageObject", "url": "https://x.example/p.jpg", "uploadDate": "2019-06-01T10:00:00Z"},
               "comment": [{"@type": "Comment", "dateCreated": "2024-03-06T07:00:00Z"}]}
    html = page('<script type="application/ld+json">{"@type": "NewsArticle", broken</script>' + ld(article))
    assert meta_of(html).published == "2024-03-05"


# --- microdata and meta ----------------------------------------------------


def test_microdata_article():
    article = """<div itemscope itemtype="https://schema.org/NewsArticle">
<h1 itemprop="headline">Pier opens after two years of repairs</h1>
<span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Ola Nordmann</span></span>
<time itemprop="datePublished" datetime="2024-03-05T08:15:00+01:00">5 March</time>
<div itemscope itemtype="https://schema.org/NewsArticle"><meta itemprop="datePublished" content="2023-01-01"></div>
</div>"""
    found = meta_of(page(article=article))
    assert found.authors == ["Ola Nordmann"]
    assert found.published == "2024-03-05T08:15:00+01:00"


def test_meta_fallbacks():
    head = """<meta property="og:title" content="Pier opens after two years of repairs">
<meta property="og:site_name" content="Harbour Courier">
<meta name="author" content="Von Anna Muster und Max Beispiel">
<meta property="article:published_time" content="2024-03-05T08:15:00+0100">
<meta property="article:modified_time" content="2024-03-05T09:00:00+01:00">"""
    found = meta_of(page(head))
    assert found.authors == ["Anna Muster", "Max Beispiel"]
    assert found.publisher == found.site_name == "Harbour Courier"
    assert found.published == "2024-03-05T08:15:00+01:00"
    assert found.modified == "2024-03-05T09:00:00+01:00"


def test_byline_in_the_page_when_the_markup_names_no_one():
    article = '<h1>Pier opens after two years of repairs</h1><p class="byline">By Jane Doe and John Roe</p>'
    assert meta_of(page(article=article)).authors == ["Jane Doe", "John Roe"]


# --- dates -----------------------------------------------------------------


@pytest.mark.parametrize("text,iso", [
    ("2024-03-05", "2024-03-05"),
    ("2024-03-05T08:15", "2024-03-05T08:15:00"),
    ("2024-03-05 08:15:30.123Z", "2024-03-05T08:15:30+00:00"),
    ("2024-03-05T08:15:00-0500", "2024-03-05T08:15:00-05:00"),
    ("Tue, 05 Mar 2024 08:15:00 +0100", "2024-03-05T08:15:00+01:00"),
    ("05.03.2024 08:15", "2024-03-05T08:15:00"),
])
def test_dates_keep_the_precision_the_page_gives(text, iso):
    assert parse_date(text).iso() == iso


@pytest.mark.parametrize("text", ["yesterday", "2024-13-01", "2024-02-30", "05/03/2024", ""])
def test_what_is_no_date(text):
    assert parse_date(text) is None


def test_plausibility_against_the_fetch_time():
    fetched = parse_date(FETCHED).instant()
    assert is_plausible(parse_date("2024-03-06T12:30:00+00:00"), fetched)  # clocks differ a little
    assert not is_plausible(parse_date("2024-03-06T15:00:00+00:00"), fetched)
    assert is_plausible(parse_date("2024-03-07"), fetched)  # a date may be in a zone east of UTC
    assert not is_plausible(parse_date("2024-03-09"), fetched)
    assert not is_plausible(parse_date("1970-01-01T00:00:00Z"), fetched)


def test_a_date_after_the_fetch_gives_way_to_the_next_source():
    head = '<meta property="article:published_time" content="2024-03-04T17:00:00+01:00">'
    found = meta_of(page(head + ld({**ARTICLE, "datePublished": "2024-04-05T08:15:00+02:00"})))
    assert found.published == "2024-03-04T17:00:00+01:00"
    assert any(c["cleaner"] == "choose_published" and c["action"] == "removed" for c in found.changes)


def test_an_agreeing_source_adds_the_time_and_the_zone_is_never_invented():
    head = '<meta property="article:published_time" content="2024-03-05T08:15:00+02:00">'
    assert meta_of(page(head + ld({**ARTICLE, "datePublished": "2024-03-05"}))).published == "2024-03-05T08:15:00+02:00"
    # A date alone stays a date; a local time stays without zone.
    assert meta_of(page(ld({**ARTICLE, "datePublished": "2024-03-05"}))).published == "2024-03-05"
    assert meta_of(page(ld({**ARTICLE, "datePublished": "2024-03-05T08:15:00"}))).published == "2024-03-05T08:15:00"


def test_local_time_labelled_utc_gives_way_to_its_offset():
    head = '<meta property="article:published_time" content="2024-03-05T08:15:00-04:00">'
    found = meta_of(page(head + ld({**ARTICLE, "datePublished": "2024-03-05T08:15:00+00:00"})))
    assert found.published == "2024-03-05T08:15:00-04:00"


def test_a_modification_before_the_publication_is_dropped():
    found = meta_of(page(ld({**ARTICLE, "dateModified": "2024-03-01T08:00:00+02:00"})))
    assert found.modified is None


def test_the_date_line_gives_the_time_where_the_markup_has_none():
    article = ('<h1>Pier opens after two years of repairs</h1>'
               '<div class="meta_date">erstellt: 05. März 2024, 08:15</div>')
    html = page(article=article).replace("<title>", '<meta name="date" content="2024-03-05"><title>')
    assert meta_of(html).published == "2024-03-05T08:15:00"


def test_htmldate_only_when_the_markup_has_no_date():
    # No structured date: htmldate reads the date the page prints in its own markup.
    html = page(article='<h1>Pier opens after two years of repairs</h1><p class="date">Published 2024-03-05</p>')
    assert meta_of(html, url="https://harbour-courier.example/news/pier").published == "2024-03-05"


def test_instants_order_across_offsets_and_precisions():
    assert instant_key("2024-03-05T09:00:00+02:00") < instant_key("2024-03-05T08:00:00+00:00")
    # A date alone is placed at the end of its day.
    assert instant_key("2024-03-05T23:00:00+00:00") < instant_key("2024-03-05") < instant_key("2024-03-06T00:00:00Z")


# --- authors ---------------------------------------------------------------


@pytest.mark.parametrize("byline,names", [
    ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
    ("Von Anna Muster und Max Beispiel", ["Anna Muster", "Max Beispiel"]),
    ("Por Ana Ruiz y Juan Pérez", ["Ana Ruiz", "Juan Pérez"]),
    ("Par Marie Dupont et Paul Martin", ["Marie Dupont", "Paul Martin"]),
    ("di Viviana Rossi e Marco Bianchi", ["Viviana Rossi", "Marco Bianchi"]),
    ("Kari Nordmann og Ola Hansen", ["Kari Nordmann", "Ola Hansen"]),
    ("Ayşe Yılmaz ve Mehmet Demir", ["Ayşe Yılmaz", "Mehmet Demir"]),
    ("Иван Петров и Пётр Иванов", ["Иван Петров", "Пётр Иванов"]),
    ("Oleh Budi Santoso dan Siti Aminah", ["Budi Santoso", "Siti Aminah"]),
    ("Autor: Jan Nowak", ["Jan Nowak"]),
    ("Baumann, Birgit", ["Birgit Baumann"]),
    ("AFP, dpa", ["AFP", "dpa"]),
    ("Jane Doe, Senior Reporter | 05.03.2024, 08:15", ["Jane Doe"]),
    ("홍길동 기자", ["홍길동"]),
    ("Jane Doe (AFP)", ["Jane Doe", "AFP"]),
    ("Capital Von Jemima Kelly", ["Jemima Kelly"]),
    ("Redaktion", []),
    ("Online-Redaktion", []),
    ("jane.doe@harbour-courier.example", []),
    ("Luigi Di Maio", ["Luigi Di Maio"]),
    ("Tom Krisher, AP Auto Writer", ["Tom Krisher"]),
    ("Analysis by Chris Cillizza, CNN Editor-at-large", ["Chris Cillizza"]),
    ("ERIC TUCKERAssociated Press", ["ERIC TUCKER", "Associated Press"]),
    ("Carrie ArnoldNovember 15, 2019", ["Carrie Arnold"]),
    ("Carlos Nadalim Carlos Nadalim", ["Carlos Nadalim"]),
    ("Finian Cunningham. Sputnik International", ["Finian Cunningham", "Sputnik International"]),
    ("Michael McDonald and Mark LeBlanc", ["Michael McDonald", "Mark LeBlanc"]),
    ("Ursula von der Leyen", ["Ursula von der Leyen"]),
    # "Family, Given" in each segment of a list.
    ("Doe, Jane; Roe, John", ["Jane Doe", "John Roe"]),
    ("Baumann, Birgit | Muster, Anna", ["Birgit Baumann", "Anna Muster"]),
    # A one-word label of any language before a colon.
    ("Text: Anna Muster, Fotos: Max Beispiel", ["Anna Muster", "Max Beispiel"]),
    ("Muhabir: Ali Veli", ["Ali Veli"]),
    ("Redaktion: Anna Muster", ["Anna Muster"]),
    # A role in front of a name: the name; a role with no name: nothing.
    ("Reporter Jane Doe", ["Jane Doe"]),
    ("Von dpa-Korrespondent Max Muster", ["Max Muster"]),
    ("Journaliste Marie Dupont", ["Marie Dupont"]),
    ("Correspondent in Paris", []),
    ("Ana Ruiz, corresponsal en Madrid", ["Ana Ruiz"]),
    ("Marie Dupont, correspondante à Bruxelles", ["Marie Dupont"]),
    # "with" and its kin credit a second writer; "and agencies" credits no one.
    ("Jane Doe with AP", ["Jane Doe", "AP"]),
    ("Anna Muster mit Max Beispiel", ["Anna Muster", "Max Beispiel"]),
    ("Ana Ruiz con Juan Pérez", ["Ana Ruiz", "Juan Pérez"]),
    ("Con O'Neill", ["Con O'Neill"]),
    ("Jane Doe and agencies", ["Jane Doe"]),
    ("Marie Dupont avec agences", ["Marie Dupont"]),
    # Honorifics keep their full stop inside the name.
    ("Prof. Dr. Max Muster", ["Prof. Dr. Max Muster"]),
    ("Dott. Marco Rossi e Giulia Bianchi", ["Dott. Marco Rossi", "Giulia Bianchi"]),
    # A paper's desk is no person.
    ("De Standaard-redactie", []),
    ("Jane Doe, Reuters", ["Jane Doe", "Reuters"]),
    # "written by" of several languages, also where its preposition is a
    # name particle ("von", "da"); the particle inside a name stays.
    ("Geschrieben von Max Muster", ["Max Muster"]),
    ("Scritto da Mario Rossi", ["Mario Rossi"]),
    ("Napisał Jan Kowalski", ["Jan Kowalski"]),
    ("Leonardo da Vinci", ["Leonardo da Vinci"]),
    # Desks by another name.
    ("Toimitus", []),
    ("Newsdesk", []),
    ("Mario Rossi, inviato a Roma", ["Mario Rossi"]),
    # The place a writer files from is no part of the name.
    ("Jane Doe in Washington and John Roe in London", ["Jane Doe", "John Roe"]),
    ("Jane Doe in New York", ["Jane Doe"]),
    ("Von Max Muster aus Berlin", ["Max Muster"]),
    ("Marie Dupont à Paris", ["Marie Dupont"]),
    ("Kari Nordmann i Oslo", ["Kari Nordmann"]),
    ("Jan Kowalski w Warszawie", ["Jan Kowalski"]),
    ("Иван Петров в Москве", ["Иван Петров"]),
    # What stays: "and" in the languages where it is also "in", a second
    # writer of several words, a place name that is part of a newspaper's.
    ("Jan Kowalski i Anna Nowak", ["Jan Kowalski", "Anna Nowak"]),
    ("Jan Jansen en Piet de Vries", ["Jan Jansen", "Piet de Vries"]),
    ("Petr Novák a Jana Nováková", ["Petr Novák", "Jana Nováková"]),
    ("Jane Doe, Washington Post", ["Jane Doe", "Washington Post"]),
    ("Anna Muster in", []),
])
def test_bylines_in_many_languages(byline, names):
    assert split_byline(byline)[0] == names


def test_one_person_written_several_ways_is_kept_once_in_the_best_form():
    entries = [AuthorEntry("JOSE GARCIA"), AuthorEntry("José García", "person"), AuthorEntry("jose-garcia")]
    assert clean_authors(entries).people == ["José García"]


def test_the_site_and_the_platform_are_not_authors():
    found = clean_authors([AuthorEntry("Harbour Courier Online"), AuthorEntry("WordPress"), AuthorEntry("Jane Doe")],
                          ("Harbour Courier", "harbour-courier.example"))
    assert found.people == ["Jane Doe"]
    assert found.publisher == "Harbour Courier Online"


@pytest.mark.parametrize("credited,site,people", [
    ("Harbour Courier", "The Harbour Courier", []),
    ("Hafenbote", "Der Hafenbote", []),
    ("Correo del Puerto staff", "El Correo del Puerto", []),
    # A person whose name starts like the site's stays a person.
    ("Sun Li", "The Sun", ["Sun Li"]),
    ("Jane Doe", "The Harbour Courier", ["Jane Doe"]),
])
def test_the_site_credited_without_its_article_is_the_publisher(credited, site, people):
    found = clean_authors([AuthorEntry(credited)], (site,))
    assert found.people == people
    assert (found.publisher is None) == bool(people)


# --- titles ----------------------------------------------------------------


def test_headline_agreed_by_structured_data_and_heading_over_a_social_title():
    head = '<meta property="og:title" content="You will not believe what happened at the pier">'
    found = meta_of(page(head + ld(ARTICLE)))
    assert found.title == "Pier opens after two years of repairs"
    change = next(c for c in found.changes if c["cleaner"] == "choose_title")
    assert "structured headline" in change["evidence"]


def test_heading_of_the_article_header_when_the_h1_is_a_breadcrumb():
    head = ('<meta property="og:title" content="The pier is back: repairs end after two years">'
            + ld({**ARTICLE, "headline": "Harbour: pier reopening, repairs, costs and dates"}))
    article = ('<ul class="breadcrumb"><li><h1>Harbour: pier reopening, repairs, costs and dates</h1></li></ul>'
               '<header class="article-header"><h2><span>Harbour</span> The pier is back: repairs end after two years'
               '</h2></header>')
    assert meta_of(page(head, article=article)).title == "The pier is back: repairs end after two years"


@pytest.mark.parametrize("inner,text", [
    ('<style>.k{font-size:14px}</style>Pier opens after two years of repairs', "Pier opens after two years of repairs"),
    ('<span class="sr-only">Artikel:</span> Neuer Steg öffnet nach zwei Jahren<script>track("h1")</script>',
     "Neuer Steg öffnet nach zwei Jahren"),
    ('<span>港湾</span> 桟橋が修理後に再開<noscript>画像</noscript>', "港湾 桟橋が修理後に再開"),
    # What is shown stays, kicker and inline markup included.
    ('<span class="kicker">Harbour</span> The pier is <em>back</em>', "Harbour The pier is back"),
])
def test_a_heading_reads_as_shown_without_styles_scripts_or_hidden_labels(inner, text):
    assert article_headings(parse_html(page(article=f"<h1>{inner}</h1>"))) == [text]


def test_a_cut_structured_headline_gives_way_to_the_whole_heading():
    found = meta_of(page(ld({**ARTICLE, "headline": "Pier opens after two years…"})))
    assert found.title == "Pier opens after two years of repairs"


@pytest.mark.parametrize("title,context,clean", [
    ("Pier opens after repairs | Harbour Courier", {"site_name": "Harbour Courier"}, "Pier opens after repairs"),
    ("Pier opens after repairs – Harbour Courier", {"site_name": "Harbour Courier"}, "Pier opens after repairs"),
    ("Harbour Courier - Pier opens after repairs", {"site_name": "Harbour Courier"}, "Pier opens after repairs"),
    ("Pier opens after repairs | DW | 28.04.2023", {"url": "https://www.dw.com/de/pier"}, "Pier opens after repairs"),
    ("Pier opens after repairs | Süddeutsche", {"url": "https://www.sueddeutsche.de/a"}, "Pier opens after repairs"),
    ("Pier opens after repairs | NZZ", {"site_name": "Neue Zürcher Zeitung"}, "Pier opens after repairs"),
    ("Pier opens after repairs - Harbour - harbour-courier.example", {"categories": ("Harbour",)},
     "Pier opens after repairs"),
    ("桟橋が修理後に再開｜港新聞", {"site_name": "港新聞"}, "桟橋が修理後に再開"),
    ("桟橋が修理後に再開 ： 港新聞", {"site_name": "港新聞"}, "桟橋が修理後に再開"),
    ("부두, 2년 만에 다시 문 열어-사회ㅣ항구일보", {"site_name": "항구일보"}, "부두, 2년 만에 다시 문 열어"),
    ("Brexit-Chaos im Hafen | Harbour Courier", {"site_name": "Harbour Courier"}, "Brexit-Chaos im Hafen"),
    # The site's name without its article.
    ("Pier opens after repairs | Harbour Courier", {"site_name": "The Harbour Courier"}, "Pier opens after repairs"),
    ("Neuer Steg öffnet nach zwei Jahren – Hafenbote", {"site_name": "Der Hafenbote"},
     "Neuer Steg öffnet nach zwei Jahren"),
    ("Nuevo muelle abre tras dos años - Noticias - Correo del Puerto", {"site_name": "El Correo del Puerto"},
     "Nuevo muelle abre tras dos años"),
    # A headline that starts with the name's other words stays whole.
    ("Times Square reopens after repairs | The Times", {"site_name": "The Times"}, "Times Square reopens after repairs"),
    ("Welt-Premiere im Hafen – Die Welt", {"site_name": "Die Welt"}, "Welt-Premiere im Hafen"),
    ("Correo strike ends after talks - El Correo", {"site_name": "El Correo"}, "Correo strike ends after talks"),
])
def test_site_section_and_date_parts_after_every_kind_of_separator(title, context, clean):
    assert clean_title(title, PageContext(**context)) == clean


def test_a_headline_ending_in_a_tag_keeps_it_when_structured_data_says_so():
    title = "Best places to eat fish in Landkreis München"
    context = {"categories": ("Landkreis München",)}
    assert clean_title(title, PageContext(**context)) == "Best places to eat fish in"
    assert clean_title(title, PageContext(**context, headlines=(title,))) == title


def test_the_page_function_records_why_title_authors_and_date_were_chosen():
    head = ('<meta property="og:title" content="Good news for the old town: its pier is back">'
            '<meta property="article:published_time" content="2024-03-05T08:15:00+02:00">'
            + ld({**ARTICLE, "datePublished": "2024-03-05", "author": "By Jane Doe and John Roe"}))
    record = process_page(page(head), URL, fetched_at=FETCHED)
    assert record.title == "Pier opens after two years of repairs"
    assert record.authors == ["Jane Doe", "John Roe"] and record.author == "Jane Doe, John Roe"
    assert record.published == "2024-03-05T08:15:00+02:00"
    cleaners = {c["cleaner"] for c in record.changes if c.get("evidence")}
    assert {"choose_title", "split_authors", "choose_published"} <= cleaners
    # The site's name after the same headline is no choice between headlines.
    plain = process_page(page(ld(ARTICLE)), URL, fetched_at=FETCHED)
    assert not [c for c in plain.changes if c["cleaner"] == "choose_title"]


# --- a byline in the text ----------------------------------------------------

PROSE = ("The harbour authority said on Tuesday that the new pier would open in spring after two years of delays.\n"
         "Fishers who use the old quay said they had waited a long time for the repairs.")


@pytest.mark.parametrize("top,names", [
    ("Jane Doe", ["Jane Doe"]),
    ("Mathatisi Sebusi/Mohalenyane Phakela", ["Mathatisi Sebusi", "Mohalenyane Phakela"]),
    ("Von Anna Muster und Max Beispiel", ["Anna Muster", "Max Beispiel"]),
    ("Por Ana Ruiz", ["Ana Ruiz"]),
    ("…as the fishers ask for more berths\nKari Nordmann og Ola Hansen", ["Kari Nordmann", "Ola Hansen"]),
    ("홍길동 기자", ["홍길동"]),
    ("By Jane Doe | 5 March 2024", ["Jane Doe"]),
    ("Jane Doe, Senior Reporter", ["Jane Doe"]),
    ("Por Ana Ruiz, corresponsal en Madrid", ["Ana Ruiz"]),
])
def test_a_byline_line_above_the_first_paragraph(top, names):
    found = byline_in_text(f"{top}\n{PROSE}", ("Harbour Courier",), "Pier opens after two years of repairs")
    assert found is not None and found[1] == names
    assert found[0] == top.count("\n")


@pytest.mark.parametrize("top", [
    "Olaf Scholz",  # a kicker: the article goes on to name him
    "Harbour Courier",  # the site
    "Breaking News",
    "Pier Opens",  # the title's own words
    "Hamburg, 5. März 2024",
    "The harbour reopens",  # a sentence, not a name
    "北京",  # no label or role in a script without spaces
    "Jane Doe | 5 March 2024",  # a date without a label: a caption or a stamp
    "Jane Doe, Washington",  # a second part that is no job
])
def test_what_is_no_byline_line(top):
    text = f"{top}\n{PROSE}\nChancellor Olaf Scholz visited the pier."
    assert byline_in_text(text, ("Harbour Courier",), "Pier Opens") is None


def test_a_byline_after_the_first_paragraph_is_the_articles_own_line():
    assert byline_in_text(f"{PROSE}\nJane Doe", ()) is None


def test_the_page_function_takes_the_texts_byline_when_the_markup_credits_only_the_site():
    head = ld({**ARTICLE, "author": {"@type": "Organization", "name": "Harbour Courier"}})
    record = process_page(page(head, article="<h1>Pier opens after two years of repairs</h1><p>Jane Doe</p>"),
                          URL, fetched_at=FETCHED)
    assert record.authors == ["Jane Doe"] and record.publisher == "Harbour Courier"
    assert "Jane Doe" not in record.text.split("\n")
    assert any(c["cleaner"] == "split_authors" and c["before"] == "Jane Doe" for c in record.changes)
    # Markup that names the people wins; the line is left to the cleaners.
    named = process_page(page(ld(ARTICLE), article="<h1>Pier opens after two years of repairs</h1><p>Jane Doe</p>"),
                         URL, fetched_at=FETCHED)
    assert named.authors == ["Jane Doe", "John Roe"]


def test_a_rejected_page_keeps_a_clean_title():
    html = """<html><head><title>Pier opens after two years of repairs | Harbour Courier</title>
<meta property="og:site_name" content="Harbour Courier"></head><body><p>Loading…</p></body></html>"""
    record = process_page(html, URL, fetched_at=FETCHED)
    assert record.rejected
    assert record.title == "Pier opens after two years of repairs"
    assert any(c["cleaner"] == "strip_site_name" for c in record.changes)


def test_author_rules_read_from_the_attributes_select_the_same_elements():
    from lxml import etree
    from trafilatura.xpaths import AUTHOR_XPATHS, REGEXP_NS

    from cleaning.metadata import attribute_first

    classes = ["author", "byline", "post-author-name", "AuthorName", "authorName", "x-Author", "writer-box",
               "screenname", "Byline", "channel-name", "byl", "BBL", "username", "xiaobian", "authorship",
               "author name", "meta", "", "auth", "posted-by", "by-line", "journalist-name first"]
    tags = ["a", "div", "span", "p", "h3", "h4", "strong", "address", "section", "li"]
    cells = []
    for i, cls in enumerate(classes):
        tag = tags[i % len(tags)]
        other = tags[(i + 3) % len(tags)]
        cells.append(f'<{tag} class="{cls}">Ana Ruiz {i}</{tag}>')
        cells.append(f'<{other} id="{cls}-{i}"><span itemprop="{cls}">Luis {i}</span></{other}>')
        cells.append(f'<{tag} rel="{cls}" data-testid="AuthorCard" data-component="Byline{i}">x</{tag}>')
    cells.append('<div><rel>me</rel></div><author>Someone</author><div rel="author">By Me</div>')
    tree = parse_html(f"<html><body>{''.join(cells)}</body></html>")
    for rule in AUTHOR_XPATHS:
        faster = attribute_first(rule)
        assert faster.path != rule.path
        found = list(faster(tree))
        assert found == list(rule(tree)) and len(found) >= 3
    # Rules of another form, or whose pattern holds for a missing attribute, are kept as they are.
    for source in ("//div[@class='a']//a[@href]", "//*[re:test(@class, 'x?')]", "//*[text()='By']"):
        rule = etree.XPath(source, namespaces={"re": REGEXP_NS})
        assert attribute_first(rule) is rule
