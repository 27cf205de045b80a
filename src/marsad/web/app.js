// marsad dashboard: filters (multi-select with counts that follow the other filters), feed, map,
// timeline and the event panel over the marsad HTTP API. The URL carries the filters and the
// selected event, so every view has a permalink and the back button steps through them.
// Rule: text from reports or the store reaches the page only as text (see dom.js).
import { $, bdi, el } from "./dom.js";
import { FIELD_NAMES_AR, STRINGS, plural, t, vocab } from "./i18n.js";
import { startLive } from "./live.js";
import { EventMap, TYPE_COLORS, colorOf } from "./map.js";
import { Panel, highlighted } from "./panel.js";
import { drawTimeline, drawTimelineLegend } from "./timeline.js";

const MULTI = ["event_type", "sub_event_type", "actor", "admin1", "source"];
const SINGLE = { q: "f-q", date_from: "f-from", date_to: "f-to", min_fatalities: "f-minfat" };
const FACET_VOCAB = { event_type: "type", sub_event_type: "subtype", actor: "actor", admin1: "admin1" };
const FACET_LABEL = { event_type: "event_type", sub_event_type: "sub_event_type", actor: "actor", admin1: "governorate", source: "source" };
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAP_LIMIT = 5000;
const PHONE = window.matchMedia("(max-width: 760px)");

const state = {
  lang: localStorage.getItem("marsad-lang") || "en",
  token: sessionStorage.getItem("marsad-token") || "",
  user: null,
  filters: emptyFilters(),
  brush: null, // [date_from, date_to] chosen on the timeline
  bucket: "auto",
  selectedId: null,
  events: [], total: 0, facets: null, timeline: null,
  config: { tiles: null, require_token_for_read: false },
};
let map, panel;

function emptyFilters() {
  return { q: "", date_from: "", date_to: "", min_fatalities: "", ...Object.fromEntries(MULTI.map((k) => [k, []])) };
}
const tr = (key) => t(state.lang, key);
const typeName = (type) => vocab(state.lang, "type", type);
const anyFilter = () => Boolean(state.brush) || MULTI.some((k) => state.filters[k].length) ||
  Object.keys(SINGLE).some((k) => state.filters[k] !== "");

function showStatus(msg) {
  const s = $("status"); s.textContent = msg; s.classList.add("show");
  clearTimeout(showStatus.timer); showStatus.timer = setTimeout(() => s.classList.remove("show"), 2500);
}

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

// The API's parameters for the current filters (the timeline brush narrows the dates).
function filterParams({ withBrush = true } = {}) {
  const p = new URLSearchParams();
  for (const k of Object.keys(SINGLE)) if (state.filters[k] !== "") p.set(k, state.filters[k]);
  for (const k of MULTI) for (const v of state.filters[k]) p.append(k, v);
  if (withBrush && state.brush) {
    const [a, b] = state.brush;
    if (!p.has("date_from") || p.get("date_from") < a) p.set("date_from", a);
    if (!p.has("date_to") || p.get("date_to") > b) p.set("date_to", b);
  }
  return p;
}

// ---------- the URL: filters, brush, bucket, selected event, language ----------
function toURL() {
  const p = filterParams({ withBrush: false });
  if (state.brush) p.set("brush", state.brush.join(","));
  if (state.bucket !== "auto") p.set("bucket", state.bucket);
  if (state.selectedId) p.set("event", state.selectedId);
  if (state.lang === "ar") p.set("lang", "ar");
  const query = p.toString();
  return location.pathname + (query ? "?" + query : "");
}
function pushURL() {
  const url = toURL();
  if (url !== location.pathname + location.search) history.pushState(null, "", url);
}
function fromURL() {
  const p = new URLSearchParams(location.search);
  state.filters = emptyFilters();
  for (const k of Object.keys(SINGLE)) state.filters[k] = p.get(k) || "";
  for (const k of MULTI) state.filters[k] = p.getAll(k);
  const brush = (p.get("brush") || "").split(",");
  state.brush = brush.length === 2 && brush.every((d) => ISO_DATE.test(d)) ? brush : null;
  state.bucket = ["day", "week", "month"].includes(p.get("bucket")) ? p.get("bucket") : "auto";
  state.selectedId = p.get("event");
  if (p.get("lang") === "ar" || p.get("lang") === "en") state.lang = p.get("lang");
}
function syncInputs() {
  for (const [k, id] of Object.entries(SINGLE)) $(id).value = state.filters[k];
  $("bucket").value = state.bucket;
  $("timeline-clear").hidden = !state.brush;
  $("timeline-range").textContent = state.brush ? `${state.brush[0]} → ${state.brush[1]}` : "";
  const n = MULTI.reduce((s, k) => s + state.filters[k].length, 0) + Object.keys(SINGLE).filter((k) => state.filters[k] !== "").length + (state.brush ? 1 : 0);
  $("filters-badge").hidden = !n; $("filters-badge").textContent = String(n);
}

// ---------- i18n ----------
function applyLang() {
  const html = document.documentElement;
  html.lang = state.lang; html.dir = state.lang === "ar" ? "rtl" : "ltr";
  document.querySelectorAll("[data-i18n]").forEach((n) => { n.textContent = tr(n.dataset.i18n); });
  document.querySelectorAll("[data-i18n-placeholder]").forEach((n) => { n.placeholder = tr(n.dataset.i18nPlaceholder); });
  document.querySelectorAll("[data-i18n-aria-label]").forEach((n) => n.setAttribute("aria-label", tr(n.dataset.i18nAriaLabel)));
  $("bucket").options[0].textContent = tr("bucket_auto");
  $("lang-toggle").textContent = state.lang === "ar" ? "English" : "العربية";
  map.setTexts(tr);
  if (state.facets) renderFacets(state.facets);
  drawLegend();
  renderFeed(); renderMapMarkers(); drawTimelineNow();
  map.loadLabels(true);
  renderSignin();
  if (state.selectedId) panel.open(state.selectedId);
}

// ---------- filters: multi-select lists with counts under the other filters ----------
function renderFacets(facets) {
  document.querySelectorAll(".facet").forEach((box) => {
    const name = box.dataset.facet, chosen = new Set(state.filters[name]);
    const rows = [...(facets[name] || [])];
    for (const v of chosen) if (!rows.some((r) => r.key === v)) rows.push({ key: v, events: 0 });
    const label = (key) => (FACET_VOCAB[name] ? vocab(state.lang, FACET_VOCAB[name], key) : key);
    const list = el("div", { class: "options", role: "group", "aria-label": tr(FACET_LABEL[name]) },
      ...rows.map((r) => el("label", { class: "option" + (r.events ? "" : " empty"), dataset: { value: r.key } },
        el("input", { type: "checkbox", value: r.key, checked: chosen.has(r.key) ? "checked" : null,
          onchange: (e) => toggleFacet(name, r.key, e.target.checked) }),
        name === "event_type" ? el("span", { class: "dot", style: { background: colorOf(r.key) } }) : null,
        bdi(label(r.key)), el("span", { class: "count", text: r.events }))));
    const open = box.querySelector("details") ? box.querySelector("details").open : ["event_type", "admin1"].includes(name);
    const count = chosen.size ? ` (${chosen.size})` : "";
    const details = el("details", { open: open ? "open" : null }, el("summary", {}, el("span", { text: tr(FACET_LABEL[name]) }),
      el("span", { class: "chosen", text: count })), rows.length ? list : el("p", { class: "muted", text: tr("none") }));
    box.replaceChildren(details);
  });
}
function toggleFacet(name, value, on) {
  const values = state.filters[name].filter((v) => v !== value);
  if (on) values.push(value);
  state.filters[name] = values;
  changed();
}
function readSingles() {
  for (const [k, id] of Object.entries(SINGLE)) state.filters[k] = $(id).value.trim();
  const bad = ["date_from", "date_to"].filter((k) => state.filters[k] && !ISO_DATE.test(state.filters[k]));
  $("date-error").hidden = !bad.length; $("date-error").textContent = bad.length ? tr("bad_date") : "";
  $("f-from").classList.toggle("invalid", bad.includes("date_from")); $("f-to").classList.toggle("invalid", bad.includes("date_to"));
  for (const k of bad) state.filters[k] = "";
  return !bad.length;
}
function changed() { pushURL(); syncInputs(); refresh(); }

// ---------- feed ----------
function renderFeed() {
  const feed = $("feed"); feed.replaceChildren();
  const visible = state.events.filter((ev) => !map || typeof ev.latitude !== "number" || map.map.getBounds().pad(0.05).contains([ev.latitude, ev.longitude]));
  $("feed-count").replaceChildren(bdi(`${plural(state.lang, "events", state.total)} · ${visible.length} ${tr("shown_in_view")}`));
  renderEmpty();
  for (const ev of visible.slice(0, 500)) feed.append(feedItem(ev));
}
function renderEmpty() {
  const box = $("empty");
  if (state.total) { box.hidden = true; document.body.dataset.empty = "no"; return; }
  box.hidden = false;
  if (anyFilter()) {
    document.body.dataset.empty = "filtered";
    box.replaceChildren(el("p", { text: tr("no_events") }), el("button", { type: "button", text: tr("reset"), onclick: resetFilters }));
  } else {
    document.body.dataset.empty = "database";
    const parts = tr("empty_db").split("`");
    box.replaceChildren(el("strong", { text: tr("empty_db_title") }),
      el("p", {}, ...parts.map((part, i) => (i % 2 ? el("code", { dir: "ltr", text: part }) : part))));
  }
}
function feedItem(ev) {
  const region = ev.admin1 && ev.admin1 !== ev.location ? vocab(state.lang, "admin1", ev.admin1) : null;
  const place = [ev.location, region].filter(Boolean).join(tr("comma"));
  const actors = [ev.actor1, ev.actor2].filter(Boolean).map((a) => vocab(state.lang, "actor", a));
  return el("li", { dataset: { eventId: ev.id }, class: ev.id === state.selectedId ? "selected" : null, tabindex: "0",
    onclick: () => select(ev.id, { fly: true }), onkeydown: (e) => { if (e.key === "Enter") select(ev.id, { fly: true }); } },
    el("span", { class: "swatch", style: { background: colorOf(ev.event_type) } }),
    el("div", { class: "body" },
      el("div", { class: "title" }, bdi(typeName(ev.event_type || "?")), " · ", bdi(place)),
      el("div", { class: "meta" }, bdi(ev.event_date || "?", "ltr"), " · ", bdi(vocab(state.lang, "subtype", ev.sub_event_type || ""))),
      actors.length ? el("div", { class: "meta" }, ...actors.flatMap((a, i) => [i ? " – " : "", bdi(a)])) : null),
    el("span", { class: "fat", text: ev.fatalities ? plural(state.lang, "killed", ev.fatalities) : "" }));
}

// ---------- map and legend ----------
function tooltip(ev) {
  const deaths = ev.fatalities ? plural(state.lang, "killed", ev.fatalities) : "";
  return el("span", {}, bdi(ev.event_date || "?", "ltr"), " · ", bdi(typeName(ev.event_type || "")), " · ", bdi(ev.location || ""),
    deaths ? ` · ${deaths}` : "");
}
function renderMapMarkers() { map.render(state.events, { selectedId: state.selectedId, tooltip }); }
function drawLegend() {
  const box = $("legend"); box.replaceChildren();
  for (const [type, color] of Object.entries(TYPE_COLORS)) {
    box.append(el("div", {}, el("span", { class: "dot", style: { background: color } }), bdi(typeName(type))));
  }
  box.append(el("div", {}, el("span", { class: "cluster-dot", text: "5" }), tr("legend_cluster")));
  box.append(el("div", {}, el("span", { class: "ring" }), `${tr("precision")} 2–3`));
}

// ---------- timeline ----------
async function loadTimeline() {
  const p = filterParams({ withBrush: false });
  p.set("bucket", state.bucket); p.append("part", "by_period"); p.append("part", "by_period_type");
  state.timeline = await api("api/stats?" + p.toString());
  drawTimelineNow();
}
function drawTimelineNow() {
  if (!state.timeline) return;
  const s = state.timeline;
  drawTimeline($("timeline"), { byType: s.by_period_type || [], totals: s.by_period, bucket: s.bucket, brush: state.brush,
    tr, typeName, onBrush: setBrush });
  const types = [...new Set((s.by_period_type || []).map((p) => p.event_type))];
  drawTimelineLegend($("timeline-legend"), { types, tr, typeName });
  document.body.dataset.bucket = s.bucket;
}
function setBrush(range) { state.brush = range; changed(); }

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
async function loadFacets() {
  state.facets = await api("api/facets?" + filterParams().toString());
  renderFacets(state.facets);
}
function updateDownloadLinks() {
  const p = filterParams(); p.set("limit", "10000"); p.set("sort", "-event_date");
  p.set("format", "csv"); $("csv-link").href = "api/events?" + p.toString();
  p.set("format", "geojson"); $("geojson-link").href = "api/events?" + p.toString();
}
async function refresh() {
  const ticket = (refresh.ticket = (refresh.ticket || 0) + 1);
  try {
    await Promise.all([loadEvents(), loadFacets()]);
    if (ticket !== refresh.ticket) return;
    renderMapMarkers(); renderFeed(); updateDownloadLinks();
    await loadTimeline();
    if (state.selectedId) showSelected({ fly: false });
    else panel.close();
    document.body.dataset.loaded = String(Date.now());
  } catch (err) {
    showStatus(err.status === 401 ? tr("need_token") : `${tr("failed")}: ${err.message}`);
  }
}

// ---------- selection ----------
function select(id, { fly }) {
  state.selectedId = id;
  pushURL();
  showSelected({ fly });
  if (PHONE.matches) closeDrawer();
}
function showSelected({ fly }) {
  const id = state.selectedId;
  document.querySelectorAll("#feed li.selected").forEach((n) => n.classList.remove("selected"));
  const li = document.querySelector(`#feed li[data-event-id="${CSS.escape(id)}"]`);
  if (li) { li.classList.add("selected"); li.scrollIntoView({ block: "nearest" }); }
  map.show(id, { fly });
  if (panel.id !== id) panel.open(id).then(() => setTimeout(() => map.invalidate(), 50));
}
function closePanel() {
  panel.close(); state.selectedId = null; pushURL();
  document.querySelectorAll(".ev-marker.selected, #feed li.selected").forEach((n) => n.classList.remove("selected"));
  setTimeout(() => { map.invalidate(); drawTimelineNow(); }, 50);
}

// ---------- phone drawer ----------
function openDrawer() {
  document.body.classList.add("drawer-open"); $("scrim").hidden = false;
  $("filters-toggle").setAttribute("aria-expanded", "true");
}
function closeDrawer() {
  document.body.classList.remove("drawer-open"); $("scrim").hidden = true;
  $("filters-toggle").setAttribute("aria-expanded", "false");
}
function resetFilters() { state.filters = emptyFilters(); state.brush = null; syncInputs(); changed(); }

// ---------- sign in ----------
async function checkToken() {
  if (!state.token) { state.user = null; renderSignin(); return; }
  try { state.user = (await api("api/me")).name; }
  catch (err) { state.user = null; state.token = ""; sessionStorage.removeItem("marsad-token"); showStatus(tr("bad_token")); }
  renderSignin();
}
function renderSignin() {
  const signed = Boolean(state.user);
  $("whoami").hidden = !signed; $("whoami").replaceChildren(...(signed ? [`${tr("signed_in_as")} `, bdi(state.user)] : []));
  $("token-input").hidden = signed; $("signin-btn").hidden = signed; $("signout-btn").hidden = !signed;
  $("signin-toggle").textContent = signed ? state.user : tr("sign_in");
  document.body.dataset.user = signed ? "yes" : "no";
}

// ---------- wiring ----------
function wire() {
  $("lang-toggle").onclick = () => { state.lang = state.lang === "ar" ? "en" : "ar"; localStorage.setItem("marsad-lang", state.lang); pushURL(); applyLang(); };
  $("filters").addEventListener("submit", (e) => { e.preventDefault(); if (readSingles()) changed(); });
  for (const id of Object.values(SINGLE)) $(id).addEventListener("change", () => { if (readSingles()) changed(); });
  $("f-reset").onclick = resetFilters;
  $("timeline-clear").onclick = () => setBrush(null);
  $("bucket").onchange = () => { state.bucket = $("bucket").value; pushURL(); loadTimeline(); };
  $("panel-close").onclick = closePanel;
  $("filters-toggle").onclick = () => (document.body.classList.contains("drawer-open") ? closeDrawer() : openDrawer());
  $("drawer-close").onclick = closeDrawer;
  $("drawer-apply").onclick = closeDrawer;
  $("scrim").onclick = closeDrawer;
  $("signin-toggle").onclick = () => document.body.classList.toggle("signin-open");
  $("signin").onsubmit = async (e) => {
    e.preventDefault(); state.token = $("token-input").value.trim(); $("token-input").value = "";
    if (state.token) sessionStorage.setItem("marsad-token", state.token);
    await checkToken(); document.body.classList.remove("signin-open");
    if (state.user) await refresh();
    if (state.selectedId) panel.open(state.selectedId);
  };
  $("signout-btn").onclick = () => { state.token = ""; state.user = null; sessionStorage.removeItem("marsad-token"); renderSignin(); if (state.selectedId) panel.open(state.selectedId); };
  window.addEventListener("resize", () => { map.invalidate(); drawTimelineNow(); });
  window.addEventListener("popstate", () => { fromURL(); syncInputs(); applyLang(); refresh(); });
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") { if (document.body.classList.contains("drawer-open")) closeDrawer(); else if (state.selectedId) closePanel(); } });
}

async function main() {
  try { state.config = await (await fetch("api/config")).json(); } catch (e) { /* defaults */ }
  fromURL();
  map = new EventMap("map", { tiles: state.config.tiles, lang: () => state.lang, onSelect: select, onMove: renderFeed });
  panel = new Panel({ lang: () => state.lang, tr, user: () => state.user, api, reload: refresh, status: showStatus, fieldNames: FIELD_NAMES_AR });
  wire(); syncInputs(); applyLang();
  await checkToken();
  await refresh();
  startLive(() => refresh()); // events stored meanwhile (marsad watch) reload the map and feed, marked "new"
}
main();
export { highlighted, STRINGS };
