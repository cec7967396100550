"""The machine-translation score: its signals, its formula, and its place in the page function."""

from cleaning.mtscore import (
    MT_SCORE_VERSION,
    SIGNALS,
    MTScoreOptions,
    count_debris,
    count_words,
    explain_counts,
    score_counts,
)
from cleaning.page import process_text

CLEAN = (
    "The harbour authority said on Friday that the new pier would open in spring after two years of delays.\n\n"
    "Engineers found cracks in the old supports last winter, and the council voted to rebuild them in steel.\n\n"
    "Ferry services will run from the temporary landing until the work is finished, the authority added."
)


def counts_of(text: str, title: str | None = None) -> dict[str, int]:
    return process_text(text, title=title).mt_parts["counts"]


def test_a_professional_text_scores_zero():
    record = process_text(CLEAN, title="New pier to open in spring")
    assert record.mt_score == 0
    assert record.mt_version == MT_SCORE_VERSION
    assert record.mt_parts == {"words": count_words(f"{record.title}\n{record.text}"), "counts": {}}


def test_repairs_the_cleaners_record_are_counted_per_spot():
    damaged = CLEAN.replace("in spring", "in in spring").replace("delays.", "delays. delays.")
    damaged = damaged.replace("the council", "the councilToday, the council")
    counts = counts_of(damaged)
    assert counts.get("doubled_words") == 2
    assert counts.get("glued_words") == 1


def test_mojibake_counts_but_composing_accents_does_not():
    garbled = CLEAN + "\n\nLe maire a dÃ©clarÃ© que la rÃ©ouverture Ã©tait prÃ©vue."
    assert counts_of(garbled).get("mojibake", 0) >= 4
    decomposed = CLEAN + "\n\nDie Bru\u0308cke wird im Fru\u0308hjahr geo\u0308ffnet, sagte der Bu\u0308rgermeister."
    assert "mojibake" not in counts_of(decomposed)


def test_a_translation_note_and_a_calqued_credit():
    text = CLEAN + "\n\nThis article was translated automatically and may contain errors."
    assert counts_of(text).get("translation_note") == 1
    captioned = CLEAN.replace("\n\nEngineers", "\n\nThe minister during a visit to the pier (French)\n\nEngineers")
    record = process_text(captioned)
    assert record.mt_parts["counts"].get("credit_calques") == 1
    assert "(French)" not in record.text
    # The agency's own name is a professional credit.
    assert "credit_calques" not in counts_of(captioned.replace("(French)", "(AFP)"))


def test_debris_no_cleaner_repairs():
    assert counts_of("पुलिस ने कहा कि जांच जारी है।उल्लेखनीय है कि घटना कल रात हुई थी।").get("glued_punctuation") == 1
    assert counts_of("المجلس عقد اجتماعا اليوم ، أن الحكومة قررت").get("spaced_punctuation") == 1
    assert counts_of("Bakan bir açıklama Açıklaması yaptı ve konuştu.").get("echoed_words") == 1
    assert counts_of("MADRIDAlmeida said the plan would go ahead next year.").get("glued_punctuation") == 1
    # What careful writing does: a decimal comma, an address, a Korean particle after a quote.
    for text in ("Inflation rose to 2,5 percent, the bank said, see www.example.org/report.html for details.",
                 "그는 “너네들이 우습게 봐도 괜찮다”고 말했다.",
                 "Die „Zeit“ berichtete am Montag darüber."):
        assert counts_of(text) == {}, text


def test_title_printed_more_than_twice():
    title = "Harbour pier opens after two years"
    assert "doubled_lines" not in counts_of(f"{title}\n\n{CLEAN}")
    assert counts_of(f"{title}\n{title}\n{title}\n\n{CLEAN}").get("doubled_lines") == 1


def test_the_formula():
    options = MTScoreOptions(weights=(("doubled_words", 2.0),), min_words=100)
    # Per 1,000 words, weighted; short texts count as min_words long.
    assert score_counts({"doubled_words": 3, "markup": 1}, 500, options) == 1000 * (2 * 3 + 1) / 500
    assert score_counts({"markup": 1}, 20, options) == 10.0
    parts = explain_counts({"doubled_words": 3, "markup": 1}, 500, options)
    assert [p["signal"] for p in parts] == ["doubled_words", "markup"]
    assert parts[0]["points"] == 12.0 and parts[0]["meaning"] == SIGNALS["doubled_words"]


def test_words_of_unspaced_scripts():
    assert count_words("one two three") == 3
    assert count_words("東京都は新しい計画を発表した") == 7
