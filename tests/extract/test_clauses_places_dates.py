"""Round-4 mechanisms: a trailing history phrase, live fire on protesters, a year used as an adjective,
quoted fellows, rockets that strike, and places written relative to a city."""

from datetime import date

from marsad.geo.geocoder import Geocoder

PUB = date(2024, 3, 7)  # a Thursday


def test_background_trailing_history_phrase_does_not_hide_the_incident(run):
    text = ("وفي بلدة القريا جنوبي المحافظة، أقدم مسلحون مجهولون مساء الأربعاء على خطف صيدلاني من أبناء البلدة، "
            "في حادثة تعكس الانفلات الأمني الذي تعيشه المنطقة منذ سنوات.")
    doc = run(text, published=PUB)
    assert [(e.sub_event_type, e.event_date) for e in doc.events] == [
        ("Abduction/forced disappearance", "2024-03-06")]


def test_background_history_phrase_opening_a_sentence_still_marks_it(run):
    text = "وتشهد المنطقة منذ سنوات عمليات خطف متكررة تطال التجار والأطباء."
    assert run(text, published=PUB).events == []


def test_protest_live_rounds_at_protesters_is_force_against_them(run):
    text = ("تظاهر مئات الشبان اليوم أمام مبنى المحافظة في مدينة السويداء.\n\n"
            "وأطلق عناصر مسلحون متمركزون على سطح المبنى الرصاص الحي باتجاه محتجين حاولوا اقتحامه، "
            "ما أدى إلى إصابة اثنين منهم.")
    doc = run(text, published=PUB)
    # ACLED codes a demonstration and the force used on it as one event of the demonstration
    assert [e.sub_event_type for e in doc.events] == ["Excessive force against protesters"]


def test_dates_year_as_adjective_marks_history(run):
    text = ("Hundreds of people protested in Basra on Wednesday over power cuts.\n\n"
            "Basra was a centre of the 2018 summer unrest, in which at least 15 people were killed.")
    doc = run(text, published=PUB, language="en")
    assert [e.fatalities for e in doc.events] == [None]
    assert all(e.event_date == "2024-03-06" for e in doc.events)


def test_quote_of_a_research_fellow_is_not_an_incident(run):
    text = ("Gunmen shot dead a shop owner in Mosul on Tuesday, police said.\n\n"
            "\"Such attacks keep the city on edge,\" said a senior fellow at a Beirut think-tank.")
    doc = run(text, published=PUB, language="en")
    assert len(doc.events) == 1


def test_rockets_that_strike_a_base_are_shelling(run):
    text = "Two Katyusha rockets struck the Balad air base north of Baghdad on Tuesday night, causing no casualties."
    doc = run(text, published=PUB, language="en")
    assert [e.sub_event_type for e in doc.events] == ["Shelling/artillery/missile attack"]


def test_geocoder_place_south_of_a_city_keeps_the_well_known_town():
    mentions = Geocoder.default().find_places(
        "A bomb hit a fuel tanker on the highway near Diwaniyah, south of Baghdad, on Monday.")
    town = next(m for m in mentions if m.text == "Diwaniyah")
    assert town.place is not None and town.place.admin1 == "Qadisiyah"


def test_geocoder_latin_name_without_article_is_no_worse_than_exact():
    mentions = Geocoder.default().find_places("Clashes broke out in Diwaniyah on Monday.")
    town = next(m for m in mentions if m.text == "Diwaniyah")
    assert town.place is not None and town.place.feature == "city"


def test_geocoder_overthrow_word_is_not_a_village():
    mentions = Geocoder.default().find_places("رفع المتظاهرون في ساحة المدينة شعارات تطالب بإسقاط الحكومة.")
    assert all("سقاط" not in m.text for m in mentions)


def test_geocoder_word_starting_like_a_proclitic_is_not_a_place():
    mentions = Geocoder.default().find_places("وقال الدفاع المدني في إدلب إن فرقه انتشلت جثتين من تحت الأنقاض.")
    assert [m.place.admin1 for m in mentions if m.place is not None] == ["Idlib"]


def test_dates_hours_after_the_blast_takes_its_day(run):
    text = ("انفجرت عبوة ناسفة مساء أمس الأربعاء في سوق مدينة الباب بريف حلب الشرقي، ما أدى إلى مقتل مدنيين اثنين.\n\n"
            "وبعد ساعات من التفجير، قصفت قوات النظام بقذائف المدفعية أطراف بلدة دارة عزة غربي حلب.")
    doc = run(text, published=PUB)
    assert [(e.sub_event_type, e.event_date) for e in doc.events] == [
        ("Remote explosive/landmine/IED", "2024-03-06"), ("Shelling/artillery/missile attack", "2024-03-06")]


def test_arson_of_fields_is_property_destruction(run):
    text = "أضرم مسلحون مجهولون مساء أمس النار في بساتين الزيتون قرب قرية كفرنبودة بريف حماة الشمالي."
    doc = run(text, published=PUB)
    assert [(e.sub_event_type, e.event_date) for e in doc.events] == [("Looting/property destruction", "2024-03-06")]


def test_geocoder_governorate_named_first_holds_the_village_after_it():
    text = ("هاجم مسلحون نقطة للشرطة في ناحية الرشاد جنوب غرب كركوك.\n\n"
            "وفي محافظة ديالى، انفجرت عبوة ناسفة بعجلة للجيش قرب ناحية قره تبه صباح اليوم.")
    mentions = Geocoder.default().find_places(text)
    village = next(m for m in mentions if m.text == "قره تبه")
    assert village.place is not None and village.place.admin1 == "Diyala"
