"""Titles: site and section suffixes, doubling, copies in the body."""

from cleaning.context import PageContext, Report
from cleaning.pipeline import clean_text, clean_title, run_cleaners
from cleaning.titles import remove_title_repeats, split_title

PARA = "The harbour authority said on Friday that the new pier would open in spring after two years of delays and repairs."


def test_site_name_suffix_and_prefix():
    assert clean_title("Pier opens in spring – Valley Wire", PageContext(site_name="Valley Wire")) == "Pier opens in spring"
    assert clean_title("Valley Wire | Pier opens in spring", PageContext(site_name="Valley Wire")) == "Pier opens in spring"
    assert clean_title("Pier opens in spring - valleywire.example", PageContext()) == "Pier opens in spring"
    assert clean_title("Pier opens in spring", PageContext(url="https://www.valleywire.example/a")) == "Pier opens in spring"


def test_section_suffix():
    assert clean_title("Mayor resigns – Politics News", PageContext()) == "Mayor resigns"
    assert clean_title("Talks resume over harbour fees Harbour News", PageContext(categories=["Harbour"])) == "Talks resume over harbour fees"


def test_doubled_title_and_entities():
    assert clean_title("Pier opens | Pier opens", PageContext()) == "Pier opens"
    assert clean_title("Fish &amp; chips win", PageContext()) == "Fish & chips win"


def test_titles_that_must_stay():
    for title in ["Brexit: what happens next", "Sky News - Fox News rivalry heats up", "Interview with Fox News",
                  "Why the 2024 - 2025 budget matters"]:
        assert clean_title(title, PageContext()) == title


def test_title_split_from_body_and_copies_removed():
    text = "Pier opens in spring\n\npier opens in spring\n" + PARA + "\nPier opens in spring"
    body, page = run_cleaners(text, PageContext(), Report(), [split_title, remove_title_repeats])
    assert page.title == "Pier opens in spring"
    assert body.strip() == PARA


def test_first_line_that_is_a_sentence_is_not_a_title():
    page = PageContext()
    report = Report()
    text = PARA + "\n\n" + PARA
    assert split_title(text, page, report) == text and report.found_title is None


def test_breadcrumb_before_title():
    result = clean_text("Home World Europe Pier opens in spring\n\nPier opens in spring\n\n" + PARA)
    assert result.title == "Pier opens in spring"
    assert result.text == PARA


def test_given_title_is_not_kept_in_body():
    result = clean_text("Pier opens in spring\n" + PARA, PageContext(title="Pier opens in spring – Valley Wire", site_name="Valley Wire"))
    assert result.title == "Pier opens in spring"
    assert result.text == PARA


def test_title_repeated_with_a_section_label_leaves_the_body():
    page = PageContext(title="Pier opens in spring after two years of delays")
    report = Report()
    body = "Pier opens in spring after two years of delays Economy News\n" + PARA
    assert clean_text(body, page).text == PARA
    page = PageContext(title="Pier opens in spring after two years of delays")
    report = Report()
    body = "Pier opens in spring after two years of delays Harbour Desk\n" + PARA
    assert clean_text(body, page).text == PARA


def test_an_image_caption_that_repeats_the_headline_leaves_the_body():
    cases = [
        ("Pemerintah Umumkan Harga Baru BBM Mulai Hari Ini",
         "Ilustrasi SPBU dan BBM - Pemerintah Umumkan Harga Baru BBM Mulai Hari Ini /ANTARA"),
        ("El Gobierno anuncia el nuevo precio de la gasolina", "Imagen de archivo: El Gobierno anuncia el nuevo precio de la gasolina"),
        ("Pier opens in spring after two years of delays", "Pier opens in spring after two years of delays (Photo: Harbour Desk)"),
    ]
    for title, caption in cases:
        assert clean_text(caption + "\n" + PARA, PageContext(title=title)).text == PARA, caption
    # A sentence that quotes the headline is the article's.
    title = "Pier opens in spring after two years of delays"
    line = "The council's notice, Pier opens in spring after two years of delays, was posted on Monday."
    assert line in clean_text(PARA + "\n" + line, PageContext(title=title)).text


def test_section_label_leaves_the_title():
    result = clean_text(PARA, PageContext(title="Pier opens in spring after two years of delays Economy News"))
    assert result.title == "Pier opens in spring after two years of delays"
    result = clean_text(PARA, PageContext(title="Pier opens in spring after two years of delays – Politics News"))
    assert result.title == "Pier opens in spring after two years of delays"
    # The body repeats the headline without the label: the label was the template's.
    body = "Pier opens in spring after two years of delays\n" + PARA
    result = clean_text(body, PageContext(title="Pier opens in spring after two years of delays Harbour Desk"))
    assert result.title == "Pier opens in spring after two years of delays"
    assert result.text == PARA


def test_line_that_continues_the_title_in_lower_case_stays():
    page = PageContext(title="Pier opens in spring")
    report = Report()
    line = "Pier opens in spring after the storms, the harbour master said."
    assert clean_text(line + "\n" + PARA, page).text == line + "\n" + PARA
    result = clean_text(PARA, PageContext(title="Harbour town welcomes the Prime Minister"))
    assert result.title == "Harbour town welcomes the Prime Minister"


def test_category_glued_to_the_title_without_separator():
    # The page's own category, whole.
    assert clean_title("Iran and US resume nuclear talks Politics", PageContext(categories=["Politics"])) == \
        "Iran and US resume nuclear talks"
    # "<category> News" where the category word may end the sentence: only "News" goes.
    assert clean_title("Minister calls on him to pressure Iran News", PageContext(categories=["Iran"])) == \
        "Minister calls on him to pressure Iran"
    assert clean_title("Minister calls on him to pressure Iran News", PageContext(categories=["News"])) == \
        "Minister calls on him to pressure Iran"
    # Without any category nothing says "News" is not the outlet's name.
    assert clean_title("Minister calls on him to pressure Iran News", PageContext()) == \
        "Minister calls on him to pressure Iran News"
    assert clean_title("Trump sues Fox News over coverage", PageContext(categories=["Politics"])) == \
        "Trump sues Fox News over coverage"


def test_site_name_in_a_phrase_with_a_section_or_abbreviated_as_the_host():
    cases = [
        ("Titular de la noticia de hoy | Noticias de Política en Diario Uno", "Diario Uno", "https://www.diariouno.example/a"),
        ("Pier opens in spring | Latest news from Valley Wire", "Valley Wire", "https://valleywire.example/a"),
        ("Pier opens in spring | Valley Wire Politics", "Valley Wire", "https://valleywire.example/a"),
        ("Rubrik om piren här | Dalposten Nyheter", "Dalposten", "https://dalposten.example/a"),
        ("Pier opens in spring - The Valley Harbour Times", "VHTimes", "https://www.vharbourtimes.example/a"),
        ("Neue Mole eröffnet im Frühling | Politik | Talbote", "Talbote", "https://www.talbote.example/a"),
        ("Pier opens in spring « Valley Wire", "Valley Wire", "https://valleywire.example/a"),
        ("Pier opens in spring - Valley Wire - News and views from every corner of the valley", "Valley Wire",
         "https://valleywire.example/a"),
        ("新码头将于春季正式开放_山谷日报", "山谷日报", "https://shangu.example/a"),
    ]
    for title, site, url in cases:
        clean = clean_title(title, PageContext(site_name=site, url=url))
        assert clean in ("Pier opens in spring", "Titular de la noticia de hoy", "Rubrik om piren här",
                         "Neue Mole eröffnet im Frühling", "新码头将于春季正式开放"), (title, clean)


def test_titles_that_name_the_site_or_a_section_inside_the_headline_stay():
    page = PageContext(site_name="Valley Wire", url="https://www.valleytimes.example/a")
    for title in ["Why I left the Valley Times after twenty years", "Warum die Politik versagt",
                  "Bayern – Politik", "Trump: Why he won - analysis", "Valley Wire staff vote to strike - report"]:
        assert clean_title(title, page) == title


def test_a_spaced_hyphen_in_a_title_is_a_separator_not_a_compound():
    assert clean_title("Why prices rose - again", PageContext()) == "Why prices rose - again"
    assert clean_title("Berlin , Paris und Rom", PageContext()) == "Berlin, Paris und Rom"


def test_a_section_after_a_headline_written_without_spaces_goes():
    assert clean_title("新码头春季开放 | 政治", PageContext(categories=("政治",))) == "新码头春季开放"
    assert clean_title("새 부두 봄에 개장 | 정치", PageContext(categories=("정치",))) == "새 부두 봄에 개장"
