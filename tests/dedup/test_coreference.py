"""Cross-report merging through the store: look-alikes stay apart, updates, reprints, splits, thresholds."""

from __future__ import annotations

import pytest

from marsad.dedup import DedupConfig
from marsad.dedup.score import haversine_km
from marsad.errors import InputError
from marsad.store import Store

ENAB = (
    "أريحا – عنب بلدي\n"
    "قُتل مدنيون وأصيب آخرون، الثلاثاء 5 من آذار، بقصف مدفعي لقوات الأسد استهدف مدينة أريحا بريف إدلب "
    "الجنوبي، بحسب ما قاله الدفاع المدني السوري، الذي أحصى سبعة قتلى بينهم طفلان."
)
DAY_TWO = (
    "قتلت امرأة وطفلها، اليوم الأربعاء، بقصف صاروخي لقوات النظام على الأطراف الشرقية لمدينة أريحا "
    "جنوبي إدلب، في ثاني استهداف للمدينة خلال يومين."
)
HAREM = (
    "قتل خمسة مدنيين، اليوم الثلاثاء، بقصف مدفعي لقوات النظام على مدينة حارم شمال غربي إدلب "
    "قرب الحدود التركية، بحسب مصادر محلية."
)
RISING = (
    "ارتفعت حصيلة القتلى جراء القصف المدفعي الذي نفذته قوات النظام أمس على مدينة أريحا جنوبي إدلب "
    "إلى تسعة مدنيين، بعد وفاة أربعة من الجرحى متأثرين بإصاباتهم."
)
BACKGROUND = "وتشهد محافظة إدلب ومحيطها تصعيداً عسكرياً متواصلاً منذ مطلع العام، وسط تحذيرات أممية من كارثة إنسانية."


def add(store, make_report, doc_id, text, event, **kw):
    return store.add_document(make_report(doc_id, text, event, **kw))


def test_coreference_two_outlets_of_one_shelling_merge(store, ariha_doc, make_report, make_event):
    first = store.add_document(ariha_doc)
    enab = add(store, make_report, "enab-ariha", ENAB, make_event(fatalities=7, actor1="Civilians",
               actor2="Military Forces of Syria", latitude=35.815, longitude=36.612), outlet="عنب بلدي")
    assert enab.event_ids == first.event_ids
    (mention_id, event_id, score, reason), = enab.merged_into
    assert mention_id == "enab-ariha#0" and score >= 0.75 and "same date" in reason
    record = store.event_record(event_id)
    assert record["article_ids"] == ["enab-ariha", "sohr-ariha"]  # one publication day: in report id order
    assert record["fatalities"] == 5 and record["fatalities_high"] == 7
    assert record["mentions"][0]["merge_reason"] == reason


def test_coreference_same_town_consecutive_days_stay_apart(store, ariha_doc, make_report, make_event):
    store.add_document(ariha_doc)
    second = add(store, make_report, "sohr-ariha-2", DAY_TWO, make_event(event_date="2024-03-06", fatalities=2),
                 published="2024-03-06")
    assert second.merged_into == []
    assert store.counts()["events"] == 2


def test_coreference_same_day_attacks_far_apart_stay_apart(store, ariha_doc, make_report, make_event):
    harem = make_event(location="Harem", admin2="Harem", latitude=36.2075, longitude=36.5194)
    assert haversine_km(35.8133, 36.6097, 36.2075, 36.5194) > 40
    store.add_document(ariha_doc)
    assert add(store, make_report, "harem", HAREM, harem).merged_into == []
    assert store.counts()["events"] == 2


def test_coreference_rising_toll_updates_event_and_history(store, ariha_doc, make_report, make_event):
    event_id = store.add_document(ariha_doc).event_ids[0]
    later = add(store, make_report, "sohr-ariha-toll", RISING, make_event(fatalities=9), published="2024-03-06")
    assert later.event_ids == [event_id]
    record = store.event_record(event_id)
    assert (record["fatalities"], record["fatalities_low"], record["fatalities_best"]) == (9, 5, 9)
    updates = [h["detail"]["text"] for h in record["history"] if h["kind"] == "updated"]
    assert any("fatalities 5 -> 9 from article sohr-ariha-toll" in text for text in updates)
    assert record["first_reported"] == "2024-03-05"


def test_coreference_reprint_is_detected_and_adds_a_source(store, ariha_doc, ariha_text, make_report, make_event):
    event_id = store.add_document(ariha_doc).event_ids[0]
    copy = make_report("nedaa-ariha", ariha_text + "\nتابعونا على تلغرام", make_event(event_date=None),
                       outlet="نداء بوست", published="2024-03-06")
    result = store.add_document(copy)
    assert (result.status, result.duplicate_of, result.event_ids) == ("duplicate", "sohr-ariha", [event_id])
    assert "reprint of sohr-ariha" in result.merged_into[0][3]
    row = store.conn.execute("SELECT duplicate_of, similarity FROM articles WHERE id='nedaa-ariha'").fetchone()
    assert row[0] == "sohr-ariha" and row[1] >= 0.8
    record = store.event_record(event_id)
    assert record["number_of_sources"] == 2  # the original's outlet (citing local sources) and the reprint's
    assert record["source"] == "Syrian Observatory for Human Rights; نداء بوست"


def test_coreference_shared_paragraph_is_not_coded_twice(store, ariha_text, make_report, make_event):
    quoted = ariha_text.splitlines()[1]
    original = make_report("sohr-ariha", quoted + "\n" + BACKGROUND, make_event())
    event_id = store.add_document(original).event_ids[0]
    text = ("تقرير أسبوعي عن التصعيد في شمال غرب سوريا خلال الأيام الماضية\n" + quoted
            + "\nوفي ريف حلب الغربي ساد هدوء حذر.")
    # The copied paragraph says "today": read against the next day's publication it shifts by a day.
    result = add(store, make_report, "weekly", text, make_event(event_date="2024-03-06", fatalities=None),
                 published="2024-03-06", outlet="موقع آخر")
    assert result.status == "added" and result.event_ids == [event_id]
    assert "evidence only in paragraphs shared with sohr-ariha" in result.merged_into[0][3]


def test_coreference_without_shared_paragraph_the_same_extraction_stays_apart(store, ariha_text, make_report,
                                                                                make_event):
    store.add_document(make_report("sohr-ariha", ariha_text.splitlines()[1], make_event()))
    text = "قتل مدنيون بقصف على مدينة أريحا بحسب ناشطين محليين تحدثوا للموقع مساء أمس الثلاثاء"
    result = add(store, make_report, "weekly", text, make_event(event_date="2024-03-06", fatalities=None),
                 published="2024-03-06", outlet="موقع آخر")
    assert result.merged_into == []


def test_coreference_shared_background_paragraph_keeps_incidents_apart(store, make_report, make_event):
    one = make_report("a", "قصف على أريحا اليوم أوقع خمسة قتلى من المدنيين في الأحياء السكنية\n" + BACKGROUND,
                      make_event())
    two = make_report("b", "غارة جوية روسية على أطراف بلدة أريحا أوقعت قتيلين بعد أسبوع من قصف سابق\n" + BACKGROUND,
                      make_event(sub_event_type="Air/drone strike", actor1="Military Forces of Russia",
                                 event_date="2024-03-12", fatalities=2), published="2024-03-12")
    store.add_document(one)
    assert store.add_document(two).merged_into == []
    assert store.counts()["events"] == 2


def test_coreference_split_survives_remerge_reextraction_and_new_reports(store, ariha_doc, make_report, make_event):
    event_id = store.add_document(ariha_doc).event_ids[0]
    enab = make_report("enab-ariha", ENAB, make_event(fatalities=7), outlet="عنب بلدي", published="2024-03-06")
    assert store.add_document(enab).event_ids == [event_id]
    new_id = store.split_event(event_id, who="rania")
    assert store.get_event(new_id).article_ids == ["enab-ariha"]
    assert store.get_event(event_id).article_ids == ["sohr-ariha"]
    store.remerge()
    store.add_document(make_report("enab-ariha", ENAB + " ", make_event(fatalities=8), outlet="عنب بلدي"))
    assert store.get_event(event_id).article_ids == ["sohr-ariha"]
    assert store.get_event(new_id).article_ids == ["enab-ariha"]
    third = add(store, make_report, "afp", "Shelling on Ariha in Idlib killed eight civilians on Tuesday",
                make_event(fatalities=8), outlet="AFP")
    assert third.event_ids == [new_id] and store.counts()["events"] == 2
    kinds = [h["kind"] for h in store.event_record(new_id)["history"]]
    assert "split" in kinds


def test_coreference_split_named_mentions_and_bad_input(store, ariha_doc, make_report, make_event):
    event_id = store.add_document(ariha_doc).event_ids[0]
    store.add_document(make_report("enab-ariha", ENAB, make_event(fatalities=7), outlet="عنب بلدي"))
    with pytest.raises(InputError, match="not part of it"):
        store.split_event(event_id, mention_ids=["nope#0"], who="x")
    with pytest.raises(InputError, match="both sides"):
        store.split_event(event_id, mention_ids=["sohr-ariha#0", "enab-ariha#0"], who="x")
    new_id = store.split_event(event_id, mention_ids=["sohr-ariha#0"], who="x")
    assert store.get_event(new_id).article_ids == ["sohr-ariha"]
    assert store.conn.execute("SELECT count(*) FROM cannot_link").fetchone()[0] == 1


def _nearby_other_subtype(make_report, make_event):
    event = make_event(sub_event_type="Air/drone strike", location="Urum al-Jawz", fatalities=6,
                       latitude=35.8133 + 0.045, longitude=36.6097)  # 5 km away
    return make_report("nearby", "غارة على محيط أريحا أوقعت ستة قتلى من المدنيين اليوم", event, outlet="آخر")


def test_coreference_threshold_is_configurable(ariha_doc, make_report, make_event):
    with Store(":memory:") as loose, Store(":memory:", config=DedupConfig(threshold=0.97)) as strict:
        for store in (loose, strict):
            store.add_document(ariha_doc)
            store.add_document(_nearby_other_subtype(make_report, make_event))
        assert loose.counts()["events"] == 1 and strict.counts()["events"] == 2
        loose.config = DedupConfig(threshold=0.97)
        assert loose.remerge() == {"events_before": 1, "events_after": 2}


def test_coreference_rerun_is_idempotent_and_ids_are_stable(ariha_doc, make_report, make_event):
    docs = [ariha_doc, make_report("enab-ariha", ENAB, make_event(fatalities=7), outlet="عنب بلدي"),
            make_report("sohr-ariha-2", DAY_TWO, make_event(event_date="2024-03-06", fatalities=2),
                        published="2024-03-06")]
    snapshots = []
    for _ in range(2):
        with Store(":memory:") as store:
            for doc in docs:
                store.add_document(doc)
            assert {store.add_document(d).status for d in docs} == {"unchanged"}
            snapshots.append([(e.id, e.event_id_cnty, e.article_ids) for e in store.iter_events()])
            store.remerge()
            assert [(e.id, e.event_id_cnty, e.article_ids) for e in store.iter_events()] == snapshots[-1]
    assert snapshots[0] == snapshots[1] and len(snapshots[0]) == 2


def test_coreference_two_events_of_one_report_never_merge(store, make_report, make_event, ariha_text):
    doc = make_report("two", ariha_text, make_event(), make_event(fatalities=4))
    assert len(store.add_document(doc).event_ids) == 2


def test_coreference_candidates_use_the_window_index(ariha_doc, monkeypatch):
    store = Store(":memory:")  # SQLite's query plan (on PostgreSQL the planner picks by statistics)
    store.add_document(ariha_doc)
    plans = []
    original = store.conn.execute

    class Spy:
        def execute(self, sql, params=()):
            if sql.startswith("SELECT id FROM events WHERE date_wide"):
                plans.append(str([tuple(r) for r in original("EXPLAIN QUERY PLAN " + sql, params)]))
            return original(sql, params)

    from marsad.store import rows
    event = next(store.iter_events())
    from marsad.dedup.dates import date_window
    found = rows.candidate_events(Spy(), event, date_window("2024-03-05", 1, None), slack_days=3,
                                  radius_km=(10.0, 30.0, 80.0), types=("Explosions/Remote violence",))
    assert found == [event.id]
    assert plans and all("events_window" in plan for plan in plans)


def test_coreference_vague_place_fitting_two_incidents_joins_neither(store, ariha_doc, make_report, make_event):
    store.add_document(ariha_doc)
    add(store, make_report, "harem", HAREM, make_event(location="Harem", admin2="Harem", latitude=36.2075,
                                                       longitude=36.5194))
    vague = make_event(location=None, admin2=None, latitude=None, longitude=None, geo_precision=3)
    result = add(store, make_report, "vague", "قصف مدفعي على ريف إدلب اليوم أوقع خمسة قتلى مدنيين", vague,
                 outlet="وكالة")
    assert result.merged_into == [] and store.counts()["events"] == 3


def test_coreference_vague_place_with_one_incident_joins_it(store, ariha_doc, make_report, make_event):
    event_id = store.add_document(ariha_doc).event_ids[0]
    vague = make_event(location=None, admin2=None, latitude=None, longitude=None, geo_precision=3)
    result = add(store, make_report, "vague", "قصف مدفعي على ريف إدلب اليوم أوقع خمسة قتلى مدنيين", vague,
                 outlet="وكالة")
    assert result.event_ids == [event_id]
    assert store.get_event(event_id).location == "Ariha"  # the most precise place wins


def test_coreference_no_chaining_through_a_report_between_two_towns(store, ariha_doc, make_report, make_event):
    first = store.add_document(ariha_doc).event_ids[0]
    between = make_event(location="Ariha outskirts", latitude=35.8133 + 0.1, geo_precision=2)  # 11 km north
    assert add(store, make_report, "near", "قصف مدفعي على محيط أريحا أوقع خمسة قتلى مدنيين", between,
               outlet="وكالة").event_ids == [first]
    # 22 km north of Ariha: near the report in between, but a town too far from Ariha itself.
    mhambal = make_event(location="Mhambal", admin2="Ariha", latitude=35.8133 + 0.2)
    result = add(store, make_report, "mhambal", "قصف مدفعي على بلدة محمبل اليوم أوقع خمسة قتلى مدنيين", mhambal,
                 outlet="آخر")
    assert result.merged_into == [] and store.counts()["events"] == 2


def test_coreference_vague_mention_leaves_when_a_second_incident_fits_it_as_well(store, ariha_doc, make_report,
                                                                                make_event):
    first = store.add_document(ariha_doc).event_ids[0]
    vague = make_event(location=None, admin2=None, latitude=None, longitude=None, geo_precision=3)
    joined = add(store, make_report, "vague", "قصف مدفعي على ريف إدلب اليوم أوقع خمسة قتلى مدنيين", vague,
                 outlet="وكالة")
    assert joined.event_ids == [first]
    add(store, make_report, "harem", HAREM, make_event(location="Harem", admin2="Harem", latitude=36.2075,
                                                       longitude=36.5194))
    assert store.get_event(first).article_ids == ["sohr-ariha"]
    assert store.counts()["events"] == 3
    row = store.conn.execute("SELECT event_id, merge_reason FROM mentions WHERE id = 'vague#0'").fetchone()
    assert row[0] != first and row[1].startswith("ambiguous: fits " + first)
    assert "released" in [h["kind"] for h in store.event_record(first)["history"]]


def test_coreference_merge_reason_lists_each_factor_weight(store, ariha_doc, make_report, make_event):
    store.add_document(ariha_doc)
    enab = add(store, make_report, "enab-ariha", ENAB, make_event(fatalities=7), outlet="عنب بلدي")
    reason = enab.merged_into[0][3]
    weights = store.config.weights
    for part in ("same type", f"same date ({weights.weight('date', 'same_day'):+.1f})",
                 f"same place Ariha ({weights.weight('place', 'same_place'):+.1f})",
                 f"tolls 7 / 5 close ({weights.weight('toll', 'close'):+.1f})", "p="):
        assert part in reason


def test_coreference_road_named_after_the_town_60_km_off_merges(store, make_report, make_event):
    clash = dict(event_type="Battles", sub_event_type="Armed clash", actor2="Military Forces of Syria",
                 admin1="Homs", admin2="Tadmor", geo_precision=2, event_date="2023-12-03")
    town = make_event(**clash, actor1="Islamic State", location="As Sukhnah", latitude=34.8853, longitude=38.8711,
                      fatalities=11)
    road = make_event(**clash, actor1="Unidentified Armed Group", location="Sukhnah - Deir ez-Zor road",
                      latitude=35.1106, longitude=39.506, fatalities=4)
    first = store.add_document(make_report("town", "كمين لخلايا التنظيم قرب السخنة أوقع أحد عشر قتيلاً", town,
                                           published="2023-12-04"))
    result = store.add_document(make_report("road", "هجوم على حافلة عسكرية على طريق السخنة دير الزور", road,
                                            published="2023-12-04", outlet="آخر"))
    assert result.event_ids == first.event_ids
    assert "coarse place (Sukhnah - Deir ez-Zor road / As Sukhnah), 63 km apart (+0.0)" in result.merged_into[0][3]
