"""Image captions leaked into the body."""

from cleaning.captions import move_captions
from cleaning.context import PageContext, Report

PARA = "The harbour authority said on Friday that the new pier would open in spring after two years of delays and repairs."
PARA2 = "Fishermen welcomed the news but said the fees charged for mooring were still far too high for small boats."


def test_credit_captions_move_to_captions():
    captions = [
        "Workers repair the pier in March. (Reuters)",
        "Le port de pêche, le 3 mars 2024 (Crédit : AFP Photo/Jean Roux)",
        "Boats in the harbour at dawn. © Anna Berg, AFP",
        "Le quai en travaux. Photo : AP",
        "A crane lifts a beam / Getty Images",
        "The mayor at the opening (French)",
        "Caption: the old pier before the storm",
    ]
    for caption in captions:
        page = PageContext()
        report = Report()
        assert move_captions("\n".join([PARA, caption, PARA2]), page, report) == PARA + "\n" + PARA2, caption
        assert report.captions == [caption]
        assert report.changes[0].action == "moved"


def test_known_caption_from_markup():
    page = PageContext(known_captions=["The new pier at sunset"])
    report = Report()
    assert move_captions("\n".join([PARA, "The new pier at sunset", PARA2]), page, report) == PARA + "\n" + PARA2


def test_paragraphs_that_mention_agencies_stay():
    text = "\n".join([
        PARA,
        "“We will not stop,” the governor told Anadolu.",
        "The figures were confirmed to Reuters by two officials (AP and AFP did not comment).",
        "Der Patient erhält die elektronische Patientenakte (ePA)",
        "They painted a grim picture: hunger and fear",
        PARA2,
    ])
    assert move_captions(text, PageContext(), Report()) == text


def test_body_that_is_only_a_captioned_photo_keeps_it():
    text = "Pier opens\nA crowd watches the first ferry dock at the new pier. (DPA)"
    assert move_captions(text, PageContext(), Report()) == text


def test_body_line_equal_to_an_image_alt_is_a_caption():
    alt = "Fishermen   unload the first catch at the new pier"
    text = "\n".join([PARA, "fishermen unload the first catch at the new pier", PARA2])
    page = PageContext(image_alts=[alt])
    report = Report()
    assert move_captions(text, page, report) == PARA + "\n" + PARA2
    assert report.captions == ["fishermen unload the first catch at the new pier"]


def test_short_alt_does_not_take_a_body_line():
    text = "\n".join([PARA, "Harbour master", PARA2])
    assert move_captions(text, PageContext(image_alts=["Harbour master"]), Report()) == text
