"""The phrase matcher: clitics, suffixes, capitals, longest match."""

from marsad.extract.matcher import AR_SUFFIXES, PhraseMatcher
from marsad.text.normalize import NormalizedText


def _matcher(*phrases: str, suffixes: frozenset[str] | None = None) -> PhraseMatcher:
    matcher = PhraseMatcher() if suffixes is None else PhraseMatcher(suffixes=suffixes)
    for phrase in phrases:
        matcher.add(phrase, phrase)
    matcher.build()
    return matcher


def _found(matcher: PhraseMatcher, text: str) -> list[str]:
    nt = NormalizedText(text)
    return [text[m.start:m.end] for m in matcher.find(nt)]


def test_matcher_allows_arabic_proclitics():
    assert _found(_matcher("قوات النظام"), "هاجموا نقطة لقوات النظام") == ["لقوات النظام"]
    assert _found(_matcher("الميليشيات"), "والميليشيات انسحبت") == ["والميليشيات"]


def test_matcher_li_plus_article_form():
    assert _found(_matcher("التنظيم"), "هجوم للتنظيم على الحاجز") == ["للتنظيم"]


def test_matcher_rejects_word_inside_another():
    assert _found(_matcher("قسد"), "قسدين المقصد") == []
    assert _found(_matcher("مدني"), "المدنية") == []


def test_matcher_accepts_listed_suffix_only():
    matcher = _matcher("هجوم", suffixes=AR_SUFFIXES)
    assert _found(matcher, "شنوا هجوما عنيفا") == ["هجوما"]
    assert _found(matcher, "هجومية") == []


def test_matcher_folds_hamza_and_diacritics():
    assert _found(_matcher("إطلاق النار"), "بعد اطلاقِ النار مباشرة") == ["اطلاقِ النار"]


def test_matcher_short_capital_english_needs_capitals():
    matcher = _matcher("IS")
    assert _found(matcher, "IS fighters attacked") == ["IS"]
    assert _found(matcher, "this is a test") == []


def test_matcher_prefers_longest_phrase():
    matcher = _matcher("الحرس الثوري", "الحرس الثوري الإيراني")
    assert _found(matcher, "مقر للحرس الثوري الإيراني قرب المدينة") == ["للحرس الثوري الإيراني"]


def test_matcher_stem_with_star_takes_any_ending():
    matcher = PhraseMatcher()
    matcher.add("attack*", "a")
    matcher.build()
    assert _found(matcher, "militants attacked a post") == ["attacked"]
