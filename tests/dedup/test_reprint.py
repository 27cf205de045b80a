"""MinHash signatures, the LSH index and paragraph hashes."""

from __future__ import annotations

from marsad.dedup import DedupConfig, ReprintIndex, paragraphs, signature
from marsad.dedup.reprint import signature_bytes, signature_from_bytes, words

CONFIG = DedupConfig()


def test_reprint_signature_survives_bytes(ariha_text):
    sig = signature(ariha_text, CONFIG)
    assert signature_from_bytes(signature_bytes(sig)).jaccard(sig) == 1.0


def test_reprint_words_fold_arabic_variants():
    assert words("أريحا إدلب") == words("اريحا ادلب")


def test_reprint_index_finds_lightly_edited_copy(ariha_text):
    index = ReprintIndex(CONFIG, [("orig", signature_bytes(signature(ariha_text, CONFIG)))])
    copy = ariha_text.replace("أفادت", "افادت") + "\nتابعونا على تلغرام"
    found = index.find(signature(copy, CONFIG))
    assert found is not None and found.article_id == "orig" and 0.8 <= found.similarity < 1.0


def test_reprint_index_ignores_other_report(ariha_text):
    index = ReprintIndex(CONFIG, [("orig", signature_bytes(signature(ariha_text, CONFIG)))])
    other = "اندلعت اشتباكات عنيفة بين قوات سوريا الديمقراطية وخلايا تنظيم الدولة في بلدة ذيبان شرقي دير الزور"
    assert index.find(signature(other, CONFIG)) is None
    assert index.find(signature(ariha_text, CONFIG), exclude="orig") is None


def test_reprint_paragraphs_skip_short_lines(ariha_text):
    found = paragraphs("عاجل | أريحا\n" + ariha_text, CONFIG)
    assert len(found) == 3  # the short breaking-news line is left out
    assert found[1].hash == paragraphs("عنوان\n" + ariha_text.splitlines()[1], CONFIG)[0].hash
