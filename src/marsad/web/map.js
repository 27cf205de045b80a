// The map: offline basemap (neighbours as land, governorates, districts), event markers in clusters
// whose colour is no event type's, same-point events spiderfied, gazetteer place labels at town zoom,
// and Reset / Fit-to-results controls.
import { el } from "./dom.js";

export const TYPE_COLORS = {
  "Battles": "#d7301f",
  "Explosions/Remote violence": "#f28e2b",
  "Violence against civilians": "#7b3294",
  "Protests": "#2b83ba",
  "Riots": "#d4b200",
  "Strategic developments": "#1a9641",
};
export const OTHER_COLOR = "#777777";
export const CLUSTER_COLOR = "#263238"; // slate: unlike every type colour
const HOME = [[29.0, 35.5], [37.5, 48.6]]; // Syria and Iraq
const LABEL_ZOOM = 9; // "town zoom": place labels from here
const SELECT_ZOOM = [10, 11]; // a selected event is shown at town zoom (10-11), never the whole way in

export function colorOf(type) { return TYPE_COLORS[type] || OTHER_COLOR; }

export class EventMap {
  constructor(id, { tiles, onSelect, onMove, lang }) {
    this.lang = lang;
    this.onSelect = onSelect;
    this.markers = new Map();
    this.labelsKey = "";
    this.map = L.map(id, { zoomControl: true, minZoom: 4, maxZoom: 13, attributionControl: true });
    this.map.fitBounds(HOME);
    document.body.dataset.zoom = String(this.map.getZoom());
    if (tiles) L.tileLayer(tiles, { maxZoom: 18, attribution: "tiles: configured server" }).addTo(this.map);
    this.map.attributionControl.setPrefix(false);
    this.map.attributionControl.addAttribution("OCHA COD-AB (CC BY-IGO); Natural Earth");
    this.map.createPane("labels").style.zIndex = 450; // above the basemap, below markers (600)
    this.map.getPane("labels").style.pointerEvents = "none";
    this.cluster = L.markerClusterGroup({
      maxClusterRadius: (zoom) => (zoom >= 10 ? 6 : 45), // from town zoom only events at one spot group
      showCoverageOnHover: false, spiderfyOnMaxZoom: true, zoomToBoundsOnClick: false, chunkedLoading: true,
      iconCreateFunction: clusterIcon,
    });
    this.cluster.on("clusterclick", (e) => this.openCluster(e.layer));
    this.map.addLayer(this.cluster);
    this.labels = L.layerGroup().addTo(this.map);
    this.map.on("moveend", () => { document.body.dataset.zoom = String(this.map.getZoom()); onMove(); this.loadLabels(); });
    this.addControls();
    this.basemap = this.loadBasemap(Boolean(tiles));
  }

  // Events at one spot open as a spider; others zoom in to their cluster.
  openCluster(group) {
    const bounds = group.getBounds();
    if (bounds.getNorthEast().distanceTo(bounds.getSouthWest()) < 50) group.spiderfy();
    else group.zoomToBounds({ padding: [30, 30] });
  }

  addControls() {
    const Control = L.Control.extend({
      options: { position: "topleft" },
      onAdd: () => {
        const box = el("div", { class: "leaflet-bar map-buttons" });
        this.resetButton = el("button", { type: "button", id: "map-reset", class: "map-button", onclick: () => this.reset() });
        this.fitButton = el("button", { type: "button", id: "map-fit", class: "map-button", onclick: () => this.fit() });
        box.append(this.resetButton, this.fitButton);
        L.DomEvent.disableClickPropagation(box);
        return box;
      },
    });
    this.map.addControl(new Control());
  }

  setTexts(tr) {
    this.resetButton.textContent = "⌂"; this.resetButton.title = tr("map_reset"); this.resetButton.setAttribute("aria-label", tr("map_reset"));
    this.fitButton.textContent = "⤢"; this.fitButton.title = tr("map_fit"); this.fitButton.setAttribute("aria-label", tr("map_fit"));
  }

  reset() { this.map.fitBounds(HOME); }

  fit() {
    const bounds = this.cluster.getBounds();
    if (bounds.isValid()) this.map.fitBounds(bounds, { padding: [30, 30], maxZoom: SELECT_ZOOM[1] });
    else this.reset();
  }

  async loadBasemap(tiled) {
    const [countries, adm1, adm2] = await Promise.all(
      ["basemap/countries.geojson", "basemap/adm1.geojson", "basemap/adm2.geojson"].map((u) => fetch(u).then((r) => r.json())));
    const land = L.geoJSON(countries, { interactive: false,
      style: (f) => (["Syria", "Iraq"].includes(f.properties.name_en)
        ? { color: "#8a857a", weight: 1, fillColor: "#fbfaf6", fillOpacity: tiled ? 0 : 1 }
        : { color: "#b3aea3", weight: 0.8, fillColor: "#ebe7dc", fillOpacity: tiled ? 0 : 1 }) });
    const districts = L.geoJSON(adm2, { interactive: false,
      style: { color: "#c9c4b8", weight: 0.5, fill: false } });
    const governorates = L.geoJSON(adm1, { style: { color: "#8a857a", weight: 1.3, fill: true, fillOpacity: 0 },
      onEachFeature: (f, layer) => layer.bindTooltip(() => el("span", { text: this.lang() === "ar" ? f.properties.name_ar : f.properties.name_en }), { sticky: true }) });
    land.addTo(this.map); districts.addTo(this.map); governorates.addTo(this.map);
    land.bringToBack();
    this.countries = countries;
    document.body.dataset.basemap = "ready";
  }

  // Town and city names from the gazetteer once the map is zoomed in to town level.
  async loadLabels(force = false) {
    const zoom = this.map.getZoom();
    if (zoom < LABEL_ZOOM) { this.labels.clearLayers(); this.labelsKey = ""; document.body.dataset.labels = "0"; return; }
    const b = this.map.getBounds();
    const bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((v) => v.toFixed(3));
    const key = `${bbox.join(",")}|${zoom}|${this.lang()}`;
    if (key === this.labelsKey && !force) return;
    this.labelsKey = key;
    const limit = zoom >= 11 ? 120 : zoom >= 10 ? 50 : 25;
    const res = await fetch(`api/places?bbox=${bbox.map((v) => Math.max(-180, Math.min(180, v))).join(",")}&limit=${limit}`);
    if (!res.ok || key !== this.labelsKey) return;
    const { places } = await res.json();
    this.labels.clearLayers();
    for (const p of places) {
      const name = this.lang() === "ar" ? p.name_ar || p.name : p.name;
      const node = el("span", { class: "place-label f-" + p.feature, text: name, dir: "auto" });
      const icon = L.divIcon({ className: "place-label-icon", html: node, iconSize: null });
      this.labels.addLayer(L.marker([p.latitude, p.longitude], { icon, pane: "labels", interactive: false, keyboard: false }));
    }
    document.body.dataset.labels = String(places.length);
  }

  render(events, { selectedId, tooltip }) {
    this.cluster.clearLayers(); this.markers.clear();
    const layers = [];
    for (const ev of events) {
      if (typeof ev.latitude !== "number" || typeof ev.longitude !== "number") continue;
      const m = makeMarker(ev, { selected: ev.id === selectedId, tooltip, onClick: () => this.onSelect(ev.id, { fly: false }) });
      this.markers.set(ev.id, m); layers.push(m);
    }
    this.cluster.addLayers(layers);
    document.body.dataset.markers = String(layers.length);
  }

  // Show a selected event: pan there at a town-level zoom (never the whole way in), open its spot's spider.
  show(id, { fly }) {
    document.querySelectorAll(".ev-marker.selected").forEach((n) => n.classList.remove("selected"));
    const m = this.markers.get(id);
    if (!m) return;
    const mark = () => { const n = m.getElement(); if (n) n.classList.add("selected"); };
    if (!fly) { mark(); return; }
    const zoom = Math.min(SELECT_ZOOM[1], Math.max(SELECT_ZOOM[0], this.map.getZoom()));
    this.map.once("moveend", () => {
      const parent = this.cluster.getVisibleParent(m);
      if (parent && parent !== m && parent.spiderfy) parent.spiderfy();
      setTimeout(mark, 50);
      document.body.dataset.selectedShown = id;
    });
    this.map.setView(m.getLatLng(), zoom, { animate: false });
  }

  invalidate() { this.map.invalidateSize(); }
}

function clusterIcon(group) {
  const n = group.getChildCount();
  const size = n < 10 ? 30 : n < 100 ? 36 : 44;
  const node = el("div", { class: "ev-cluster", style: { width: size + "px", height: size + "px", background: CLUSTER_COLOR } },
    el("span", { text: n }));
  return L.divIcon({ html: node, className: "ev-cluster-icon marker-cluster", iconSize: L.point(size, size) });
}

function markerSize(fat) { return Math.round(10 + Math.min(26, 5 * Math.sqrt(Math.max(0, fat || 0)))); }

function makeMarker(ev, { selected, tooltip, onClick }) {
  const size = markerSize(ev.fatalities);
  const prec = [1, 2, 3].includes(ev.geo_precision) ? ev.geo_precision : 1;
  const icon = L.divIcon({ className: "", iconSize: [size, size], html: "" });
  const m = L.marker([ev.latitude, ev.longitude], { icon, keyboard: true, title: "" });
  m.on("add", () => {
    const node = m.getElement(); if (!node) return;
    node.classList.add("ev-marker", "prec-" + prec);
    node.classList.toggle("selected", selected);
    node.style.background = colorOf(ev.event_type);
    node.dataset.eventId = ev.id;
    node.dataset.fatalities = ev.fatalities ?? "";
    node.setAttribute("aria-label", `${ev.event_date || ""} ${ev.event_type || ""} ${ev.location || ""}`);
  });
  m.on("click", onClick);
  m.bindTooltip(() => tooltip(ev)); // a DOM node, never a string (Leaflet would set a string as HTML)
  return m;
}
