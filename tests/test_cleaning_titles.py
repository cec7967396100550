"""Titles: site and section suffixes, doubling, copies in the body."""

from cleaning.pipeline import Page, clean_text, clean_title
from cleaning.titles import remove_title_repeats, split_title

PARA = "The harbour authority said on Friday that the new pier would open in spring after two years of delays and repairs."


def test_site_name_suffix_and_prefix():
    assert clean_title("Pier opens in spring – Valley Wire", Page(site_name="Valley Wire")) == "Pier opens in spring"
    assert clean_title("Valley Wire | Pier opens in spring", Page(site_name="Valley Wire")) == "Pier opens in spring"
    assert clean_title("Pier opens in spring - valleywire.example", Page()) == "Pier opens in spring"
    assert clean_title("Pier opens in spring", Page(url="https://www.valleywire.example/a")) == "Pier opens in spring"


def test_section_suffix():
    assert clean_title("Mayor resigns – Politics News", Page()) == "Mayor resigns"
    assert clean_title("Talks resume over harbour fees Harbour News", Page(categories=["Harbour"])) == "Talks resume over harbour fees"


def test_doubled_title_and_entities():
    assert clean_title("Pier opens | Pier opens", Page()) == "Pier opens"
    assert clean_title("Fish &amp; chips win", Page()) == "Fish & chips win"


def test_titles_that_must_stay():
    for title in ["Brexit: what happens next", "Sky News - Fox News rivalry heats up", "Interview with Fox News",
                  "Why the 2024 - 2025 budget matters"]:
        assert clean_title(title, Page()) == title


def test_title_split_from_body_and_copies_removed():
    page = Page()
    text = "Pier opens in spring\n\npier opens in spring\n" + PARA + "\nPier opens in spring"
    body = remove_title_repeats(split_title(text, page), page)
    assert page.title == "Pier opens in spring"
    assert body.strip() == PARA


def test_first_line_that_is_a_sentence_is_not_a_title():
    page = Page()
    text = PARA + "\n\n" + PARA
    assert split_title(text, page) == text and page.title is None


def test_breadcrumb_before_title():
    result = clean_text("Home World Europe Pier opens in spring\n\nPier opens in spring\n\n" + PARA)
    assert result.title == "Pier opens in spring"
    assert result.text == PARA


def test_given_title_is_not_kept_in_body():
    result = clean_text("Pier opens in spring\n" + PARA, Page(title="Pier opens in spring – Valley Wire", site_name="Valley Wire"))
    assert result.title == "Pier opens in spring"
    assert result.text == PARA


def test_title_repeated_with_a_section_label_leaves_the_body():
    page = Page(title="Pier opens in spring after two years of delays")
    body = "Pier opens in spring after two years of delays Economy News\n" + PARA
    assert clean_text(body, page).text == PARA
    page = Page(title="Pier opens in spring after two years of delays")
    body = "Pier opens in spring after two years of delays Harbour Desk\n" + PARA
    assert clean_text(body, page).text == PARA


def test_section_label_leaves_the_title():
    result = clean_text(PARA, Page(title="Pier opens in spring after two years of delays Economy News"))
    assert result.title == "Pier opens in spring after two years of delays"
    result = clean_text(PARA, Page(title="Pier opens in spring after two years of delays – Politics News"))
    assert result.title == "Pier opens in spring after two years of delays"
    # The body repeats the headline without the label: the label was the template's.
    body = "Pier opens in spring after two years of delays\n" + PARA
    result = clean_text(body, Page(title="Pier opens in spring after two years of delays Harbour Desk"))
    assert result.title == "Pier opens in spring after two years of delays"
    assert result.text == PARA


def test_line_that_continues_the_title_in_lower_case_stays():
    page = Page(title="Pier opens in spring")
    line = "Pier opens in spring after the storms, the harbour master said."
    assert clean_text(line + "\n" + PARA, page).text == line + "\n" + PARA
    result = clean_text(PARA, Page(title="Harbour town welcomes the Prime Minister"))
    assert result.title == "Harbour town welcomes the Prime Minister"


def test_category_glued_to_the_title_without_separator():
    # The page's own category, whole.
    assert clean_title("Iran and US resume nuclear talks Politics", Page(categories=["Politics"])) == \
        "Iran and US resume nuclear talks"
    # "<category> News" where the category word may end the sentence: only "News" goes.
    assert clean_title("Minister calls on him to pressure Iran News", Page(categories=["Iran"])) == \
        "Minister calls on him to pressure Iran"
    assert clean_title("Minister calls on him to pressure Iran News", Page(categories=["News"])) == \
        "Minister calls on him to pressure Iran"
    # Without any category nothing says "News" is not the outlet's name.
    assert clean_title("Minister calls on him to pressure Iran News", Page()) == \
        "Minister calls on him to pressure Iran News"
    assert clean_title("Trump sues Fox News over coverage", Page(categories=["Politics"])) == \
        "Trump sues Fox News over coverage"
