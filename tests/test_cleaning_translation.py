"""Machine-translation debris inside sentences, and what must not be touched."""

from cleaning.context import PageContext, Report
from cleaning.translation import (
    fix_punctuation_spacing,
    join_drop_caps,
    lower_midsentence_words,
    remove_doubled_words,
    remove_duplicate_lines,
    split_glued_words,
    unify_name_variants,
)

PARA = "The harbour authority said on Friday that the new pier would open in spring after two years of delays and repairs."


def run(cleaner, text, **page):
    return cleaner(text, PageContext(**page), Report())


def test_doubled_words():
    assert run(remove_doubled_words, "a flood in in the valley") == "a flood in the valley"
    assert run(remove_doubled_words, "a lasting catastrophe. catastrophe.") == "a lasting catastrophe."
    assert run(remove_doubled_words, "talks with Norway Norway said, and Norway agreed") == "talks with Norway said, and Norway agreed"
    assert run(remove_doubled_words, "« ils sont prêts » dit le maire qui est « est prêt »") == "« ils sont prêts » dit le maire qui « est prêt »"


def test_doubled_words_that_are_meant():
    for text in ["He said that that was enough.", "She had had enough.", "bye bye, she said", "Walla Walla is in Washington",
                 "the score was 20 20 at half time", "Ticker Last Change Change %", "the panda Ling Ling was born",
                 "penghinaan yang amat amat keji"]:
        assert run(remove_doubled_words, text) == text


def test_duplicate_lines():
    assert run(remove_duplicate_lines, PARA + "\n" + PARA) == PARA
    assert run(remove_duplicate_lines, PARA + " " + PARA) == PARA
    half = PARA.split(" that ")
    split_copy = half[0] + " that\n" + "that ".join(half[1:])
    assert run(remove_duplicate_lines, PARA.replace(" that ", " that ") + "\n" + half[0] + "\n" + " that ".join(half[1:])) != ""
    assert run(remove_duplicate_lines, "Yes.\nYes.") == "Yes.\nYes."
    assert split_copy


def test_glued_words():
    assert run(split_glued_words, "Minister NorbergToday, Tuesday, said") == "Minister Norberg Today, Tuesday, said"
    assert run(split_glued_words, "by al-HassanOn Monday the") == "by al-Hassan On Monday the"
    assert run(split_glued_words, "on the cliff.As the sun rose") == "on the cliff. As the sun rose"
    assert run(split_glued_words, "Oslo [Norway], May 2:A photo shows") == "Oslo [Norway], May 2: A photo shows"
    assert run(split_glued_words, "OSLO May 2 (Wire) -The ministry said") == "OSLO May 2 (Wire) - The ministry said"
    assert run(split_glued_words, "την Αθήνα.Ειδικότερα, οι") == "την Αθήνα. Ειδικότερα, οι"


def test_glued_words_that_are_names_or_addresses():
    for text in ["on LinkedIn, YouTube and PayPal", "McDonald's in the U.S. and e.g. iPhone", "it grew 2.5 times",
                 "see https://example.org/News.As and www.example.com/Path.The", "built with Node.js today",
                 "der Patient als Informationsquelle und -Verteiler", "Final score: 3:1"]:
        assert run(split_glued_words, text) == text


def test_punctuation_spacing():
    assert run(fix_punctuation_spacing, "au Liban , en Israël") == "au Liban, en Israël"
    assert run(fix_punctuation_spacing, "στη Γάζα , σκοτώνοντας") == "στη Γάζα, σκοτώνοντας"
    assert run(fix_punctuation_spacing, "Ankara، Istanbul and Izmir؟") == "Ankara, Istanbul and Izmir?"
    for text in ["Il a dit : « Non ! »", "Pourquoi ? Parce que ; voilà", "قال الوزير، إن الحكومة", "wait ... what"]:
        assert run(fix_punctuation_spacing, text) == text


def test_midsentence_function_words():
    assert run(lower_midsentence_words, "causing An unprecedented flood") == "causing an unprecedented flood"
    for text in ["talks at the United Nations", "flights to The Hague", "a report in The Times said", "levels of vitamin A increase",
                 "As The War Goes On"]:
        assert run(lower_midsentence_words, text) == text


def test_drop_caps():
    assert run(join_drop_caps, "I t was cold.") == "It was cold."
    assert run(join_drop_caps, "T he pier opened.") == "The pier opened."
    for text in ["A man waited.", "I am here.", "O prof. disse", "E chi siamo noi", "B vitamins help"]:
        assert run(join_drop_caps, text) == text


def test_name_variants_detected_and_unified_by_title():
    page = PageContext(title="Norberg visits the harbour")
    report = Report()
    text = "Norrberg spoke first. Later Norberg said the pier was ready."
    assert unify_name_variants(text, page, report) == "Norberg spoke first. Later Norberg said the pier was ready."
    assert any(c.action == "detected" for c in report.changes)


def test_name_variants_without_evidence_are_only_detected():
    page = PageContext()
    report = Report()
    text = "Norrberg spoke first. Later Norberg said the pier was ready."
    assert unify_name_variants(text, page, report) == text
    assert [c.action for c in report.changes] == ["detected"]


def test_inflections_are_not_variants():
    text = "Das Dokument und die Dokumente. Das Konzept, die Konzepte."
    page = PageContext()
    report = Report()
    assert unify_name_variants(text, page, report) == text and report.changes == []


def test_name_variant_in_a_moved_caption_is_detected_and_follows_the_title():
    from cleaning.context import PageContext, Report
    from cleaning.translation import unify_name_variants

    page = PageContext(title="Minister Marranto visits the northern border")

    report = Report()
    report.captions.append("Minister Maranto (left) at the border post (Reuters)")
    text = "Marranto toured the border on Monday.\nHe said Marranto's ministry would send more patrols."
    assert unify_name_variants(text, page, report) == text
    assert report.captions == ["Minister Marranto (left) at the border post (Reuters)"]
    assert [(c.action, c.before) for c in report.changes] == [
        ("detected", "Marranto ×3, Maranto ×1"), ("replaced", "Maranto")
    ]


def test_grammatical_doubles_in_german_and_english_stay():
    from cleaning.context import PageContext, Report
    from cleaning.translation import remove_doubled_words

    for sentence in (
        "Die Frauen, die die Kinder betreuen, erhalten ab Januar mehr Geld.",
        "Er sagte, dass das das beste Angebot sei.",
        "The company said it had had no contact with the buyers.",
        "Nous nous sommes réunis hier soir pour discuter du budget.",
    ):
        assert remove_doubled_words(sentence, PageContext(), Report()) == sentence
    assert remove_doubled_words("Los vecinos de de la ciudad protestaron.", PageContext(), Report()) == "Los vecinos de la ciudad protestaron."
