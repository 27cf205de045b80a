// marsad dashboard: map + timeline + feed + event panel over the marsad HTTP API.
// Rule: text that comes from reports or the store is only ever put in the page with
// textContent / createTextNode / attribute setters, never with innerHTML.
import { STRINGS, TYPE_NAMES_AR, FIELD_NAMES_AR, t } from "./i18n.js";
import { startLive } from "./live.js";

const TYPE_COLORS = {
  "Battles": "#d7301f",
  "Explosions/Remote violence": "#f28e2b",
  "Violence against civilians": "#7b3294",
  "Protests": "#2b83ba",
  "Riots": "#d4b200",
  "Strategic developments": "#1a9641",
};
const OTHER_COLOR = "#777777";
const FILTER_IDS = { q: "f-q", event_type: "f-type", actor: "f-actor", admin1: "f-admin1", source: "f-source",
  date_from: "f-from", date_to: "f-to", min_fatalities: "f-minfat" };
const PANEL_FIELDS = ["event_date", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2",
  "assoc_actor_2", "location", "admin2", "admin1", "country", "latitude", "longitude", "geo_precision",
  "fatalities", "fatalities_low", "fatalities_best", "fatalities_high", "injured", "civilian_targeting",
  "source", "notes"];
const CORRECTABLE = ["fatalities", "injured", "event_date", "event_type", "sub_event_type", "actor1", "actor2",
  "location", "admin1", "admin2", "notes"];
const MAP_LIMIT = 5000;

const state = {
  lang: localStorage.getItem("marsad-lang") || "en",
  token: sessionStorage.getItem("marsad-token") || "",
  user: null,
  events: [],
  total: 0,
  selectedId: null,
  markers: new Map(),
  brush: null, // [date_from, date_to] chosen on the timeline
  config: { tiles: null, require_token_for_read: false },
  facets: null,
};
const $ = (id) => document.getElementById(id);
let map, cluster;

// ---------- small DOM helpers (text only) ----------
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = String(v);
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(node.dataset, v);
    else node.setAttribute(k, String(v));
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}
function tr(key) { return t(state.lang, key); }
function typeName(type) { return state.lang === "ar" ? (TYPE_NAMES_AR[type] || type) : type; }
function fieldName(f) { return state.lang === "ar" ? (FIELD_NAMES_AR[f] || f) : f.replace(/_/g, " "); }
function colorOf(type) { return TYPE_COLORS[type] || OTHER_COLOR; }
function showStatus(msg) {
  const s = $("status"); s.textContent = msg; s.classList.add("show");
  clearTimeout(showStatus.timer); showStatus.timer = setTimeout(() => s.classList.remove("show"), 2500);
}
function isArabic(text) { return /[\u0600-\u06FF]/.test(text || ""); }

// ---------- API ----------
async function api(path, { method = "GET", body = null } = {}) {
  const headers = { "Accept": "application/json" };
  if (state.token) headers["Authorization"] = "Bearer " + state.token;
  if (body !== null) headers["Content-Type"] = "application/json";
  const res = await fetch(path, { method, headers, body: body === null ? null : JSON.stringify(body) });
  if (!res.ok) {
    let detail = res.statusText;
    try { const j = await res.json(); detail = typeof j.detail === "string" ? j.detail : JSON.stringify(j.detail); } catch (e) { /* not JSON */ }
    const err = new Error(detail); err.status = res.status; throw err;
  }
  return res.json();
}
function filterParams({ withBrush = true } = {}) {
  const p = new URLSearchParams();
  for (const [name, id] of Object.entries(FILTER_IDS)) {
    const v = $(id).value.trim();
    if (v !== "") p.set(name, v);
  }
  if (withBrush && state.brush) {
    const [a, b] = state.brush;
    if (!p.has("date_from") || p.get("date_from") < a) p.set("date_from", a);
    if (!p.has("date_to") || p.get("date_to") > b) p.set("date_to", b);
  }
  return p;
}

// ---------- i18n ----------
function applyLang() {
  const html = document.documentElement;
  html.lang = state.lang; html.dir = state.lang === "ar" ? "rtl" : "ltr";
  document.querySelectorAll("[data-i18n]").forEach((n) => { n.textContent = tr(n.dataset.i18n); });
  document.querySelectorAll("[data-i18n-placeholder]").forEach((n) => { n.placeholder = tr(n.dataset.i18nPlaceholder); });
  $("lang-toggle").textContent = state.lang === "ar" ? "English" : "العربية";
  if (state.facets) fillFacets(state.facets);
  drawLegend();
  renderFeed();
  if (state.selectedId) openEvent(state.selectedId, { pan: false });
}

// ---------- map ----------
function initMap() {
  map = L.map("map", { zoomControl: true, minZoom: 4, maxZoom: 14, attributionControl: true }).setView([34.8, 41.5], 6);
  if (state.config.tiles) {
    L.tileLayer(state.config.tiles, { maxZoom: 18, attribution: "tiles: configured server" }).addTo(map);
  }
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("OCHA COD-AB (CC BY-IGO)");
  cluster = L.markerClusterGroup({ maxClusterRadius: 45, disableClusteringAtZoom: 10, showCoverageOnHover: false,
    spiderfyOnMaxZoom: true, chunkedLoading: true });
  map.addLayer(cluster);
  map.on("moveend", renderFeed);
  loadBasemap();
}
async function loadBasemap() {
  const [adm1, adm2] = await Promise.all([
    fetch("basemap/adm1.geojson").then((r) => r.json()),
    fetch("basemap/adm2.geojson").then((r) => r.json()),
  ]);
  const fill = state.config.tiles ? 0 : 1;
  const districts = L.geoJSON(adm2, { interactive: false,
    style: { color: "#b9b5ab", weight: 0.6, fillColor: "#fbfaf6", fillOpacity: fill } });
  const governorates = L.geoJSON(adm1, { style: { color: "#8a857a", weight: 1.4, fill: true, fillOpacity: 0 },
    onEachFeature: (f, layer) => layer.bindTooltip(() => el("span", { text: state.lang === "ar" ? f.properties.name_ar : f.properties.name_en }), { sticky: true }) });
  districts.addTo(map); governorates.addTo(map);
  districts.bringToBack();
  document.body.dataset.basemap = "ready";
}
function markerSize(fat) { return Math.round(10 + Math.min(26, 5 * Math.sqrt(Math.max(0, fat || 0)))); }
function makeMarker(ev) {
  const size = markerSize(ev.fatalities);
  const prec = [1, 2, 3].includes(ev.geo_precision) ? ev.geo_precision : 1;
  const icon = L.divIcon({ className: "", iconSize: [size, size], html: "" });
  const m = L.marker([ev.latitude, ev.longitude], { icon, keyboard: true, title: "" });
  m.on("add", () => styleMarker(m, ev, size, prec));
  m.on("click", () => selectEvent(ev.id, { pan: false }));
  // A DOM node, not a string: Leaflet would set a string as HTML.
  m.bindTooltip(() => el("span", { text: `${ev.event_date || "?"} · ${typeName(ev.event_type || "")} · ${ev.location || ""} (${ev.fatalities ?? "–"})` }));
  return m;
}
function styleMarker(m, ev, size, prec) {
  const node = m.getElement(); if (!node) return;
  node.classList.add("ev-marker", "prec-" + prec);
  node.classList.toggle("selected", ev.id === state.selectedId);
  node.style.background = colorOf(ev.event_type);
  node.dataset.eventId = ev.id;
  node.dataset.fatalities = ev.fatalities ?? "";
  node.setAttribute("aria-label", `${ev.event_date || ""} ${ev.event_type || ""} ${ev.location || ""}`);
}
function renderMap() {
  cluster.clearLayers(); state.markers.clear();
  const layers = [];
  for (const ev of state.events) {
    if (typeof ev.latitude !== "number" || typeof ev.longitude !== "number") continue;
    const m = makeMarker(ev); state.markers.set(ev.id, m); layers.push(m);
  }
  cluster.addLayers(layers);
  document.body.dataset.markers = String(layers.length);
}
function drawLegend() {
  const box = $("legend"); box.replaceChildren();
  for (const [type, color] of Object.entries(TYPE_COLORS)) {
    box.append(el("div", {}, el("span", { class: "dot", style: `background:${color}` }), typeName(type)));
  }
  box.append(el("div", {}, el("span", { class: "ring" }), `${tr("precision")} 2–3`));
}

// ---------- feed ----------
function inView(ev) {
  if (!map || typeof ev.latitude !== "number") return true;
  return map.getBounds().pad(0.05).contains([ev.latitude, ev.longitude]);
}
function renderFeed() {
  const feed = $("feed"); feed.replaceChildren();
  const visible = state.events.filter(inView);
  $("feed-count").textContent = `${visible.length} ${tr("shown_in_view")} · ${state.total}`;
  if (!state.events.length) { feed.append(el("li", { class: "muted", text: tr("no_events") })); return; }
  for (const ev of visible.slice(0, 500)) feed.append(feedItem(ev));
}
function feedItem(ev) {
  const where = [ev.location, ev.admin1].filter(Boolean).join(", ");
  const actors = [ev.actor1, ev.actor2].filter(Boolean).join(" – ");
  const li = el("li", { dataset: { eventId: ev.id }, class: ev.id === state.selectedId ? "selected" : null,
    onclick: () => selectEvent(ev.id, { pan: true }) },
    el("span", { class: "swatch", style: `background:${colorOf(ev.event_type)}` }),
    el("div", {}, el("div", { class: "title", text: `${typeName(ev.event_type || "?")} · ${where}` }),
      el("div", { class: "meta", text: `${ev.event_date || "?"} · ${ev.sub_event_type || ""}` }),
      actors ? el("div", { class: "meta", text: actors }) : null),
    el("span", { class: "fat", text: ev.fatalities ?? "" }));
  return li;
}

// ---------- timeline with brush ----------
function drawTimeline(periods, bucket) {
  const svg = $("timeline"); svg.replaceChildren();
  const W = svg.clientWidth || 800, H = svg.clientHeight || 100, pad = 18;
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  if (!periods.length) return;
  const ns = "http://www.w3.org/2000/svg";
  const mk = (tag, attrs) => { const n = document.createElementNS(ns, tag); for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v); return n; };
  const t0 = Date.parse(periods[0].period), step = bucket === "week" ? 7 * 864e5 : 864e5;
  const t1 = Date.parse(periods[periods.length - 1].period) + step;
  const x = (ms) => pad + ((ms - t0) / Math.max(1, t1 - t0)) * (W - 2 * pad);
  const maxE = Math.max(...periods.map((p) => p.events)), maxF = Math.max(1, ...periods.map((p) => p.fatalities));
  const bw = Math.max(1, x(t0 + step) - x(t0) - 1);
  const g = mk("g", {}); svg.append(g);
  let path = "";
  periods.forEach((p, i) => {
    const ms = Date.parse(p.period), h = ((H - pad - 4) * p.events) / maxE;
    const inBrush = !state.brush || (p.period >= state.brush[0].slice(0, 10) && p.period <= state.brush[1]);
    const r = mk("rect", { x: x(ms), y: H - pad - h, width: bw, height: h, class: "bar" + (inBrush ? "" : " out") });
    const tip = mk("title", {}); tip.textContent = `${p.period}: ${p.events} ${tr("events")}, ${p.fatalities} ${tr("fatalities")}`;
    r.append(tip); g.append(r);
    const fy = H - pad - ((H - pad - 4) * p.fatalities) / maxF;
    path += `${i ? "L" : "M"}${x(ms) + bw / 2},${fy}`;
  });
  g.append(mk("path", { d: path, class: "fat-line" }));
  const axis = mk("g", { class: "axis" }); svg.append(axis);
  [[t0, "start"], [(t0 + t1) / 2, "middle"], [t1 - step, "end"]].forEach(([ms, anchor]) => {
    const lab = mk("text", { x: x(ms) + (anchor === "end" ? bw : 0), y: H - 4, "text-anchor": anchor });
    lab.textContent = new Date(ms).toISOString().slice(0, 10); axis.append(lab);
  });
  setupBrush(svg, { x, t0, t1, W, pad, H, mk });
}
function setupBrush(svg, geo) {
  const rect = geo.mk("rect", { class: "brush", y: 0, height: geo.H - geo.pad, x: 0, width: 0 });
  svg.append(rect);
  if (state.brush) {
    const a = geo.x(Date.parse(state.brush[0])), b = geo.x(Date.parse(state.brush[1]) + 864e5);
    rect.setAttribute("x", a); rect.setAttribute("width", Math.max(1, b - a));
  }
  const toMs = (px) => geo.t0 + ((px - geo.pad) / (geo.W - 2 * geo.pad)) * (geo.t1 - geo.t0);
  const localX = (evt) => { const b = svg.getBoundingClientRect(); return ((evt.clientX - b.left) / b.width) * geo.W; };
  let start = null;
  svg.onpointerdown = (evt) => { start = localX(evt); svg.setPointerCapture(evt.pointerId); rect.setAttribute("x", start); rect.setAttribute("width", 0); };
  svg.onpointermove = (evt) => {
    if (start === null) return;
    const cur = localX(evt); rect.setAttribute("x", Math.min(start, cur)); rect.setAttribute("width", Math.abs(cur - start));
  };
  svg.onpointerup = (evt) => {
    if (start === null) return;
    const end = localX(evt), a = Math.min(start, end), b = Math.max(start, end); start = null;
    if (b - a < 3) { setBrush(null); return; }
    const day = (ms) => new Date(Math.max(geo.t0, Math.min(geo.t1 - 1, ms))).toISOString().slice(0, 10);
    setBrush([day(toMs(a)), day(toMs(b))]);
  };
}
function setBrush(range) {
  state.brush = range;
  $("timeline-clear").hidden = !range;
  $("timeline-range").textContent = range ? `${range[0]} → ${range[1]}` : "";
  refresh({ timeline: false }).then(() => loadTimeline());
}
async function loadTimeline() {
  const p = filterParams({ withBrush: false });
  p.set("bucket", "auto");
  const stats = await api("api/stats?" + p.toString());
  state.timeline = stats;
  drawTimeline(stats.by_period, stats.bucket);
}

// Map and timeline sizes follow the layout (panel shown or hidden, window resized).
function relayout() {
  if (map) map.invalidateSize();
  if (state.timeline) drawTimeline(state.timeline.by_period, state.timeline.bucket);
}

// ---------- data loading ----------
async function loadEvents() {
  const p = filterParams();
  p.set("limit", "1000"); p.set("sort", "-event_date");
  let events = [], cursor = null, total = 0;
  do {
    if (cursor) p.set("cursor", cursor);
    const page = await api("api/events?" + p.toString());
    events = events.concat(page.events); cursor = page.next_cursor; total = page.total;
  } while (cursor && events.length < MAP_LIMIT);
  state.events = events; state.total = total;
}
function updateDownloadLinks() {
  const p = filterParams(); p.set("limit", "10000"); p.set("sort", "-event_date");
  p.set("format", "csv"); $("csv-link").href = "api/events?" + p.toString();
  p.set("format", "geojson"); $("geojson-link").href = "api/events?" + p.toString();
}
async function refresh({ timeline = true } = {}) {
  try {
    await loadEvents();
    renderMap(); renderFeed(); updateDownloadLinks();
    if (timeline) await loadTimeline();
    document.body.dataset.loaded = String(Date.now());
  } catch (err) {
    showStatus(err.status === 401 ? tr("need_token") : `${tr("failed")}: ${err.message}`);
  }
}
function fillSelect(id, rows, label = (k) => k) {
  const sel = $(id), keep = sel.value;
  sel.replaceChildren(el("option", { value: "", text: tr("all") }));
  for (const r of rows) if (r.key) sel.append(el("option", { value: r.key, text: `${label(r.key)} (${r.events})` }));
  sel.value = keep;
}
function fillFacets(stats) {
  fillSelect("f-type", stats.by_type, typeName);
  fillSelect("f-actor", stats.by_actor);
  fillSelect("f-admin1", stats.by_admin1);
  fillSelect("f-source", stats.by_source);
}
async function loadFacets() {
  state.facets = await api("api/stats");
  fillFacets(state.facets);
}

// ---------- selection and event panel ----------
function selectEvent(id, { pan }) {
  state.selectedId = id;
  document.querySelectorAll("#feed li.selected").forEach((n) => n.classList.remove("selected"));
  const li = document.querySelector(`#feed li[data-event-id="${CSS.escape(id)}"]`);
  if (li) { li.classList.add("selected"); li.scrollIntoView({ block: "nearest" }); }
  document.querySelectorAll(".ev-marker.selected").forEach((n) => n.classList.remove("selected"));
  const m = state.markers.get(id);
  if (m && pan) cluster.zoomToShowLayer(m, () => { const n = m.getElement(); if (n) n.classList.add("selected"); });
  else if (m && m.getElement()) m.getElement().classList.add("selected");
  openEvent(id, { pan });
}
async function openEvent(id) {
  const body = $("panel-body"); $("panel").hidden = false;
  body.replaceChildren(el("p", { class: "muted", text: tr("loading") }));
  try {
    const ev = await api("api/events/" + encodeURIComponent(id));
    if (state.selectedId !== id) return;
    body.replaceChildren(...panelSections(ev));
    if (ev.article_ids && ev.article_ids.length) showReport(ev, ev.article_ids[0]);
    loadTallies(ev);
    setTimeout(relayout, 50);
  } catch (err) { body.replaceChildren(el("p", { text: `${tr("failed")}: ${err.message}` })); }
}
function panelSections(ev) {
  const head = el("h2", { text: `${typeName(ev.event_type || "?")} · ${ev.location || ""}` });
  const status = el("p", {}, el("span", { class: "badge " + ev.status, text: ev.status }), ` · ${tr("number_of_sources")}: ${ev.number_of_sources ?? ""}`);
  return [head, status, fieldsTable(ev), reviewBox(ev), el("h3", { text: tr("sources") }), claimsList(ev),
    el("h3", { text: tr("report") }), el("p", { class: "muted", text: tr("evidence_legend") }),
    el("div", { id: "report-tabs", class: "report-tabs" }, ...(ev.articles || []).map((a) =>
      el("button", { type: "button", dataset: { articleId: a.id }, text: a.outlet || a.id, onclick: () => showReport(ev, a.id) }))),
    el("div", { id: "report", class: "report" }),
    el("h3", { text: tr("tallies") }), el("ul", { id: "tallies", class: "claims" }),
    el("h3", { text: tr("history") }), historyList(ev)];
}
function evidenceFields(ev) { return new Set((ev.evidence || []).map((e) => e.field)); }
function fieldsTable(ev) {
  const withEv = evidenceFields(ev);
  const table = el("table", { class: "fields" });
  for (const f of PANEL_FIELDS) {
    let v = ev[f];
    if (v === null || v === undefined || v === "") continue;
    if (f === "geo_precision") v = `${v} (${tr("precision_" + v)})`;
    if (f === "event_type") v = typeName(v);
    table.append(el("tr", { class: withEv.has(f) ? "has-evidence" : null, dataset: { field: f },
      onmouseenter: () => hotField(f, true), onmouseleave: () => hotField(f, false) },
      el("th", { text: fieldName(f) }), el("td", { text: v })));
  }
  return table;
}
function hotField(f, on) { document.querySelectorAll(`#report mark`).forEach((m) => m.classList.toggle("hot", on && m.dataset.field.split(" ").includes(f))); }
function claimsList(ev) {
  const claims = ev.sources || [];
  const figures = new Set(claims.filter((c) => c.fatalities !== null && c.fatalities !== undefined).map((c) => c.fatalities));
  const conflict = figures.size > 1 || claims.some((c) => c.kind === "denial");
  const ul = el("ul", { class: "claims" });
  if (conflict) ul.append(el("li", { class: "conflict-note", text: "⚠ " + tr("conflict") }));
  for (const c of claims) {
    const parts = [c.source || "?"];
    if (c.via) parts.push(`(${tr("via")} ${c.via})`);
    if (c.kind && c.kind !== "report") parts.push(`[${c.kind === "denial" ? tr("denial") : c.kind}]`);
    if (c.fatalities !== null && c.fatalities !== undefined) parts.push(`· ${c.fatalities} ${tr("killed")}`);
    if (c.injured !== null && c.injured !== undefined) parts.push(`· ${c.injured} ${tr("injured")}`);
    const isConflict = conflict && (c.kind === "denial" || (c.fatalities !== null && c.fatalities !== undefined));
    ul.append(el("li", { class: isConflict ? "conflict" : null, text: parts.join(" ") }));
  }
  return ul;
}
function historyList(ev) {
  const ul = el("ul", { class: "history" });
  for (const h of ev.history || []) ul.append(el("li", { text: `${h.at || ""} · ${h.kind}${h.who ? " · " + h.who : ""}` }));
  return ul;
}
async function showReport(ev, articleId) {
  document.querySelectorAll("#report-tabs button").forEach((b) => b.classList.toggle("active", b.dataset.articleId === articleId));
  const box = $("report"); if (!box) return;
  try {
    const art = await api("api/articles/" + encodeURIComponent(articleId));
    const spans = art.spans.filter((s) => s.event_id === ev.id || (ev.mention_ids || []).includes(s.mention_id));
    box.dir = art.language === "ar" || isArabic(art.text) ? "rtl" : "ltr";
    box.lang = art.language || "";
    box.dataset.articleId = art.id;
    box.replaceChildren(...highlighted(art.text, spans));
    const first = box.querySelector("mark"); if (first) first.scrollIntoView({ block: "nearest" });
  } catch (err) { box.textContent = `${tr("no_report")}: ${err.message}`; }
}
// Split the text at every span boundary; each piece becomes a text node or a <mark> listing its fields.
function highlighted(text, spans) {
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
async function loadTallies(ev) {
  const ul = $("tallies"); if (!ul) return;
  const rows = [];
  for (const a of ev.article_ids || []) {
    try { rows.push(...(await api("api/tallies?article_id=" + encodeURIComponent(a))).tallies); } catch (e) { /* keep others */ }
  }
  ul.replaceChildren(...rows.map((x) => el("li", { text: `${x.count} ${x.what || ""}${x.whose ? " · " + x.whose : ""}${x.period_start ? " · " + x.period_start : ""}${x.period_end ? " → " + x.period_end : ""}${x.source ? " · " + x.source : ""}` })));
}

// ---------- review (signed in) ----------
function reviewBox(ev) {
  if (!state.user) return el("div");
  const box = el("div", { class: "review-wrap" }, el("h3", { text: tr("review") }));
  box.append(el("div", { class: "review" },
    el("button", { type: "button", class: "primary", id: "btn-reviewed", text: tr("mark_reviewed"), onclick: () => review(ev, "reviewed") }),
    el("button", { type: "button", class: "danger", id: "btn-rejected", text: tr("mark_rejected"), onclick: () => review(ev, "rejected") }),
    (ev.mentions || []).length > 1 ? el("button", { type: "button", id: "btn-split", text: tr("split"), onclick: () => split(ev) }) : null));
  const sel = el("select", { id: "correct-field" }, ...CORRECTABLE.map((f) => el("option", { value: f, text: fieldName(f) })));
  const input = el("input", { id: "correct-value", placeholder: tr("value") });
  box.append(el("form", { class: "correct", onsubmit: (e) => { e.preventDefault(); correct(ev, sel.value, input.value); } },
    sel, input, el("button", { type: "submit", text: tr("correct") })));
  return box;
}
async function writeAndReload(ev, method, path, body, message) {
  try { await api(path, { method, body }); showStatus(message); }
  catch (err) { showStatus(`${tr("failed")}: ${err.message}`); return; }
  await refresh(); openEvent(ev.id);
}
function review(ev, status) { return writeAndReload(ev, "POST", `api/events/${encodeURIComponent(ev.id)}/review`, { status }, tr("saved")); }
function split(ev) { return writeAndReload(ev, "POST", `api/events/${encodeURIComponent(ev.id)}/split`, {}, tr("split_done")); }
function correct(ev, field, raw) {
  const numeric = ["fatalities", "injured"].includes(field);
  const value = raw.trim() === "" ? null : numeric ? Number(raw) : raw.trim();
  return writeAndReload(ev, "PATCH", `api/events/${encodeURIComponent(ev.id)}`, { field, value }, tr("saved"));
}

// ---------- sign in ----------
async function checkToken() {
  if (!state.token) { state.user = null; renderSignin(); return; }
  try { state.user = (await api("api/me")).name; }
  catch (err) { state.user = null; state.token = ""; sessionStorage.removeItem("marsad-token"); showStatus(tr("bad_token")); }
  renderSignin();
}
function renderSignin() {
  const signed = Boolean(state.user);
  $("whoami").hidden = !signed; $("whoami").textContent = signed ? `${tr("signed_in_as")} ${state.user}` : "";
  $("token-input").hidden = signed; $("signin-btn").hidden = signed; $("signout-btn").hidden = !signed;
  document.body.dataset.user = signed ? "yes" : "no";
}

// ---------- wiring ----------
function wire() {
  $("lang-toggle").onclick = () => { state.lang = state.lang === "ar" ? "en" : "ar"; localStorage.setItem("marsad-lang", state.lang); applyLang(); };
  $("filters").addEventListener("change", () => refresh());
  $("filters").addEventListener("submit", (e) => { e.preventDefault(); refresh(); });
  $("f-q").addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); refresh(); } });
  $("f-reset").onclick = () => { for (const id of Object.values(FILTER_IDS)) $(id).value = ""; state.brush = null; setBrush(null); };
  $("timeline-clear").onclick = () => setBrush(null);
  $("panel-close").onclick = () => {
    $("panel").hidden = true; state.selectedId = null;
    document.querySelectorAll(".ev-marker.selected, #feed li.selected").forEach((n) => n.classList.remove("selected"));
    setTimeout(relayout, 50);
  };
  $("signin").onsubmit = async (e) => {
    e.preventDefault(); state.token = $("token-input").value.trim(); $("token-input").value = "";
    if (state.token) sessionStorage.setItem("marsad-token", state.token);
    await checkToken(); if (state.user) { await start(); }
  };
  $("signout-btn").onclick = () => { state.token = ""; state.user = null; sessionStorage.removeItem("marsad-token"); renderSignin(); if (state.selectedId) openEvent(state.selectedId); };
  window.addEventListener("resize", relayout);
}
async function start() {
  try { await loadFacets(); } catch (err) { showStatus(err.status === 401 ? tr("need_token") : err.message); return; }
  await refresh();
}
async function main() {
  try { state.config = await (await fetch("api/config")).json(); } catch (e) { /* defaults */ }
  initMap(); wire(); applyLang();
  await checkToken();
  await start();
  startLive(() => refresh()); // events stored meanwhile (marsad watch) reload the map and feed, marked "new"
}
main();
export { highlighted, STRINGS };
