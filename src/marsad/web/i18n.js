// Interface strings in English and Arabic, names of the ACLED vocabulary, and plurals.
// Report text is never translated or interpreted.
export const STRINGS = {
  en: {
    subtitle: "Conflict events from news reports", token_placeholder: "API token", sign_in: "Sign in",
    sign_out: "Sign out", search: "Search", search_placeholder: "Arabic or English words", event_type: "Event type",
    sub_event_type: "Sub-event type", actor: "Actor", governorate: "Governorate", source: "Source",
    date_from: "From", date_to: "To", date_placeholder: "YYYY-MM-DD", bad_date: "Write the date as YYYY-MM-DD",
    min_fatalities: "Minimum fatalities", reset: "Clear filters", download_csv: "Download CSV", events: "Events",
    filters: "Filters", close: "Close", apply: "Show events",
    timeline: "Timeline", brush_hint: "drag across the bars to filter by date", clear: "Clear", all: "All",
    attribution: "Boundaries: OCHA COD-AB Syria and Iraq (CC BY-IGO), simplified; neighbours: Natural Earth.",
    shown_in_view: "in view", fatalities: "fatalities", no_events: "No events match these filters.",
    empty_db_title: "No events stored yet",
    empty_db: "This database has no events. Add reports with `marsad ingest reports/ --db FILE` (or try `marsad demo`), then reload this page.",
    coded_fields: "Coded fields", sources: "Sources", report: "Report text", history: "History",
    tallies: "Tallies in these reports",
    tallies_help: "Cumulative or period tolls the reports give (\"since January, 65 killed\"). They summarise many incidents, so they are never counted as this event's deaths.",
    no_tallies: "These reports give no cumulative tolls.",
    review: "Review", mark_reviewed: "Mark reviewed", mark_rejected: "Reject",
    correct: "Correct", split: "Split merge", disagree: "Sources disagree: different totals for the same victims on the same day",
    denied: "Denied", no_comment: "Did not comment (not a denial)", unnamed_party: "a party not named",
    cites: "citing", other_figures: "other figures in the report", whose_unstated: "victims not stated",
    via: "via", signed_in_as: "Signed in as", bad_token: "Token not accepted",
    saved: "Saved", failed: "Failed", precision: "precision", precision_1: "exact place",
    precision_2: "near / part of a region", precision_3: "larger region", loading: "Loading…",
    need_token: "This server requires a token to read: sign in.", evidence_legend: "Highlighted: the words behind the coded fields",
    status: "Status", split_done: "Split into a new event",
    field: "Field", value: "Value", no_report: "No report text", reports: "reports",
    status_auto: "not reviewed", status_reviewed: "reviewed", status_rejected: "rejected",
    map_reset: "Reset view", map_fit: "Fit to results", legend_cluster: "several events (number)",
    legend_types: "Event types", legend_fatalities: "Fatalities", per: "per", bucket_auto: "auto", bucket_day: "day", bucket_week: "week",
    bucket_month: "month", events_axis: "events", fatalities_axis: "fatalities",
    h_created: "created from report {article}", h_merged: "report {article} merged in (score {score})",
    h_updated: "updated from report {article}: {changes}", h_corrected: "{field} corrected: {from} → {to}",
    h_reviewed: "status {from} → {to}", h_split: "split: {moved} moved to event {new}", h_released: "report {mention} left the event (ambiguous)",
    h_removed: "removed (no report left)", by: "by", none: "none", selected: "selected",
    estimated_date: "date not reported; window", comma: ", ", filters_active: "filters on", correct_hint: "Correcting fatalities also sets the best estimate and widens low/high to include it.",
  },
  ar: {
    subtitle: "أحداث النزاع من التقارير الإخبارية", token_placeholder: "رمز الدخول", sign_in: "دخول",
    sign_out: "خروج", search: "بحث", search_placeholder: "كلمات بالعربية أو الإنجليزية", event_type: "نوع الحدث",
    sub_event_type: "النوع الفرعي", actor: "الطرف", governorate: "المحافظة", source: "المصدر",
    date_from: "من", date_to: "إلى", date_placeholder: "سنة-شهر-يوم", bad_date: "اكتب التاريخ بصيغة سنة-شهر-يوم (2024-03-12)",
    min_fatalities: "الحد الأدنى للقتلى", reset: "مسح المرشحات", download_csv: "تنزيل CSV", events: "الأحداث",
    filters: "المرشحات", close: "إغلاق", apply: "عرض الأحداث",
    timeline: "الخط الزمني", brush_hint: "اسحب عبر الأعمدة لتصفية التاريخ", clear: "مسح", all: "الكل",
    attribution: "الحدود: أوتشا، البيانات المرجعية المشتركة لسوريا والعراق (CC BY-IGO)، مبسّطة؛ الدول المجاورة: Natural Earth.",
    shown_in_view: "في العرض", fatalities: "القتلى", no_events: "لا توجد أحداث تطابق هذه المرشحات.",
    empty_db_title: "لا توجد أحداث مخزّنة بعد",
    empty_db: "قاعدة البيانات هذه لا تحوي أحداثاً. أضف تقارير بالأمر `marsad ingest reports/ --db FILE` (أو جرّب `marsad demo`) ثم أعد تحميل الصفحة.",
    coded_fields: "الحقول المرمّزة", sources: "المصادر", report: "نص التقرير", history: "السجل",
    tallies: "الحصائل في هذه التقارير",
    tallies_help: "حصائل تراكمية أو لفترة تذكرها التقارير (\"منذ كانون الثاني قُتل 65\"). تجمع حوادث كثيرة، فلا تُحسب أبداً قتلى لهذا الحدث.",
    no_tallies: "لا تذكر هذه التقارير حصائل تراكمية.",
    review: "المراجعة", mark_reviewed: "تمت المراجعة", mark_rejected: "رفض",
    correct: "تصحيح", split: "فصل الدمج", disagree: "المصادر مختلفة: حصائل مختلفة للضحايا أنفسهم في اليوم نفسه",
    denied: "نفي", no_comment: "لم يعلّق (ليس نفياً)", unnamed_party: "طرف غير مسمّى",
    cites: "نقلاً عن", other_figures: "أرقام أخرى في التقرير", whose_unstated: "الضحايا غير محددين",
    via: "عبر", signed_in_as: "مسجّل باسم", bad_token: "الرمز غير مقبول",
    saved: "تم الحفظ", failed: "فشل", precision: "الدقة", precision_1: "مكان محدد",
    precision_2: "قرب منطقة أو جزء منها", precision_3: "منطقة أوسع", loading: "جارٍ التحميل…",
    need_token: "يتطلب هذا الخادم رمزاً للقراءة: سجّل الدخول.", evidence_legend: "المظلّل: الكلمات التي تستند إليها الحقول المرمّزة",
    status: "الحالة", split_done: "فُصل إلى حدث جديد",
    field: "الحقل", value: "القيمة", no_report: "لا يوجد نص", reports: "تقارير",
    status_auto: "غير مراجَع", status_reviewed: "مراجَع", status_rejected: "مرفوض",
    map_reset: "إعادة العرض", map_fit: "ملاءمة النتائج", legend_cluster: "عدة أحداث (العدد)",
    legend_types: "أنواع الأحداث", legend_fatalities: "القتلى", per: "لكل", bucket_auto: "تلقائي", bucket_day: "يوم", bucket_week: "أسبوع",
    bucket_month: "شهر", events_axis: "أحداث", fatalities_axis: "قتلى",
    h_created: "أُنشئ من التقرير {article}", h_merged: "دُمج التقرير {article} (درجة {score})",
    h_updated: "حُدّث من التقرير {article}: {changes}", h_corrected: "صُحّح {field}: {from} ← {to}",
    h_reviewed: "الحالة {from} ← {to}", h_split: "فصل: نُقل {moved} إلى الحدث {new}", h_released: "غادر التقرير {mention} الحدث (التباس)",
    h_removed: "حُذف (لم يبق تقرير)", by: "بواسطة", none: "لا شيء", selected: "محدد",
    estimated_date: "التاريخ غير مذكور؛ الفترة", comma: "، ", filters_active: "مرشحات مفعّلة", correct_hint: "تصحيح عدد القتلى يضبط أيضاً أفضل تقدير ويوسّع الحدين الأدنى والأعلى ليشملاه.",
  },
};

export const TYPE_NAMES_AR = {
  "Battles": "معارك",
  "Explosions/Remote violence": "تفجيرات/عنف عن بعد",
  "Violence against civilians": "عنف ضد المدنيين",
  "Protests": "احتجاجات",
  "Riots": "أعمال شغب",
  "Strategic developments": "تطورات استراتيجية",
};

export const SUBTYPE_NAMES_AR = {
  "Armed clash": "اشتباك مسلح", "Government regains territory": "استعادة الحكومة لأراضٍ",
  "Non-state actor overtakes territory": "سيطرة جهة غير حكومية على أراضٍ",
  "Chemical weapon": "سلاح كيميائي", "Air/drone strike": "غارة جوية/بطائرة مسيّرة", "Suicide bomb": "تفجير انتحاري",
  "Shelling/artillery/missile attack": "قصف مدفعي/صاروخي", "Remote explosive/landmine/IED": "عبوة ناسفة/لغم أرضي",
  "Grenade": "قنبلة يدوية", "Sexual violence": "عنف جنسي", "Attack": "هجوم",
  "Abduction/forced disappearance": "خطف/إخفاء قسري", "Peaceful protest": "احتجاج سلمي",
  "Protest with intervention": "احتجاج مع تدخل", "Excessive force against protesters": "قوة مفرطة ضد المحتجين",
  "Violent demonstration": "تظاهرة عنيفة", "Mob violence": "عنف جماعي", "Agreement": "اتفاق", "Arrests": "اعتقالات",
  "Change to group/activity": "تغيّر في جماعة/نشاط", "Disrupted weapons use": "إحباط استخدام أسلحة",
  "Headquarters or base established": "إنشاء مقر أو قاعدة", "Looting/property destruction": "نهب/تدمير ممتلكات",
  "Non-violent transfer of territory": "انتقال أراضٍ دون قتال", "Other": "أخرى",
};

export const ACTOR_NAMES_AR = {
  "Military Forces of Syria": "القوات العسكرية السورية", "Police Forces of Syria": "قوات الشرطة السورية",
  "Military Forces of Russia": "القوات العسكرية الروسية", "Islamic Revolutionary Guard Corps": "الحرس الثوري الإيراني",
  "Military Forces of Iran": "القوات العسكرية الإيرانية", "Military Forces of Turkey": "القوات العسكرية التركية",
  "Military Forces of Israel": "القوات العسكرية الإسرائيلية", "Military Forces of the United States": "القوات العسكرية الأمريكية",
  "Global Coalition Against Daesh": "التحالف الدولي ضد داعش", "Military Forces of Iraq": "القوات العسكرية العراقية",
  "Police Forces of Iraq": "قوات الشرطة العراقية", "Popular Mobilization Forces": "الحشد الشعبي", "Peshmerga": "البيشمركة",
  "NDF: National Defence Forces": "قوات الدفاع الوطني", "Hezbollah": "حزب الله", "Kataib Hezbollah": "كتائب حزب الله",
  "Harakat Hezbollah al-Nujaba": "حركة حزب الله النجباء", "Fatemiyoun Brigade": "لواء فاطميون",
  "Zainabiyoun Brigade": "لواء زينبيون", "Liwa al-Quds": "لواء القدس", "Fifth Assault Corps": "الفيلق الخامس",
  "Usud al-Sharqiya": "أسود الشرقية", "Village Guards": "حراس القرى", "Qaterji Militia": "ميليشيا القاطرجي",
  "Iran-backed militias": "ميليشيات مدعومة من إيران", "Pro-government militias": "ميليشيات موالية للحكومة",
  "Islamic State": "تنظيم الدولة الإسلامية", "SDF: Syrian Democratic Forces": "قوات سوريا الديمقراطية",
  "Asayish": "الأسايش", "Hayat Tahrir al-Sham": "هيئة تحرير الشام", "Syrian National Army": "الجيش الوطني السوري",
  "YBS: Sinjar Resistance Units": "وحدات مقاومة سنجار", "PKK: Kurdistan Workers Party": "حزب العمال الكردستاني",
  "Unidentified Armed Group": "مجموعة مسلحة مجهولة", "Civilians": "مدنيون", "Protesters": "محتجون",
};

export const ADMIN1_NAMES_AR = {
  "Damascus": "دمشق", "Rural Damascus": "ريف دمشق", "Aleppo": "حلب", "Homs": "حمص", "Hama": "حماة",
  "Latakia": "اللاذقية", "Tartus": "طرطوس", "Idlib": "إدلب", "Raqqa": "الرقة", "Deir ez-Zor": "دير الزور",
  "Hasakah": "الحسكة", "Daraa": "درعا", "As-Suwayda": "السويداء", "Quneitra": "القنيطرة",
  "Baghdad": "بغداد", "Anbar": "الأنبار", "Nineveh": "نينوى", "Salah al-Din": "صلاح الدين", "Diyala": "ديالى",
  "Kirkuk": "كركوك", "Erbil": "أربيل", "Duhok": "دهوك", "Sulaymaniyah": "السليمانية", "Babil": "بابل",
  "Karbala": "كربلاء", "Najaf": "النجف", "Wasit": "واسط", "Qadisiyah": "القادسية", "Muthanna": "المثنى",
  "Dhi Qar": "ذي قار", "Maysan": "ميسان", "Basra": "البصرة", "Halabja": "حلبجة", "Syria": "سوريا", "Iraq": "العراق",
};

export const FIELD_NAMES_AR = {
  event_date: "التاريخ", event_type: "نوع الحدث", sub_event_type: "النوع الفرعي", actor1: "الطرف الأول",
  assoc_actor_1: "طرف مرتبط 1", actor2: "الطرف الثاني", assoc_actor_2: "طرف مرتبط 2", location: "المكان",
  admin1: "المحافظة", admin2: "المنطقة", admin3: "الناحية", latitude: "خط العرض", longitude: "خط الطول",
  geo_precision: "دقة الموقع", fatalities: "القتلى", fatalities_low: "القتلى (أدنى)",
  fatalities_best: "القتلى (أفضل تقدير)", fatalities_high: "القتلى (أعلى)", injured: "الجرحى",
  source: "المصدر", notes: "ملاحظات", civilian_targeting: "استهداف المدنيين", country: "البلد",
  time_precision: "دقة التاريخ", disorder_type: "نوع الاضطراب", number_of_sources: "عدد المصادر",
  status: "الحالة", source_scale: "نطاق المصدر", event_id_cnty: "معرّف ACLED", quote: "من نص التقرير",
};

// Plural forms by CLDR category (Intl.PluralRules): Arabic has zero, one, two, few, many and other.
export const PLURALS = {
  en: {
    killed: { one: "{n} killed", other: "{n} killed" }, injured: { one: "{n} injured", other: "{n} injured" },
    events: { one: "{n} event", other: "{n} events" }, sources: { one: "{n} source", other: "{n} sources" },
    reports: { one: "{n} report", other: "{n} reports" },
  },
  ar: {
    killed: { zero: "لا قتلى", one: "قتيل واحد", two: "قتيلان", few: "{n} قتلى", many: "{n} قتيلاً", other: "{n} قتيل" },
    injured: { zero: "لا جرحى", one: "جريح واحد", two: "جريحان", few: "{n} جرحى", many: "{n} جريحاً", other: "{n} جريح" },
    events: { zero: "لا أحداث", one: "حدث واحد", two: "حدثان", few: "{n} أحداث", many: "{n} حدثاً", other: "{n} حدث" },
    sources: { zero: "لا مصادر", one: "مصدر واحد", two: "مصدران", few: "{n} مصادر", many: "{n} مصدراً", other: "{n} مصدر" },
    reports: { zero: "لا تقارير", one: "تقرير واحد", two: "تقريران", few: "{n} تقارير", many: "{n} تقريراً", other: "{n} تقرير" },
  },
};

export function t(lang, key) {
  return (STRINGS[lang] && STRINGS[lang][key]) || STRINGS.en[key] || key;
}

// "4 قتلى", "قتيلان", "11 قتيلاً"; "4 killed" in English.
export function plural(lang, noun, n) {
  const forms = (PLURALS[lang] || PLURALS.en)[noun] || PLURALS.en[noun];
  const category = new Intl.PluralRules(lang === "ar" ? "ar" : "en").select(n);
  return (forms[category] || forms.other).replace("{n}", String(n));
}

// A name of the ACLED vocabulary in the interface's language (unknown names as coded).
export function vocab(lang, kind, name) {
  if (lang !== "ar" || !name) return name;
  const table = { type: TYPE_NAMES_AR, subtype: SUBTYPE_NAMES_AR, actor: ACTOR_NAMES_AR, admin1: ADMIN1_NAMES_AR }[kind];
  return (table && table[name]) || name;
}

export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, k) => (values[k] === undefined || values[k] === null ? "" : String(values[k])));
}
