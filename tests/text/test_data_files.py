"""Every entry of the text layer's data files loads and is recognised in a template sentence."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hijridate import Hijri

from marsad.text.dates import find_dates
from marsad.text.lexicon import read_tsv, read_words, read_yaml
from marsad.text.numbers import find_numbers
from marsad.text.sentences import split_clauses, split_sentences

PUB = date(2018, 4, 19)  # a Thursday

AR_NUMBERS = [f for _, f in read_tsv("ar/numbers.tsv", 3)]
EN_NUMBERS = [f for _, f in read_tsv("en/numbers.tsv", 3)]
VAGUE = [("ar", f) for _, f in read_tsv("ar/number_vague.tsv", 4)] + [
    ("en", f) for _, f in read_tsv("en/number_vague.tsv", 4)
]
QUALIFIERS = [("ar", f) for _, f in read_tsv("ar/number_qualifiers.tsv", 3)] + [
    ("en", f) for _, f in read_tsv("en/number_qualifiers.tsv", 3)
]
DUALS = [f[0] for _, f in read_tsv("ar/dual_nouns.tsv", 2)]
MONTHS = [("ar", f) for _, f in read_tsv("ar/months.tsv", 3)] + [("en", f) for _, f in read_tsv("en/months.tsv", 3)]
AR_DATES = read_yaml("ar/dates.yaml")
EN_DATES = read_yaml("en/dates.yaml")


def _number(text: str) -> tuple[int | None, str, str | None]:
    found = find_numbers(text)
    assert len(found) == 1, (text, found)
    return found[0].value, found[0].qualifier, found[0].unit


@pytest.mark.parametrize("entry", AR_NUMBERS + EN_NUMBERS, ids=lambda e: e[0])
def test_data_number_words_recognised(entry: list[str]) -> None:
    word, value, cls = entry[0], int(entry[1]), entry[2]
    arabic = not word.isascii()
    if cls == "multiplier":
        text = f"نزح ثلاثة {word} شخص" if arabic else f"three {word} people fled"
        assert _number(text)[0] == 3 * value
    else:
        text = f"قتل {word} أشخاص" if arabic else f"killed {word} people"
        assert _number(text)[0] == value


@pytest.mark.parametrize("entry", VAGUE, ids=lambda e: e[1][0])
def test_data_vague_phrases_recognised(entry: tuple[str, list[str]]) -> None:
    lang, (phrase, qualifier, low, _high) = entry
    text = f"قتل {phrase} المدنيين" if lang == "ar" else f"killed {phrase} civilians"
    found = find_numbers(text)
    assert len(found) == 1, found
    assert (found[0].qualifier, found[0].low, found[0].value) == (qualifier, int(low), None)


@pytest.mark.parametrize("entry", QUALIFIERS, ids=lambda e: e[1][0])
def test_data_qualifiers_recognised(entry: tuple[str, list[str]]) -> None:
    lang, (phrase, qualifier, position) = entry
    noun = "أشخاص" if lang == "ar" else "people"
    if position == "between":
        opener = "بين" if lang == "ar" else "between"
        found = find_numbers(f"{opener} 5 {phrase} 7 {noun}")
        assert [(m.qualifier, m.low, m.high) for m in found] == [("range", 5, 7)]
    elif qualifier == "range":
        joiner = "و" if lang == "ar" else "and"
        found = find_numbers(f"{phrase} 5 {joiner} 7 {noun}")
        assert [(m.qualifier, m.low, m.high) for m in found] == [("range", 5, 7)]
        assert found[0].text.startswith(phrase)
    elif qualifier == "percent":
        assert _number(f"15 {phrase}") == (15, "exact", "percent")
    elif position == "before":
        assert _number(f"{phrase} 12 {noun}")[:2] == (12, qualifier)
    else:
        assert _number(f"12 {noun} {phrase}")[:2] == (12, qualifier)


@pytest.mark.parametrize("word", read_words("ar/number_designators.txt") + read_words("en/number_designators.txt"))
def test_data_number_designators_mark_figures(word: str) -> None:
    text = f"قرب {word} 17" if not word.isascii() else f"near {word.title()} 17"
    assert [(m.value, m.unit) for m in find_numbers(text)] == [(17, "designation")]


@pytest.mark.parametrize("word", DUALS)
def test_data_dual_nouns_recognised(word: str) -> None:
    assert find_numbers(f"قتل {word} في القصف")[0].value == 2


@pytest.mark.parametrize("entry", MONTHS, ids=lambda e: e[1][0])
def test_data_months_recognised(entry: tuple[str, list[str]]) -> None:
    lang, (name, month, calendar) = entry[0], entry[1][:3]
    if calendar == "hijri":
        expected = date(*Hijri(1444, int(month), 12).to_gregorian().datetuple()).isoformat()
        text = f"في 12 {name} 1444 هـ"
    else:
        expected = f"2020-{int(month):02d}-12"
        text = f"في 12 {name} 2020" if lang == "ar" else f"on 12 {name} 2020"
    found = find_dates(text, PUB)
    assert [m.value for m in found] == [expected]


def _one_date(text: str, published: date | None = PUB) -> object:
    found = find_dates(text, published)
    assert len(found) == 1, (text, found)
    return found[0]


def _sections(name: str) -> list[tuple[str, object, object]]:
    """(language, key, value) for every entry of a dates.yaml section in both languages."""
    out = []
    for lang, data in (("ar", AR_DATES), ("en", EN_DATES)):
        section = data[name]
        items = section.items() if isinstance(section, dict) else ((k, None) for k in section)
        out.extend((lang, key, value) for key, value in items)
    return out


@pytest.mark.parametrize("entry", _sections("weekdays"), ids=lambda e: str(e[1]))
def test_data_weekdays_recognised(entry: tuple[str, str, int]) -> None:
    lang, word, weekday = entry
    mention = _one_date(f"قتل يوم {word}" if lang == "ar" else f"killed on {word}")
    assert date.fromisoformat(mention.value).weekday() == weekday  # type: ignore[attr-defined]


@pytest.mark.parametrize("entry", _sections("day_parts"), ids=lambda e: str(e[1]))
def test_data_day_parts_recognised(entry: tuple[str, str, str]) -> None:
    lang, part, _ = entry
    mention = _one_date(f"قتل {part} أمس" if lang == "ar" else f"killed {part} yesterday")
    assert mention.value == "2018-04-18" and mention.text.startswith(part)  # type: ignore[attr-defined]


@pytest.mark.parametrize("entry", _sections("relative_days"), ids=lambda e: str(e[1]))
def test_data_relative_days_recognised(entry: tuple[str, str, int]) -> None:
    lang, phrase, offset = entry
    mention = _one_date(f"قتل {phrase} في المدينة" if lang == "ar" else f"killed {phrase} in the town")
    assert mention.value == (PUB + timedelta(offset)).isoformat()  # type: ignore[attr-defined]


@pytest.mark.parametrize("entry", _sections("relative_blockers"), ids=lambda e: str(e[1]))
def test_data_relative_blockers_block(entry: tuple[str, str, None]) -> None:
    lang, word, _ = entry
    text = f"في اليوم {word}" if lang == "ar" else f"today {word}"
    assert find_dates(text, PUB) == []


@pytest.mark.parametrize("entry", _sections("periods"), ids=lambda e: str(e[1]))
def test_data_periods_recognised(entry: tuple[str, str, str]) -> None:
    lang, word, period = entry
    mention = _one_date(f"{word} الماضي" if lang == "ar" else f"last {word}")
    expected = {"week": "2018-04-12", "month": "2018-03", "year": "2017"}[period]
    assert mention.value == expected  # type: ignore[attr-defined]


@pytest.mark.parametrize("entry", _sections("modifiers_after") + _sections("modifiers_before"), ids=lambda e: str(e[1]))
def test_data_modifiers_recognised(entry: tuple[str, str, int]) -> None:
    lang, word, offset = entry
    text = f"الشهر {word}" if not word.isascii() else f"{word} month"
    mention = _one_date(text)
    assert mention.value == {-1: "2018-03", 0: "2018-04", 1: "2018-05"}[offset]  # type: ignore[attr-defined]


@pytest.mark.parametrize("entry", _sections("period_edges"), ids=lambda e: str(e[1]))
def test_data_period_edges_recognised(entry: tuple[str, str, str]) -> None:
    lang, edge, _ = entry
    mention = _one_date(f"منذ {edge} العام الجاري" if lang == "ar" else f"since {edge} last year")
    assert mention.kind == "since" and edge in mention.text  # type: ignore[attr-defined]


@pytest.mark.parametrize("entry", _sections("year_words") + _sections("year_prepositions"), ids=lambda e: str(e[1]))
def test_data_year_words_recognised(entry: tuple[str, str, None]) -> None:
    _, word, _ = entry
    mention = _one_date(f"{word} 2019")
    assert mention.value == "2019"  # type: ignore[attr-defined]


@pytest.mark.parametrize("entry", _sections("year_markers"), ids=lambda e: str(e[1]))
def test_data_year_markers_recognised(entry: tuple[str, str, str]) -> None:
    _, marker, calendar = entry
    if calendar == "hijri":
        mention = _one_date(f"في 23 شعبان 1444 {marker} قتل")
        assert mention.value == "2023-03-15"  # type: ignore[attr-defined]
    else:
        mention = _one_date(f"في 15 آذار 2023 {marker} قتل")
        assert mention.value == "2023-03-15"  # type: ignore[attr-defined]
    assert mention.text.endswith(marker)  # type: ignore[attr-defined]


@pytest.mark.parametrize("entry", _sections("month_links"), ids=lambda e: str(e[1]))
def test_data_month_links_recognised(entry: tuple[str, str, None]) -> None:
    lang, link, _ = entry
    text = f"في 15 {link} آذار 2023" if lang == "ar" else f"the 15th {link} March 2023"
    assert _one_date(text).value == "2023-03-15"  # type: ignore[attr-defined]


@pytest.mark.parametrize("entry", _sections("month_words"), ids=lambda e: str(e[1]))
def test_data_month_words_recognised(entry: tuple[str, str, None]) -> None:
    _, word, _ = entry
    assert _one_date(f"في {word} آذار").value == "2018-03"  # type: ignore[attr-defined]


@pytest.mark.parametrize("entry", _sections("weekday_links"), ids=lambda e: str(e[1]))
def test_data_weekday_links_recognised(entry: tuple[str, str, None]) -> None:
    _, link, _ = entry
    mention = _one_date(f"الأربعاء {link} 15 آذار 2023")
    assert mention.value == "2023-03-15" and "weekday agrees" in mention.note  # type: ignore[attr-defined]


@pytest.mark.parametrize("entry", _sections("weekday_range_links"), ids=lambda e: str(e[1]))
def test_data_weekday_range_links_recognised(entry: tuple[str, str, None]) -> None:
    lang, link, _ = entry
    text = f"ليلة الثلاثاء {link} الأربعاء" if lang == "ar" else f"late Tuesday {link} Wednesday"
    mention = _one_date(text)
    assert mention.value == "2018-04-17" and "ending Wednesday" in mention.note  # type: ignore[attr-defined]


@pytest.mark.parametrize("entry", _sections("since_words") + _sections("until_words"), ids=lambda e: str(e[1]))
def test_data_since_until_recognised(entry: tuple[str, str, None]) -> None:
    lang, word, _ = entry
    text = f"{word} 15 آذار 2023" if lang == "ar" else f"{word} 15 March 2023"
    mention = _one_date(text)
    until = entry in _sections("until_words")
    assert mention.kind == ("until" if until else "since")  # type: ignore[attr-defined]
    assert mention.text.startswith(word)  # type: ignore[attr-defined]


@pytest.mark.parametrize("entry", _sections("ago_before") + _sections("ago_after"), ids=lambda e: str(e[1]))
def test_data_ago_words_recognised(entry: tuple[str, str, None]) -> None:
    lang, word, _ = entry
    before = entry in _sections("ago_before")
    text = f"{word} يومين" if before else f"two days {word}"
    assert _one_date(text).value == "2018-04-17"  # type: ignore[attr-defined]


@pytest.mark.parametrize("entry", _sections("ago_blockers"), ids=lambda e: str(e[1]))
def test_data_ago_blockers_block(entry: tuple[str, str, None]) -> None:
    lang, word, _ = entry
    text = f"قبل يومين {word} الهجوم" if lang == "ar" else f"two days {word} the attack"
    assert find_dates(text, PUB) == []


@pytest.mark.parametrize("entry", _sections("durations"), ids=lambda e: str(e[1]))
def test_data_durations_recognised(entry: tuple[str, str, list[object]]) -> None:
    lang, word, (unit, count) = entry
    n = count if count is not None else 3
    text = (f"قبل {word}" if count is not None else f"قبل 3 {word}") if lang == "ar" else (
        f"{word} ago" if count is not None else f"3 {word} ago")
    mention = _one_date(text)
    if unit == "month":
        assert mention.value == f"2018-{4 - n:02d}"  # type: ignore[attr-defined]
    else:
        days = n * (7 if unit == "week" else 1)
        assert mention.value == (PUB - timedelta(days)).isoformat()  # type: ignore[attr-defined]


@pytest.mark.parametrize("entry", _sections("count_words"), ids=lambda e: str(e[1]))
def test_data_count_words_recognised(entry: tuple[str, str, int]) -> None:
    _, word, count = entry
    assert _one_date(f"{word} week ago").value == (PUB - timedelta(7 * count)).isoformat()  # type: ignore[attr-defined]


@pytest.mark.parametrize("entry", [f for _, f in read_tsv("ar/ordinal_days.tsv", 2)], ids=lambda e: e[0])
def test_data_ordinal_days_recognised(entry: list[str]) -> None:
    ordinal, day = entry[0], int(entry[1])
    assert _one_date(f"في {ordinal} من آذار 2020").value == f"2020-03-{day:02d}"  # type: ignore[attr-defined]


@pytest.mark.parametrize("abbr", read_words("ar/abbreviations.txt") + read_words("en/abbreviations.txt"))
def test_data_abbreviations_do_not_split(abbr: str) -> None:
    text = f"قال {abbr}. محمد إن الوضع خطير" if not abbr.isascii() else f"Said {abbr.title()}. Smith today"
    assert len(split_sentences(text)) == 1


@pytest.mark.parametrize(
    "entry", [("ar", f) for _, f in read_tsv("ar/clause_openers.tsv", 2)] + [("en", f) for _, f in read_tsv("en/clause_openers.tsv", 2)],
    ids=lambda e: e[1][0],
)
def test_data_clause_openers_split(entry: tuple[str, list[str]]) -> None:
    lang, (word, _kind) = entry
    text = f"قصفت الطائرات بلدة في ريف إدلب، {word} المدنيون هناك" if lang == "ar" else f"Planes hit a town, {word} people fled"
    assert len(split_clauses(text)) == 2
