"""Build the offline world outline the claims map draws (src/claimtrail/web/static/world.svg).

Run at build time, never at run time: ``.venv/bin/python scripts/world_outline.py``. It reads the
country shapes the installed ``countryinfo`` package ships (a world-atlas outline, GeoJSON per
country), projects them equirectangularly (x = longitude + 180, y = 90 - latitude, so the SVG
viewBox is 0 0 360 180), rounds to 0.2 degree, drops repeated points and rings smaller than about
0.4 square degrees, and writes one SVG file with one path per country. The claims page draws it as
the map's background and its claims' places on top (no tile server, cached by the browser).
"""

from __future__ import annotations

import sys
from pathlib import Path

from countryinfo import all_countries

OUT = Path(__file__).resolve().parents[1] / "src" / "claimtrail" / "web" / "static" / "world.svg"
STEP = 0.2
MIN_AREA = 0.4


def ring_path(ring: list[list[float]]) -> str | None:
    """One ring as SVG path data, or None when it is too small to see at world scale."""
    points: list[tuple[float, float]] = []
    for lon, lat, *_ in ring:
        x, y = round((lon + 180) / STEP) * STEP, round((90 - lat) / STEP) * STEP
        if not points or points[-1] != (x, y):
            points.append((x, y))
    if len(points) < 4:
        return None
    area = (
        abs(
            sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True))
        )
        / 2
    )
    if area < MIN_AREA:
        return None
    return "M" + "L".join(f"{x:g} {y:g}" for x, y in points) + "Z"


def country_paths(geometry: dict) -> list[str]:
    """The outer rings of a Polygon or MultiPolygon (holes are lakes: left out at this scale)."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [p for p in (ring_path(poly[0]) for poly in polygons) if p]


def main() -> int:
    lines = []
    for country in all_countries():
        shape = country.info().get("geoJSON") or {}
        for feature in shape.get("features", []):
            paths = country_paths(feature["geometry"])
            if paths:
                lines.append("".join(paths))
    body = "\n".join(f'<path d="{d}"/>' for d in sorted(lines))
    OUT.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 180" width="360" height="180">\n'
        "<!-- country outlines from the countryinfo package, built by scripts/world_outline.py -->\n"
        f'<g fill="#dfe3e8" stroke="#9aa5b1" stroke-width="0.08">\n{body}\n</g>\n</svg>\n',
        encoding="utf-8",
    )
    print(f"{OUT}: {len(lines)} countries, {OUT.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
