"""The whole cleaner list: order, records, idempotence, clean text untouched."""

from cleaning.context import PageContext, Report
from cleaning.pipeline import TEXT_CLEANERS, clean_text

CLEAN = """Storm damage closes coastal road

The coastal road between the two harbour towns will stay closed until Monday, the regional council said on Thursday.

Engineers found cracks in two retaining walls after last week's storm. "We will not take risks with people's lives," said council leader Anna Berg.

Buses will run a diversion through the hills, adding about 20 minutes to the journey. The U.S.-built ferry, which carries 2.5 times as many cars as the old one, will run extra trips."""

SYNDICATED = """Storm damage closes coastal road – Valley Wire

Storm damage closes coastal road

The coastal road between the two harbour towns will stay closed until Monday, the regional council said on Thursday.

Workers inspect a cracked wall on the coastal road. (Reuters)

Engineers found cracks in in two retaining walls after last week's storm.As a result, buses will run a diversion.

Source: valleywire.example

Related Articles
Ferry fares rise
Council meets on Friday

Leave a Reply
Your email address will not be published. Required fields are marked *
Back to top button"""


def test_clean_article_comes_through_untouched():
    result = clean_text(CLEAN.split("\n", 2)[2], PageContext(title="Storm damage closes coastal road"))
    assert result.text == CLEAN.split("\n", 2)[2]
    assert result.changes == []


def test_syndicated_copy_is_cleaned_and_reported():
    result = clean_text(SYNDICATED, PageContext(site_name="Valley Wire"))
    assert result.title == "Storm damage closes coastal road"
    assert result.text == (
        "The coastal road between the two harbour towns will stay closed until Monday, the regional council said on Thursday.\n\n"
        "Engineers found cracks in two retaining walls after last week's storm. As a result, buses will run a diversion."
    )
    assert result.captions == ["Workers inspect a cracked wall on the coastal road. (Reuters)"]
    assert result.source_url == "https://valleywire.example/"
    cleaners = {change.cleaner for change in result.changes}
    assert {"remove_attribution", "move_captions", "remove_trailing_blocks", "remove_doubled_words", "split_glued_words"} <= cleaners
    assert {change.action for change in result.changes} <= {"removed", "replaced", "moved", "detected"}


def test_cleaning_is_idempotent():
    first = clean_text(SYNDICATED, PageContext(site_name="Valley Wire"))
    again = clean_text(first.text, PageContext(title=first.title, site_name="Valley Wire"))
    assert again.text == first.text and again.title == first.title
    assert again.changes == []


def test_every_cleaner_is_named_and_pure_on_empty_text():
    for cleaner in TEXT_CLEANERS:
        page = PageContext()
        report = Report()
        assert cleaner("", page, report) == ""
        assert report.changes == []


def test_no_cleaner_changes_the_context_it_reads():
    # Cleaners report through the Report; the context they read stays as it
    # was given, whatever the text.
    import copy

    page = PageContext(title="Storm damage closes coastal road", url="https://valleywire.example/a", site_name="Valley Wire",
                       categories=["Politics"], tags=["storm"], known_captions=["Workers inspect a cracked wall"],
                       image_alts=["workers inspect a cracked wall on the coast"], extraction_dropped=["Source: x.example"])
    before = copy.deepcopy(page)
    for cleaner in TEXT_CLEANERS:
        for text in (SYNDICATED, CLEAN, "Storm damage closes coastal road\n\n" + CLEAN):
            cleaner(text, page, Report())
    assert page == before
    clean_text(SYNDICATED, page)
    assert page == before
