"""Geometry for the reference network: great circles and the countries they cross.

Country outlines come from npm `world-atlas@2.0.2` (Natural Earth 1:50m, public domain), the
TopoJSON file web/ already installs. Pure Python on purpose: no GEOS or shapely to install,
and the network is small enough (a few hundred legs) for a plain point-in-polygon test.
"""

import json
import math

EARTH_KM = 6371.0088

# ISO 3166 numeric (world-atlas ids) to alpha-3, for the countries of the region. A country
# not listed is never reported as overflown, so the list covers everything between Central
# Europe, the Middle East and Mongolia.
NUMERIC_TO_ALPHA3 = {
    "004": "AFG", "031": "AZE", "051": "ARM", "112": "BLR", "156": "CHN", "233": "EST",
    "246": "FIN", "268": "GEO", "364": "IRN", "368": "IRQ", "398": "KAZ", "417": "KGZ",
    "428": "LVA", "440": "LTU", "496": "MNG", "498": "MDA", "586": "PAK", "616": "POL",
    "642": "ROU", "643": "RUS", "762": "TJK", "792": "TUR", "795": "TKM", "804": "UKR",
    "860": "UZB", "356": "IND", "578": "NOR", "752": "SWE", "760": "SYR",
}


def great_circle_km(a, b):
    """Distance between two (lat, lon) points in degrees, haversine."""
    lat1, lon1 = map(math.radians, a)
    lat2, lon2 = map(math.radians, b)
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def interpolate(a, b, f):
    """The point a fraction f of the way along the great circle from a to b."""
    lat1, lon1 = map(math.radians, a)
    lat2, lon2 = map(math.radians, b)
    d = great_circle_km(a, b) / EARTH_KM
    if d == 0:
        return a
    s = math.sin(d)
    p, q = math.sin((1 - f) * d) / s, math.sin(f * d) / s
    x = p * math.cos(lat1) * math.cos(lon1) + q * math.cos(lat2) * math.cos(lon2)
    y = p * math.cos(lat1) * math.sin(lon1) + q * math.cos(lat2) * math.sin(lon2)
    z = p * math.sin(lat1) + q * math.sin(lat2)
    return (math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x)))


class Ring:
    """One polygon ring, with its edges bucketed by latitude band for fast ray casting."""

    BAND = 0.5

    def __init__(self, points):
        # Unwrap longitudes so a ring that crosses the 180th meridian (Russia's does, with
        # edges that jump 360 degrees) stays continuous; the region studied is far from it.
        unwrapped = [points[0]]
        for lon, lat in points[1:]:
            prev = unwrapped[-1][0]
            while lon - prev > 180:
                lon -= 360
            while lon - prev < -180:
                lon += 360
            unwrapped.append((lon, lat))
        self.points = unwrapped
        self.min_lon = min(p[0] for p in unwrapped)
        self.max_lon = max(p[0] for p in unwrapped)
        self.min_lat = min(p[1] for p in unwrapped)
        self.max_lat = max(p[1] for p in unwrapped)
        self.bands = {}
        n = len(unwrapped)
        for i in range(n):
            (x1, y1), (x2, y2) = unwrapped[i], unwrapped[(i + 1) % n]
            lo, hi = sorted((y1, y2))
            for band in range(math.floor(lo / self.BAND), math.floor(hi / self.BAND) + 1):
                self.bands.setdefault(band, []).append((x1, y1, x2, y2))

    def crossings(self, lon, lat):
        """Edges a ray from the point eastwards crosses."""
        if not (self.min_lat <= lat <= self.max_lat):
            return 0
        n = 0
        for x1, y1, x2, y2 in self.bands.get(math.floor(lat / self.BAND), ()):
            if (y1 > lat) != (y2 > lat):
                x = x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
                if x > lon:
                    n += 1
        return n


class Countries:
    """The countries of NUMERIC_TO_ALPHA3 from a world-atlas TopoJSON file."""

    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            topo = json.load(f)
        (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
        arcs = []
        for arc in topo["arcs"]:
            x = y = 0
            pts = []
            for dx, dy in arc:
                x += dx
                y += dy
                pts.append((x * sx + tx, y * sy + ty))
            arcs.append(pts)
        self.arcs = arcs
        self.rings = {}  # alpha-3 -> [Ring]
        self.arc_ids = {}  # alpha-3 -> set of arc indices on its outline
        for g in topo["objects"]["countries"]["geometries"]:
            code = NUMERIC_TO_ALPHA3.get(g.get("id"))
            if code is None:
                continue
            polygons = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
            rings = []
            ids = set()
            for polygon in polygons:
                for ring in polygon:
                    pts = []
                    for i in ring:
                        ids.add(i if i >= 0 else ~i)
                        seg = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
                        pts.extend(seg if not pts else seg[1:])
                    rings.append(Ring(pts))
            self.rings[code] = rings
            self.arc_ids[code] = ids

    def state_at(self, lat, lon):
        """The country a point lies in, or None (sea, or a country not listed)."""
        for code, rings in self.rings.items():
            total = 0
            for r in rings:
                if r.min_lon <= lon <= r.max_lon:
                    total += r.crossings(lon, lat)
            if total % 2 == 1:
                return code
        return None

    def overflown(self, path, step_km=5.0):
        """States under a path of (lat, lon) points joined by great circles, in order of first
        appearance, sampled every step_km."""
        seen = []
        for a, b in zip(path, path[1:]):
            n = max(1, math.ceil(great_circle_km(a, b) / step_km))
            for k in range(n + 1):
                s = self.state_at(*interpolate(a, b, k / n))
                if s is not None and s not in seen:
                    seen.append(s)
        return seen

    def snap_to_border(self, a, b, near, max_km=40.0):
        """The point of the border between states a and b nearest to `near` (lat, lon)."""
        shared = self.arc_ids[a] & self.arc_ids[b]
        if not shared:
            raise ValueError(f"{a} and {b} share no border")
        best = None
        lat0 = math.radians(near[0])
        for i in shared:
            pts = self.arcs[i]
            for (x1, y1), (x2, y2) in zip(pts, pts[1:]):
                # Nearest point of the segment in a local equirectangular projection.
                ax, ay = (x1 - near[1]) * math.cos(lat0), y1 - near[0]
                bx, by = (x2 - near[1]) * math.cos(lat0), y2 - near[0]
                dx, dy = bx - ax, by - ay
                t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / (dx * dx + dy * dy)))
                p = (y1 + t * (y2 - y1), x1 + t * (x2 - x1))
                d = great_circle_km(near, p)
                if best is None or d < best[0]:
                    best = (d, p)
        if best[0] > max_km:
            raise ValueError(f"the {a}-{b} border is {best[0]:.0f} km from {near}")
        return best[1]
