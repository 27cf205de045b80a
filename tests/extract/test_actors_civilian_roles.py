"""Activists and journalists targeted by killings or bombings are civilians, not the attackers' own group."""

from datetime import date

import pytest

PUB = date(2022, 3, 9)


@pytest.mark.parametrize("text, language", [
    ("أقدم مسلحون مجهولون مساء أمس على اغتيال ناشط بارز أمام منزله في حي الجمهورية بمدينة الناصرية.", "ar"),
    ("ألقى مجهولون فجر اليوم عبوة صوتية على منزل صحفي في مدينة الديوانية دون وقوع إصابات.", "ar"),
    ("Unidentified gunmen shot dead a prominent activist outside his home in Nasiriyah on Tuesday.", "en"),
])
def test_actors_activist_target_is_civilians(run, text, language):
    doc = run(text, published=PUB, language=language)
    assert [(e.actor1, e.actor2) for e in doc.events] == [("Unidentified Armed Group", "Civilians")]


@pytest.mark.parametrize("text, language", [
    ("أطلقت قوات مكافحة الشغب الرصاص الحي على متظاهرين أمام مبنى المحافظة في مدينة الكوت أمس، "
     "ما أدى إلى مقتل متظاهر.", "ar"),
    ("Riot police opened fire on protesters outside the provincial council in Kut on Monday, killing one.", "en"),
])
def test_actors_riot_police_fire_on_protesters(run, text, language):
    """ACLED codes the demonstrators as actor1 of every demonstration event; the force is actor2."""
    doc = run(text, published=PUB, language=language)
    assert [(e.actor1, e.actor2) for e in doc.events] == [("Protesters", "Police Forces of Iraq")]
