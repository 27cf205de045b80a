// The event panel: coded fields, sources (each once with its figure), the report text with the
// evidence highlighted, tallies, a readable history, and review controls for signed-in users.
import { $, bdi, el } from "./dom.js";
import { fill, plural, vocab } from "./i18n.js";

const PANEL_FIELDS = ["event_date", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2",
  "assoc_actor_2", "location", "admin2", "admin1", "country", "latitude", "longitude", "geo_precision",
  "fatalities", "fatalities_low", "fatalities_best", "fatalities_high", "injured", "civilian_targeting",
  "source", "source_scale", "notes", "quote"];
const CORRECTABLE = ["fatalities", "fatalities_low", "fatalities_high", "injured", "event_date", "event_type",
  "sub_event_type", "actor1", "actor2", "location", "admin1", "admin2", "notes"];
const NUMERIC = new Set(["fatalities", "fatalities_low", "fatalities_best", "fatalities_high", "injured"]);
const VOCAB_KIND = { event_type: "type", sub_event_type: "subtype", actor1: "actor", actor2: "actor", assoc_actor_1: "actor",
  assoc_actor_2: "actor", admin1: "admin1", country: "admin1" };

export class Panel {
  constructor(ui) { this.ui = ui; } // ui: { lang(), tr(key), user(), api(path, opts), reload(), status(msg) }

  get lang() { return this.ui.lang(); }
  tr(key) { return this.ui.tr(key); }
  fieldName(f) { return this.lang === "ar" ? (this.ui.fieldNames[f] || f) : f.replace(/_/g, " "); }
  value(f, v) {
    if (!VOCAB_KIND[f] || typeof v !== "string") return v;
    return v.split(";").map((part) => vocab(this.lang, VOCAB_KIND[f], part.trim())).join(this.lang === "ar" ? "؛ " : "; ");
  }

  async open(id) {
    this.id = id;
    const body = $("panel-body"); $("panel").hidden = false;
    document.body.classList.add("panel-open");
    body.replaceChildren(el("p", { class: "muted", text: this.tr("loading") }));
    try {
      const ev = await this.ui.api("api/events/" + encodeURIComponent(id));
      if (this.id !== id) return;
      this.event = ev;
      body.replaceChildren(...this.sections(ev));
      if (ev.article_ids && ev.article_ids.length) this.showReport(ev, ev.article_ids[0]);
      this.loadTallies(ev);
      document.body.dataset.panel = id;
    } catch (err) { body.replaceChildren(el("p", { text: `${this.tr("failed")}: ${err.message}` })); }
  }

  close() {
    this.id = null; this.event = null; $("panel").hidden = true;
    document.body.classList.remove("panel-open"); delete document.body.dataset.panel;
  }

  sections(ev) {
    const head = el("h2", {}, bdi(vocab(this.lang, "type", ev.event_type || "?")), " · ", bdi(ev.location || ev.admin1 || ""));
    const summary = ev.source_summary || {};
    const meta = el("p", { class: "meta-line" },
      el("span", { class: "badge " + ev.status, text: this.tr("status_" + ev.status) }), " · ",
      el("span", { id: "source-count", text: plural(this.lang, "sources", summary.number_of_sources ?? ev.number_of_sources ?? 0) }), " · ",
      el("span", { text: plural(this.lang, "reports", (ev.article_ids || []).length) }));
    return [head, meta, this.fieldsTable(ev), this.reviewBox(ev),
      el("h3", { text: this.tr("sources") }), this.sourcesList(summary),
      el("h3", { text: this.tr("report") }), el("p", { class: "muted", text: this.tr("evidence_legend") }),
      el("div", { id: "report-tabs", class: "report-tabs" }, ...(ev.articles || []).map((a) =>
        el("button", { type: "button", dataset: { articleId: a.id }, onclick: () => this.showReport(ev, a.id) }, bdi(a.outlet || a.id)))),
      el("div", { id: "report", class: "report" }),
      el("h3", { text: this.tr("tallies") }), el("p", { class: "muted help", text: this.tr("tallies_help") }),
      el("ul", { id: "tallies", class: "claims" }),
      el("h3", { text: this.tr("history") }), this.historyList(ev)];
  }

  fieldsTable(ev) {
    const withEv = new Set((ev.evidence || []).map((e) => e.field));
    const table = el("table", { class: "fields" });
    for (const f of PANEL_FIELDS) {
      let v = ev[f];
      if (v === null || v === undefined || v === "") continue;
      if (f === "geo_precision") v = `${v} (${this.tr("precision_" + v)})`;
      else v = this.value(f, v);
      const cell = el("td", { dir: "auto" }, bdi(String(v)));
      if (f === "event_date" && ev.date_estimated) cell.append(" ", el("span", { class: "muted", text: `(${this.tr("estimated_date")})` }));
      table.append(el("tr", { class: withEv.has(f) ? "has-evidence" : null, dataset: { field: f },
        onmouseenter: () => this.hot(f, true), onmouseleave: () => this.hot(f, false) },
        el("th", { scope: "row", text: this.fieldName(f) }), cell));
    }
    return table;
  }

  hot(f, on) { document.querySelectorAll("#report mark").forEach((m) => m.classList.toggle("hot", on && m.dataset.field.split(" ").includes(f))); }

  // Each source once, with its latest total; anonymous sources under the outlet citing them; denials
  // and "no comment" apart; the warning only when sources give different totals for the same victims.
  sourcesList(summary) {
    const ul = el("ul", { class: "claims", id: "sources-list" });
    if (summary.disagree) ul.append(el("li", { class: "conflict-note", id: "disagree", text: "⚠ " + this.tr("disagree") }));
    const named = new Set(summary.named || []);
    for (const s of summary.entries || []) {
      if (!named.has(s.name)) continue;
      const li = el("li", { class: "source-entry", dataset: { source: s.name } }, el("strong", {}, bdi(s.name)),
        el("span", { class: "muted" }, ` · ${s.scale}`));
      if (s.fatalities !== null && s.fatalities !== undefined) li.append(" · ", el("span", { class: "figure", text: plural(this.lang, "killed", s.fatalities) }));
      if (s.injured) li.append(" · ", el("span", { text: plural(this.lang, "injured", s.injured) }));
      if (s.cites && s.cites.length) li.append(el("div", { class: "muted" }, `${this.tr("cites")} `, bdi(s.cites.join("، "))));
      const others = (s.other_figures || []).filter((f) => f.fatalities !== null);
      if (others.length) {
        li.append(el("div", { class: "muted" }, `${this.tr("other_figures")}: `,
          ...others.map((f, i) => el("span", {}, i ? "، " : "", plural(this.lang, "killed", f.fatalities), " (",
            bdi(f.whose ? vocab(this.lang, "actor", f.whose) : this.tr("whose_unstated")), ")"))));
      }
      ul.append(li);
    }
    for (const d of summary.denials || []) {
      ul.append(el("li", { class: "denial" }, el("strong", { text: this.tr("denied") + ": " }), bdi(d.by || this.tr("unnamed_party")),
        d.text ? el("div", { class: "quote", dir: "auto", text: d.text }) : null));
    }
    for (const d of summary.no_comment || []) {
      ul.append(el("li", { class: "no-comment muted" }, bdi(d.by || this.tr("unnamed_party")), ": ", this.tr("no_comment")));
    }
    return ul;
  }

  // Every change in words: what, old and new value, who, and when in the reader's local time.
  historyList(ev) {
    const ul = el("ul", { class: "history", id: "history" });
    const when = (at) => new Date(at).toLocaleString(this.lang === "ar" ? "ar-SY" : "en-GB",
      { dateStyle: "medium", timeStyle: "short" });
    for (const h of [...(ev.history || [])].reverse()) {
      const li = el("li", { dataset: { kind: h.kind } }, el("time", { datetime: h.at, text: when(h.at) }), " · ");
      li.append(this.historyText(h));
      if (h.who) li.append(" · ", el("span", { class: "muted" }, `${this.tr("by")} `, bdi(h.who)));
      ul.append(li);
    }
    return ul;
  }

  historyText(h) {
    const d = h.detail || {};
    const show = (field, v) => (v === null || v === undefined ? this.tr("none") : String(this.value(field, v)));
    if (h.kind === "corrected") {
      return el("span", {}, el("strong", { text: this.fieldName(d.field) }), ": ", bdi(show(d.field, d.from)), " → ", bdi(show(d.field, d.to)));
    }
    if (h.kind === "updated" && d.changes) {
      return el("span", {}, ...Object.entries(d.changes).flatMap(([f, [a, b]], i) =>
        [i ? "؛ " : "", el("strong", { text: this.fieldName(f) }), ": ", bdi(show(f, a)), " → ", bdi(show(f, b))]));
    }
    if (h.kind === "reviewed") return el("span", { text: `${this.tr("status")}: ${this.tr("status_" + d.from)} → ${this.tr("status_" + d.to)}` });
    const key = "h_" + h.kind;
    const values = { article: d.article, score: d.score !== undefined ? Number(d.score).toFixed(2) : "", mention: d.mention,
      moved: (d.moved || []).join(", "), new: d.new_event };
    return bdi(this.tr(key) === key ? h.kind : fill(this.tr(key), values));
  }

  async showReport(ev, articleId) {
    document.querySelectorAll("#report-tabs button").forEach((b) => b.classList.toggle("active", b.dataset.articleId === articleId));
    const box = $("report"); if (!box) return;
    try {
      const art = await this.ui.api("api/articles/" + encodeURIComponent(articleId));
      const spans = art.spans.filter((s) => s.event_id === ev.id || (ev.mention_ids || []).includes(s.mention_id));
      box.dir = art.language === "ar" || /[\u0600-\u06FF]/.test(art.text) ? "rtl" : "ltr";
      box.lang = art.language || "";
      box.dataset.articleId = art.id;
      box.replaceChildren(...highlighted(art.text, spans, (f) => this.fieldName(f)));
    } catch (err) { box.textContent = `${this.tr("no_report")}: ${err.message}`; }
  }

  async loadTallies(ev) {
    const ul = $("tallies"); if (!ul) return;
    const rows = [];
    for (const a of ev.article_ids || []) {
      try { rows.push(...(await this.ui.api("api/tallies?article_id=" + encodeURIComponent(a))).tallies); } catch (e) { /* keep others */ }
    }
    if (!rows.length) { ul.replaceChildren(el("li", { class: "muted", text: this.tr("no_tallies") })); return; }
    ul.replaceChildren(...rows.map((x) => el("li", {}, el("strong", { text: plural(this.lang, x.what === "injured" ? "injured" : "killed", x.count) }),
      x.whose ? el("span", {}, " · ", bdi(vocab(this.lang, "actor", x.whose))) : null,
      x.period_start || x.period_end ? el("span", {}, " · ", bdi(`${x.period_start || "…"} → ${x.period_end || "…"}`, "ltr")) : null,
      x.source ? el("span", {}, " · ", bdi(x.source)) : null)));
  }

  reviewBox(ev) {
    if (!this.ui.user()) return el("div");
    const box = el("div", { class: "review-wrap" }, el("h3", { text: this.tr("review") }));
    box.append(el("div", { class: "review" },
      el("button", { type: "button", class: "primary", id: "btn-reviewed", text: this.tr("mark_reviewed"), onclick: () => this.write(ev, "POST", "/review", { status: "reviewed" }) }),
      el("button", { type: "button", class: "danger", id: "btn-rejected", text: this.tr("mark_rejected"), onclick: () => this.write(ev, "POST", "/review", { status: "rejected" }) }),
      (ev.mentions || []).length > 1 ? el("button", { type: "button", id: "btn-split", text: this.tr("split"), onclick: () => this.write(ev, "POST", "/split", {}, "split_done") }) : null));
    const sel = el("select", { id: "correct-field", "aria-label": this.tr("field") }, ...CORRECTABLE.map((f) => el("option", { value: f, text: this.fieldName(f) })));
    const input = el("input", { id: "correct-value", placeholder: this.tr("value"), dir: "auto", "aria-label": this.tr("value") });
    box.append(el("form", { class: "correct", onsubmit: (e) => { e.preventDefault(); this.correct(ev, sel.value, input.value); } },
      sel, input, el("button", { type: "submit", text: this.tr("correct") })), el("p", { class: "muted help", text: this.tr("correct_hint") }));
    return box;
  }

  correct(ev, field, raw) {
    const value = raw.trim() === "" ? null : NUMERIC.has(field) ? Number(raw) : raw.trim();
    return this.write(ev, "PATCH", "", { field, value });
  }

  async write(ev, method, suffix, body, message = "saved") {
    try { await this.ui.api(`api/events/${encodeURIComponent(ev.id)}${suffix}`, { method, body }); this.ui.status(this.tr(message)); }
    catch (err) { this.ui.status(`${this.tr("failed")}: ${err.message}`); return; }
    await this.ui.reload(); await this.open(ev.id);
  }
}

// Split the text at every span boundary; each piece becomes a text node or a <mark> listing its fields.
export function highlighted(text, spans, fieldName = (f) => f) {
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(Math.max(0, s.start)); cuts.add(Math.min(text.length, s.end)); }
  const points = [...cuts].sort((a, b) => a - b), out = [];
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i], b = points[i + 1], piece = text.slice(a, b);
    const fields = [...new Set(spans.filter((s) => s.start <= a && s.end >= b && s.end > s.start).map((s) => s.field))];
    if (!fields.length) { out.push(document.createTextNode(piece)); continue; }
    const mark = el("mark", { class: fields.map((f) => "f-" + f).join(" "), dataset: { field: fields.join(" ") }, title: fields.map(fieldName).join(", ") });
    mark.textContent = piece; out.push(mark);
  }
  return out;
}
