// Interface strings in English and Arabic. Report text is never translated or interpreted.
export const STRINGS = {
  en: {
    subtitle: "Conflict events from news reports", token_placeholder: "API token", sign_in: "Sign in",
    sign_out: "Sign out", search: "Search", search_placeholder: "Arabic or English words", event_type: "Event type",
    actor: "Actor", governorate: "Governorate", source: "Source", date_from: "From", date_to: "To",
    min_fatalities: "Minimum fatalities", reset: "Reset", download_csv: "Download CSV", events: "Events",
    timeline: "Timeline", brush_hint: "drag to filter by date", clear: "Clear", all: "All",
    attribution: "Boundaries: OCHA COD-AB Syria and Iraq (CC BY-IGO), simplified.",
    of: "of", shown_in_view: "in view", fatalities: "fatalities", no_events: "No events match these filters.",
    coded_fields: "Coded fields", sources: "Sources and claims", report: "Report text", history: "History",
    tallies: "Tallies in these reports", review: "Review", mark_reviewed: "Mark reviewed", mark_rejected: "Reject",
    correct: "Correct", split: "Split merge", conflict: "Sources disagree", denial: "denial", via: "via",
    killed: "killed", injured: "injured", signed_in_as: "Signed in as", bad_token: "Token not accepted",
    saved: "Saved", failed: "Failed", precision: "precision", precision_1: "exact place",
    precision_2: "near / part of a region", precision_3: "larger region", loading: "Loading…",
    need_token: "This server requires a token to read: sign in.", evidence_legend: "Highlighted: evidence for coded fields",
    status: "Status", number_of_sources: "Number of sources", split_done: "Split into a new event",
    field: "Field", value: "Value", no_report: "No report text",
  },
  ar: {
    subtitle: "أحداث النزاع من التقارير الإخبارية", token_placeholder: "رمز الدخول", sign_in: "دخول",
    sign_out: "خروج", search: "بحث", search_placeholder: "كلمات بالعربية أو الإنجليزية", event_type: "نوع الحدث",
    actor: "الطرف", governorate: "المحافظة", source: "المصدر", date_from: "من", date_to: "إلى",
    min_fatalities: "الحد الأدنى للقتلى", reset: "إعادة ضبط", download_csv: "تنزيل CSV", events: "الأحداث",
    timeline: "الخط الزمني", brush_hint: "اسحب لتصفية التاريخ", clear: "مسح", all: "الكل",
    attribution: "الحدود: أوتشا، البيانات المرجعية المشتركة لسوريا والعراق (CC BY-IGO)، مبسّطة.",
    of: "من", shown_in_view: "في العرض", fatalities: "قتلى", no_events: "لا توجد أحداث تطابق هذه المرشحات.",
    coded_fields: "الحقول المرمّزة", sources: "المصادر والروايات", report: "نص التقرير", history: "السجل",
    tallies: "الحصائل في هذه التقارير", review: "المراجعة", mark_reviewed: "تمت المراجعة", mark_rejected: "رفض",
    correct: "تصحيح", split: "فصل الدمج", conflict: "المصادر مختلفة", denial: "نفي", via: "عبر",
    killed: "قتيل", injured: "جريح", signed_in_as: "مسجّل باسم", bad_token: "الرمز غير مقبول",
    saved: "تم الحفظ", failed: "فشل", precision: "الدقة", precision_1: "مكان محدد",
    precision_2: "قرب منطقة أو جزء منها", precision_3: "منطقة أوسع", loading: "جارٍ التحميل…",
    need_token: "يتطلب هذا الخادم رمزاً للقراءة: سجّل الدخول.", evidence_legend: "المظلّل: أدلة الحقول المرمّزة",
    status: "الحالة", number_of_sources: "عدد المصادر", split_done: "فُصل إلى حدث جديد",
    field: "الحقل", value: "القيمة", no_report: "لا يوجد نص",
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

export const FIELD_NAMES_AR = {
  event_date: "التاريخ", event_type: "نوع الحدث", sub_event_type: "النوع الفرعي", actor1: "الطرف الأول",
  assoc_actor_1: "طرف مرتبط 1", actor2: "الطرف الثاني", assoc_actor_2: "طرف مرتبط 2", location: "المكان",
  admin1: "المحافظة", admin2: "المنطقة", admin3: "الناحية", latitude: "خط العرض", longitude: "خط الطول",
  geo_precision: "دقة الموقع", fatalities: "القتلى", fatalities_low: "القتلى (أدنى)",
  fatalities_best: "القتلى (أفضل تقدير)", fatalities_high: "القتلى (أعلى)", injured: "الجرحى",
  source: "المصدر", notes: "ملاحظات", civilian_targeting: "استهداف المدنيين", country: "البلد",
  time_precision: "دقة التاريخ", disorder_type: "نوع الاضطراب",
};

export function t(lang, key) {
  return (STRINGS[lang] && STRINGS[lang][key]) || STRINGS.en[key] || key;
}
