"""Build the dashboard's offline basemap (governorates and districts of Syria and Iraq).

Reads OCHA COD-AB boundaries from /work/shared/data/gazetteer/ (Syria's are already
simplified there; Iraq's are simplified here with shapely), keeps only the names and
p-codes the dashboard shows, rounds coordinates, and writes
src/marsad/web/basemap/adm1.geojson and adm2.geojson (committed, with ATTRIBUTION.md).

Usage: python scripts/build_basemap.py [--src DIR] [--out DIR] [--tolerance 0.01]
shapely is needed for this script only (pip install "shapely>=2,<3").
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path
from typing import Any

from shapely.geometry import mapping, shape

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SRC = Path("/work/shared/data/gazetteer")
DEFAULT_OUT = ROOT / "src" / "marsad" / "web" / "basemap"

SOURCES = {
    1: [("syr_adm1_simplified.geojson", "SY"), ("irq_admbnda_adm1_cso_20190603.geojson.gz", "IQ")],
    2: [("syr_adm2_simplified.geojson", "SY"), ("irq_admbnda_adm2_cso_20190603.geojson.gz", "IQ")],
}

ATTRIBUTION = """# Basemap attribution

`adm1.geojson` (governorates) and `adm2.geojson` (districts) are simplified derivatives of the
OCHA Common Operational Datasets — Administrative Boundaries (COD-AB), built by
`scripts/build_basemap.py` (tolerance {tol} degrees, coordinates rounded to 3 decimals):

- Syria: OCHA COD-AB Syria (HDX `cod-ab-syr`, UNOCHA / UN Cartographic Section, valid 2020-12-17), CC BY-IGO.
- Iraq: OCHA COD-AB Iraq (HDX `cod-ab-irq`, Central Statistical Organization / ITOS, 2019-06-03), CC BY-IGO.

The boundaries and names do not imply official endorsement or acceptance by the United Nations.
"""


def read_features(path: Path) -> list[dict[str, Any]]:
    """Read the features of a (possibly gzipped) GeoJSON FeatureCollection."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)["features"]


def _round(obj: Any, digits: int = 3) -> Any:
    """Round every coordinate in a nested GeoJSON coordinate list."""
    if isinstance(obj, (list, tuple)):
        return [_round(x, digits) for x in obj]
    return round(float(obj), digits)


def slim_feature(feature: dict[str, Any], level: int, country: str, tolerance: float) -> dict[str, Any]:
    """Keep names and p-codes; simplify the geometry (topology-preserving)."""
    props = feature["properties"]
    geom = shape(feature["geometry"]).simplify(tolerance, preserve_topology=True)
    out = {
        "name_en": props[f"ADM{level}_EN"],
        "name_ar": props[f"ADM{level}_AR"],
        "pcode": props[f"ADM{level}_PCODE"],
        "country": country,
    }
    if level == 2:
        out["adm1_en"] = props["ADM1_EN"]
        out["adm1_ar"] = props["ADM1_AR"]
    geometry = mapping(geom)
    return {"type": "Feature", "properties": out,
            "geometry": {"type": geometry["type"], "coordinates": _round(geometry["coordinates"])}}


def build(src: Path, out: Path, tolerance: float) -> dict[str, int]:
    """Write adm1/adm2 GeoJSON and the attribution file; return feature counts."""
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for level, files in SOURCES.items():
        features = [slim_feature(f, level, country, tolerance)
                    for name, country in files for f in read_features(src / name)]
        data = {"type": "FeatureCollection", "features": features}
        target = out / f"adm{level}.geojson"
        target.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        counts[target.name] = len(features)
    (out / "ATTRIBUTION.md").write_text(ATTRIBUTION.format(tol=tolerance), encoding="utf-8")
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=DEFAULT_SRC)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--tolerance", type=float, default=0.01)
    args = parser.parse_args()
    for name, n in build(args.src, args.out, args.tolerance).items():
        print(f"{name}: {n} features")


if __name__ == "__main__":
    main()
