// Neighbouring countries of Syria and Iraq as land for the dashboard's offline basemap:
// Natural Earth 1:50m admin-0 (public domain) from the world-atlas package, cut to the map's region.
// Usage: cd frontend && npm ci && npm run neighbours  (output committed: web/basemap/countries.geojson)
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { feature } from "topojson-client";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "src", "marsad", "web", "basemap", "countries.geojson");
// Natural Earth names -> Arabic names shown in the Arabic interface.
const NAMES = {
  "Turkey": "تركيا", "Lebanon": "لبنان", "Israel": "إسرائيل", "Palestine": "فلسطين", "Jordan": "الأردن",
  "Saudi Arabia": "السعودية", "Iran": "إيران", "Kuwait": "الكويت", "Cyprus": "قبرص", "N. Cyprus": "قبرص",
  "Egypt": "مصر", "Armenia": "أرمينيا", "Azerbaijan": "أذربيجان", "Georgia": "جورجيا", "Qatar": "قطر",
  "Bahrain": "البحرين", "United Arab Emirates": "الإمارات", "Syria": "سوريا", "Iraq": "العراق",
};
const topo = JSON.parse(readFileSync(join(here, "node_modules", "world-atlas", "countries-50m.json")));
const world = feature(topo, topo.objects.countries);
const round = (c) => (typeof c[0] === "number" ? [Math.round(c[0] * 1000) / 1000, Math.round(c[1] * 1000) / 1000] : c.map(round));
const features = world.features
  .filter((f) => f.properties.name in NAMES)
  .map((f) => ({ type: "Feature", properties: { name_en: f.properties.name, name_ar: NAMES[f.properties.name] },
    geometry: { type: f.geometry.type, coordinates: round(f.geometry.coordinates) } }));
writeFileSync(out, JSON.stringify({ type: "FeatureCollection", features }) + "\n");
console.log(`${features.length} countries -> ${out}`);
