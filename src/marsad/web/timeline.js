// The timeline: events per day, week or month stacked by event type (bars, left axis), fatalities
// as a line (right axis), date axis below, a legend, and a brush that filters by date.
import { el, svg } from "./dom.js";
import { colorOf } from "./map.js";

const DAY = 864e5;
const PAD = { left: 34, right: 38, top: 8, bottom: 20 };

function periodEnd(start, bucket) {
  const d = new Date(start);
  if (bucket === "month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  return start + (bucket === "week" ? 7 : 1) * DAY;
}

function niceMax(v) {
  if (v <= 4) return v <= 2 ? 2 : 4; // whole numbers at 0, half and top
  const p = 10 ** Math.floor(Math.log10(v)), m = v / p;
  return (m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

function dateTicks(t0, t1, width) {
  const count = Math.max(2, Math.min(8, Math.floor(width / 90)));
  return Array.from({ length: count }, (_, i) => t0 + ((t1 - t0) * i) / (count - 1));
}

// periods: [{period, event_type, events, fatalities}] (by_period_type); totals: [{period, events, fatalities}].
export function drawTimeline(node, { byType, totals, bucket, brush, tr, typeName, onBrush }) {
  node.replaceChildren();
  const W = node.clientWidth || 800, H = node.clientHeight || 110;
  node.setAttribute("viewBox", `0 0 ${W} ${H}`);
  if (!totals.length) return null;
  let t0 = Date.parse(totals[0].period), t1 = periodEnd(Date.parse(totals[totals.length - 1].period), bucket);
  if (totals.length < 3) { const step = periodEnd(t0, bucket) - t0; t0 -= step; t1 += step; } // a lone bar is not the whole axis
  const x = (ms) => PAD.left + ((ms - t0) / Math.max(1, t1 - t0)) * (W - PAD.left - PAD.right);
  const maxE = niceMax(Math.max(...totals.map((p) => p.events))), maxF = niceMax(Math.max(1, ...totals.map((p) => p.fatalities)));
  const yE = (v) => H - PAD.bottom - ((H - PAD.bottom - PAD.top) * v) / maxE;
  const yF = (v) => H - PAD.bottom - ((H - PAD.bottom - PAD.top) * v) / maxF;
  const bars = svg("g", { class: "bars" }); node.append(bars);
  const stacked = new Map();
  for (const p of byType) {
    const start = Date.parse(p.period), below = stacked.get(p.period) || 0;
    const inBrush = !brush || (p.period >= brush[0].slice(0, 10) && p.period <= brush[1]);
    const r = svg("rect", { x: x(start) + 0.5, width: Math.max(1, x(periodEnd(start, bucket)) - x(start) - 1),
      y: yE(below + p.events), height: yE(below) - yE(below + p.events), class: "bar" + (inBrush ? "" : " out"),
      fill: colorOf(p.event_type), "data-type": p.event_type || "" });
    const tip = svg("title"); tip.textContent = `${p.period} · ${typeName(p.event_type || "?")}: ${p.events}`;
    r.append(tip); bars.append(r);
    stacked.set(p.period, below + p.events);
  }
  const line = totals.map((p, i) => {
    const mid = (Date.parse(p.period) + periodEnd(Date.parse(p.period), bucket)) / 2;
    return `${i ? "L" : "M"}${x(mid).toFixed(1)},${yF(p.fatalities).toFixed(1)}`;
  }).join("");
  node.append(svg("path", { d: line, class: "fat-line" }));
  drawAxes(node, { W, H, x, t0, t1, maxE, maxF, yE, yF, tr });
  return setupBrush(node, { x, t0, t1, W, H, brush, onBrush });
}

function drawAxes(node, { W, H, x, t0, t1, maxE, maxF, yE, yF, tr }) {
  const axis = svg("g", { class: "axis" }); node.append(axis);
  axis.append(svg("line", { x1: PAD.left, x2: W - PAD.right, y1: H - PAD.bottom, y2: H - PAD.bottom }));
  axis.append(svg("line", { x1: PAD.left, x2: PAD.left, y1: PAD.top, y2: H - PAD.bottom }));
  axis.append(svg("line", { x1: W - PAD.right, x2: W - PAD.right, y1: PAD.top, y2: H - PAD.bottom, class: "fat-axis" }));
  const text = (attrs, value) => { const n = svg("text", attrs); n.textContent = value; axis.append(n); };
  for (const v of [0, maxE / 2, maxE]) text({ x: PAD.left - 4, y: yE(v) + 3, "text-anchor": "end", class: "y-events" }, Math.round(v));
  for (const v of [0, maxF / 2, maxF]) text({ x: W - PAD.right + 4, y: yF(v) + 3, "text-anchor": "start", class: "y-fat" }, Math.round(v));
  const ticks = dateTicks(t0, t1 - 1, W - PAD.left - PAD.right);
  let last = "";
  ticks.forEach((ms, i) => {
    const label = new Date(ms).toISOString().slice(0, 10);
    if (label === last) return; // a short range: one label per day
    last = label;
    const anchor = i === 0 ? "start" : i === ticks.length - 1 ? "end" : "middle";
    text({ x: x(ms), y: H - 5, "text-anchor": anchor, class: "x-date" }, label);
  });
  text({ x: 2, y: PAD.top + 2, "text-anchor": "start", class: "axis-name", transform: `rotate(90 2 ${PAD.top + 2})` }, tr("events_axis"));
}

function setupBrush(node, geo) {
  const rect = svg("rect", { class: "brush", y: 0, height: geo.H - PAD.bottom, x: 0, width: 0 });
  node.append(rect);
  if (geo.brush) {
    const a = geo.x(Date.parse(geo.brush[0])), b = geo.x(Date.parse(geo.brush[1]) + DAY);
    rect.setAttribute("x", a); rect.setAttribute("width", Math.max(1, b - a));
  }
  const toMs = (px) => geo.t0 + ((px - PAD.left) / (geo.W - PAD.left - PAD.right)) * (geo.t1 - geo.t0);
  const localX = (evt) => { const b = node.getBoundingClientRect(); return ((evt.clientX - b.left) / b.width) * geo.W; };
  let start = null;
  node.onpointerdown = (evt) => { start = localX(evt); node.setPointerCapture(evt.pointerId); rect.setAttribute("x", start); rect.setAttribute("width", 0); };
  node.onpointermove = (evt) => {
    if (start === null) return;
    const cur = localX(evt); rect.setAttribute("x", Math.min(start, cur)); rect.setAttribute("width", Math.abs(cur - start));
  };
  node.onpointerup = (evt) => {
    if (start === null) return;
    const end = localX(evt), a = Math.min(start, end), b = Math.max(start, end); start = null;
    if (b - a < 3) { geo.onBrush(null); return; }
    const day = (ms) => new Date(Math.max(geo.t0, Math.min(geo.t1 - 1, ms))).toISOString().slice(0, 10);
    geo.onBrush([day(toMs(a)), day(toMs(b))]);
  };
  return rect;
}

export function drawTimelineLegend(box, { types, tr, typeName }) {
  box.replaceChildren();
  for (const type of types) {
    box.append(el("span", { class: "item", dataset: { type } }, el("span", { class: "dot", style: { background: colorOf(type) } }),
      el("bdi", { text: typeName(type) })));
  }
  box.append(el("span", { class: "item" }, el("span", { class: "line" }), el("bdi", { text: tr("legend_fatalities") })));
}
