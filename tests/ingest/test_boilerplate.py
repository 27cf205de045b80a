"""Boilerplate rules: every shipped pattern loads and fires; removed lines are remembered."""

from __future__ import annotations

import unicodedata

import pytest

from marsad.errors import DataFileError
from marsad.ingest import Boilerplate, read_text

RULES = Boilerplate.default()
BODY = "قتل مدنيان وأصيب ثلاثة آخرون بجروح جراء قصف مدفعي استهدف بلدة كفرنبل في ريف إدلب الجنوبي، بحسب الدفاع المدني."
BODY2 = "وقال الدفاع المدني إن فرقه أسعفت المصابين إلى مستشفى قريب، وإن القصف طال أيضاً أطراف بلدة حاس المجاورة."
TITLE = "قصف مدفعي على ريف إدلب الجنوبي"


def _examples():
    for number, rule in enumerate(RULES.rules):
        for example in rule.examples:
            yield pytest.param(rule, example, id=f"{number}-{rule.reason}-{example[:20]}")


def _context(rule, example: str) -> list[str]:
    """Put an example where its rule applies: near the top, mid-text, or at the foot."""
    if rule.where == "top":
        return [TITLE, example, BODY, BODY2]
    if rule.where == "foot" or rule.kind == "summary":  # a summary heading also takes the paragraph after it
        return [TITLE, BODY, BODY2, example]
    return [TITLE, BODY, example, BODY2]


def test_boilerplate_rules_load():
    assert len(RULES.rules) >= 20
    reasons = {rule.reason for rule in RULES.rules}
    expected = {"share-buttons", "follow-us", "photo-credit", "view-counter", "byline",
                "related-links", "section-tags", "outlet-tag", "separator"}
    assert expected <= reasons
    assert all(rule.examples for rule in RULES.rules)


@pytest.mark.parametrize(("rule", "example"), list(_examples()))
def test_boilerplate_each_pattern_fires_on_its_example(rule, example):
    lines = _context(rule, example)
    cleaned = RULES.clean("\n".join(lines))
    assert [(r.text, r.reason) for r in cleaned.removed] == [(example, rule.reason)]
    assert cleaned.removed[0].line_no == lines.index(example) + 1
    assert cleaned.text == "\n".join(line for line in lines if line != example)


@pytest.mark.parametrize("line", [
    "شاهد عيان قال إن الانفجار وقع قرب المدرسة",
    "By the time the convoy reached the checkpoint, the gunmen had fled into the desert west of the town.",
    "أخبار متضاربة عن عدد القتلى في صفوف قوات النظام، والمرصد يتحدث عن تسعة.",
    "وأظهرت صورة نشرها ناشطون آثار الدمار في البلدة.",
    "وقال مصدر خاص لشبكة الرصد إن القصف استمر ساعتين.",
    "Follow-up reports said two more bodies were found.",
])
def test_boilerplate_body_lines_are_kept(line):
    cleaned = RULES.clean("\n".join([TITLE, line, BODY, BODY2]))
    assert cleaned.removed == []


def test_boilerplate_byline_only_at_top():
    lines = [TITLE, BODY, BODY2, BODY, BODY2, BODY, "By Sarah Khalil", BODY2, BODY]
    assert RULES.clean("\n".join(lines)).removed == []


def test_boilerplate_section_tags_only_at_foot():
    cleaned = RULES.clean("\n".join([TITLE, "أخبار", BODY, BODY2]))
    assert cleaned.removed == []


def test_boilerplate_related_header_takes_its_headlines():
    text = "\n".join([
        TITLE, BODY, "اقرأ أيضاً:", "انفجار عبوة ناسفة بسيارة عسكرية قرب تدمر",
        "مقتل راعيين برصاص مجهولين في بادية الرقة", "", BODY2,
    ])
    cleaned = RULES.clean(text)
    assert [(r.line_no, r.reason) for r in cleaned.removed] == [
        (3, "related-links"), (4, "related-links"), (5, "related-links")]
    assert cleaned.text == "\n".join([TITLE, BODY, BODY2])


def test_boilerplate_related_header_stops_at_long_paragraph():
    text = "\n".join([TITLE, BODY, "أخبار ذات صلة", "غارة على أطراف جسر الشغور", BODY2])
    cleaned = RULES.clean(text)
    assert [r.line_no for r in cleaned.removed] == [3, 4]
    assert cleaned.text.endswith(BODY2)


def test_boilerplate_related_header_with_headline_is_one_line():
    text = "\n".join([TITLE, BODY, "أخبار ذات صلة: مقتل عنصرين بانفجار لغم في ريف حماة", "قتيل في درعا", BODY2])
    cleaned = RULES.clean(text)
    assert [r.line_no for r in cleaned.removed] == [3]
    assert "قتيل في درعا" in cleaned.text


def test_boilerplate_foot_block_takes_short_tag_lines():
    text = "\n".join([TITLE, BODY, BODY2, "الوسوم:", "داعش", "البادية السورية", "دير الزور"])
    cleaned = RULES.clean(text)
    assert [(r.line_no, r.reason) for r in cleaned.removed] == [
        (4, "section-tags"), (5, "section-tags"), (6, "section-tags"), (7, "section-tags")]


def test_boilerplate_short_last_line_without_tag_header_is_kept():
    text = "\n".join([TITLE, BODY, BODY2, "انتهى"])
    assert RULES.clean(text).text.endswith("انتهى")


def test_boilerplate_outlet_tag_sets_outlet():
    doc = read_text("\n".join([TITLE, "خاص - SY24", BODY]), published="2023-05-07")
    assert doc.meta["outlet_tag"] == "SY24"
    assert doc.outlet == "SY24"
    assert doc.removed[0].reason == "outlet-tag"


def test_boilerplate_outlet_tag_keeps_given_outlet():
    doc = read_text("\n".join([TITLE, "خاص - SY24", BODY]), outlet="Other", published="2023-05-07")
    assert doc.outlet == "Other" and doc.meta["outlet_tag"] == "SY24"


def test_boilerplate_clean_text_layout():
    decomposed = unicodedata.normalize("NFD", "آثار")  # alef + madda as two code points
    text = f"{TITLE}   \r\n\r\n\r\n  {BODY}\t\n\u00a0\n{decomposed} {BODY2}  \n\n"
    cleaned = RULES.clean(text)
    assert cleaned.text == f"{TITLE}\n{BODY}\n آثار {BODY2}".replace("\n ", "\n")
    assert unicodedata.is_normalized("NFC", cleaned.text)
    assert "\n\n" not in cleaned.text


def test_boilerplate_removed_lines_are_remembered_in_document(fixtures):
    text = (fixtures / "report_ar.txt").read_text(encoding="utf-8")
    doc = read_text(text, published="2023-05-07")
    reasons = [(r.line_no, r.reason) for r in doc.removed]
    assert reasons == [
        (3, "share-buttons"), (4, "share-buttons"), (5, "share-buttons"), (7, "outlet-tag"),
        (9, "byline"), (15, "photo-credit"), (21, "related-links"), (22, "related-links"),
        (23, "related-links"), (27, "separator"), (29, "view-counter"), (30, "section-tags"),
        (31, "section-tags"), (32, "section-tags"),
    ]
    assert doc.removed[0].text == "Facebook"
    assert "Facebook" not in doc.text and "مشاهدات" not in doc.text and "اقرأ" not in doc.text
    assert doc.text.splitlines()[-1].startswith("وتشهد بادية حماة")


def test_boilerplate_bad_rule_file_raises(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text("rules:\n  - reason: x\n    pattern: '(unclosed'\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="rule 'x' has a bad pattern"):
        Boilerplate.from_yaml(path)
    path.write_text("rules:\n  - pattern: 'a'\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="bad rule"):
        Boilerplate.from_yaml(path)
    path.write_text("other: 1\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="no 'rules' list of mappings"):
        Boilerplate.from_yaml(path)


def test_boilerplate_rules_must_be_mappings(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text("rules:\n  - just a string\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="no 'rules' list of mappings"):
        Boilerplate.from_yaml(path)


def test_boilerplate_long_lines_are_never_boilerplate():
    long_line = "Facebook " * 40  # would match share-buttons, but a 360-character line is a paragraph
    assert RULES.clean("\n".join([TITLE, long_line.strip(), BODY])).removed == []


def test_boilerplate_summary_and_key_points_before_the_report_are_removed():
    """An "article summary" (a label line, one paragraph) and "key points" (bullets) retell the report
    above it: removed, so the incident is told once; the report's own paragraphs stay."""
    summary = "نفذت قوات النظام قصفاً مدفعياً على ريف إدلب أدى إلى مقتل مدنيين، وسط تصعيد متواصل في المنطقة."
    text = "\n\n".join([TITLE, "ملخص المقال", "إنتاج AI", summary, "النقاط الأساسية",
                       "• قتل مدنيان بقصف مدفعي على كفرنبل.\n• القصف طال أطراف بلدة حاس.", BODY, BODY2])
    cleaned = RULES.clean(text)
    assert summary not in cleaned.text and "النقاط الأساسية" not in cleaned.text and "•" not in cleaned.text
    assert BODY in cleaned.text and BODY2 in cleaned.text and TITLE in cleaned.text
    assert {r.reason for r in cleaned.removed} == {"article-summary"}


def test_boilerplate_summary_of_bullets_leaves_the_first_paragraph():
    """"ملخص:" followed by bullets: the bullets are the summary, the paragraph after them is the report."""
    text = "\n".join([TITLE, "ملخص:", "- قتل مدنيان بقصف مدفعي على كفرنبل.", "- القصف طال أطراف بلدة حاس.", BODY, BODY2])
    cleaned = RULES.clean(text)
    assert BODY in cleaned.text and BODY2 in cleaned.text and "كفرنبل." not in cleaned.text
