"""Actors: aliases to canonical names, initiator and target from the syntax, associates."""

from datetime import date

PUB = date(2024, 5, 10)


def _one(doc):
    assert len(doc.events) == 1, [(e.event_type, e.location) for e in doc.events]
    return doc.events[0]


def test_actors_agent_phrase_marks_initiator(run):
    event = _one(run("قُتل ثلاثة عناصر من قوات النظام في هجوم شنه مقاتلو تنظيم داعش على حاجز قرب مدينة تدمر أمس.",
                     published=PUB))
    assert (event.actor1, event.actor2) == ("Islamic State", "Military Forces of Syria")
    assert (event.inter1, event.inter2, event.interaction) == (2, 1, 12)


def test_actors_target_after_ala_with_filler_words(run):
    event = _one(run("شن عناصر من تنظيم داعش هجوما على نقاط عسكرية تابعة لقوات النظام في بادية مدينة السخنة أمس.",
                     published=PUB))
    assert (event.actor1, event.actor2) == ("Islamic State", "Military Forces of Syria")


def test_actors_coordinated_targets_keep_first_as_actor2(run):
    event = _one(run("هاجمت خلايا داعش قوات النظام والميليشيات الإيرانية قرب مدينة تدمر أمس.", published=PUB))
    assert event.actor2 == "Military Forces of Syria"
    assert event.assoc_actor_2 == "Iran-backed militias"


def test_actors_named_militia_with_patron_in_assoc(run):
    event = _one(run("هاجم عناصر التنظيم نقطة لميليشيا لواء القدس الموالية لروسيا قرب مدينة السخنة أمس، "
                     "ما أدى إلى مقتل عنصرين.", published=PUB))
    assert event.actor2 == "Liwa al-Quds"
    assert "Military Forces of Russia" in (event.assoc_actor_2 or "")


def test_actors_the_organisation_resolves_to_main_group(run):
    doc = run("تبنى تنظيم داعش هجمات سابقة في المنطقة.\nوهاجم عناصر التنظيم دورية لقوات النظام قرب مدينة "
              "الميادين أمس.", published=PUB)
    assert _one(doc).actor1 == "Islamic State"


def test_actors_planter_of_a_bomb_is_initiator(run):
    event = _one(run("قُتل جندي بانفجار عبوة ناسفة زرعها مجهولون قرب مدينة درعا أمس.", published=PUB))
    assert event.actor1 == "Unidentified Armed Group"
    assert event.actor2 == "Military Forces of Syria"


def test_actors_air_force_is_its_state(run):
    event = _one(run("شن الطيران الحربي الروسي غارات على مواقع لتنظيم داعش قرب مدينة السخنة أمس.", published=PUB))
    assert (event.actor1, event.actor2) == ("Military Forces of Russia", "Islamic State")
    assert event.inter1 == 8


def test_actors_government_forces_follow_the_country(run):
    syria = _one(run("هاجم مسلحون القوات الحكومية قرب مدينة حمص أمس، ما أدى إلى مقتل جندي.", published=PUB))
    iraq = _one(run("هاجم مسلحون القوات الحكومية قرب قضاء الرطبة في الأنبار أمس، ما أدى إلى مقتل جندي.",
                    published=PUB))
    assert syria.actor2 == "Military Forces of Syria"
    assert iraq.actor2 == "Military Forces of Iraq"


def test_actors_civilians_are_never_initiators(run):
    event = _one(run("قُتل ثلاثة رعاة برصاص مسلحين مجهولين في بادية مدينة تدمر أمس.", published=PUB))
    assert event.actor1 == "Unidentified Armed Group"
    assert event.actor2 == "Civilians"
    assert event.civilian_targeting == "Civilian targeting"


def test_actors_between_x_and_y(run):
    event = _one(run("دارت اشتباكات بين قوات سوريا الديمقراطية وتنظيم داعش قرب بلدة الشحيل أمس.", published=PUB))
    assert (event.actor1, event.actor2) == ("SDF: Syrian Democratic Forces", "Islamic State")


def test_actors_evidence_points_at_the_words(run):
    doc = run("هاجم عناصر من تنظيم داعش حاجزا لقوات النظام قرب مدينة تدمر أمس.", published=PUB)
    event = _one(doc)
    words = [doc.text[s.start:s.end] for s in event.evidence["actor1"]]
    assert any("داعش" in w for w in words)


def test_actors_name_split_by_quotes_is_found(run):
    event = _one(run('تبنى تنظيم "الدولة" هجوما على حاجز لقوات النظام قرب مدينة تدمر أمس، ما أدى إلى مقتل جنديين.',
                     published=PUB))
    assert event.actor1 == "Islamic State"


def test_actors_arrested_named_after_arrest_word_is_the_target(run):
    event = _one(run("أعلنت قيادة الشرطة اعتقال خمسة مطلوبين في مدينة حمص اليوم.", published=PUB))
    assert event.event_type == "Strategic developments"
    assert (event.actor1, event.actor2) == ("Police Forces of Syria", "Civilians")
