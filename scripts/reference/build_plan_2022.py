#!/usr/bin/env python3
"""Builds reference/plan-2022.json: the January 2022 deployment of the Collective Peacekeeping
Forces to the Almaty area as a planner scenario, on reference/movement-network.json.

The contingents are those of reference/demo-crisis-2022.toml (the demonstration register,
reference/demo-contingents.toml: invented units at real home stations) plus the register's
Ulyanovsk battalion, so that Russia's share is the largest as it was. Vehicle classes, cargo,
times and the lift are illustrative; docs/movement-network.md says where each comes from.

Usage: python3 scripts/reference/build_plan_2022.py [--network PATH] [--output PATH]
"""

import argparse
import json
import os

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

DAY = 1440
EPOCH = "2022-01-06T00:00:00Z"  # C-hour: the night of the Council's decision
TASK_DEADLINE = 2 * DAY + 18 * 60  # 8 January 18:00 UTC, the decision's tasks (demo-crisis-2022)


def vehicles(*classes):
    return [{"class": c, "count": n, "weight_t": w, "outsize": o} for c, n, w, o in classes]


# Weights are combat weights rounded to 0.1 t; armoured vehicles count as outsize (they need
# the IL-76's or An-124's ramp and hold), trucks and cars do not.
BMD4M = ("BMD-4M", 13.6, True)
BTRMDM = ("BTR-MDM", 13.2, True)
BMD2 = ("BMD-2", 11.5, True)
BTRD = ("BTR-D", 8.0, True)
TIGR = ("GAZ-233014 Tigr", 7.6, False)
KAMAZ = ("KamAZ-43501", 8.6, False)
UAZ = ("UAZ-469", 2.5, False)
BTR80 = ("BTR-80", 13.6, True)
BTR70 = ("BTR-70", 11.5, True)
VOLAT = ("Volat V1", 7.5, False)
MAZ = ("MAZ-6317", 12.0, False)
URAL = ("Ural-4320", 8.6, False)


def cls(spec, count):
    name, weight, outsize = spec
    return (name, count, weight, outsize)


def unit(ident, name, state, origin, personnel, classes, ready, rdd, priority, modes, kmh):
    return {
        "id": ident, "name": name, "state": state, "origin": origin, "personnel": personnel,
        "vehicles": vehicles(*classes),
        # Ten days of supplies and ammunition at 10 kg a person a day.
        "cargo_t": round(personnel * 0.1, 1),
        "ready": ready, "rdd": rdd, "priority": priority, "modes": modes,
        "march_kmh": kmh, "march_km_per_day": 350.0, "seats_per_vehicle": 10,
        "cargo_t_per_vehicle": 1.5,
    }


# Personnel and equipment counts are those of the demonstration register; ready times follow
# the chronology: the decision in the night of 5-6 January, Russian paratroopers landing from
# the 6th, the other contingents moving on the 7th.
UNITS = [
    unit("RUS-PSKOV", "Airborne peacekeeping battalion (demo)", "RUS", "G-PSKOV", 450,
         [cls(BMD4M, 12), cls(BTRMDM, 8), cls(TIGR, 16), cls(KAMAZ, 20), cls(UAZ, 4)],
         6 * 60, DAY + 12 * 60, 10, ["air", "rail", "road"], 30.0),
    unit("RUS-ULYANOVSK", "Airborne assault battalion (demo)", "RUS", "G-ULYANOVSK", 520,
         [cls(BMD2, 20), cls(BTRD, 10), cls(TIGR, 14), cls(KAMAZ, 30), cls(UAZ, 10)],
         8 * 60, DAY + 18 * 60, 9, ["air", "rail", "road"], 30.0),
    unit("BLR-BREST", "Air assault battalion (demo)", "BLR", "G-BREST", 480,
         [cls(BTR80, 14), cls(VOLAT, 10), cls(MAZ, 30), cls(UAZ, 18)],
         12 * 60, TASK_DEADLINE, 7, ["air", "rail", "road"], 35.0),
    unit("ARM-GYUMRI", "Peacekeeping battalion (demo)", "ARM", "G-GYUMRI", 420,
         [cls(BTR80, 12), cls(URAL, 24), cls(UAZ, 18)],
         18 * 60, TASK_DEADLINE, 7, ["air", "road"], 35.0),
    unit("TJK-VAHDAT", "Peacekeeping company (demo)", "TJK", "G-VAHDAT", 110,
         [cls(BTR80, 4), cls(URAL, 6), cls(UAZ, 4)],
         18 * 60, TASK_DEADLINE, 7, ["air", "rail", "road"], 35.0),
    unit("KGZ-BISHKEK", "Peacekeeping company (demo)", "KGZ", "G-BISHKEK", 120,
         [cls(BTR70, 4), cls(URAL, 7), cls(UAZ, 4)],
         18 * 60, TASK_DEADLINE, 7, ["air", "road"], 35.0),
]

# The Russian Aerospace Forces' military transport aviation, from 06:00 UTC on 6 January.
AVAILABLE = 6 * 60


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--network", default=os.path.join(ROOT, "reference", "movement-network.json"))
    p.add_argument("--output", default=os.path.join(ROOT, "reference", "plan-2022.json"))
    args = p.parse_args()
    with open(args.network, encoding="utf-8") as f:
        net = json.load(f)

    aircraft = [dict(a, available=AVAILABLE) for a in net["aircraft"]]
    transit = dict(net["transit"])
    # Uzbekistan (not a member since 2012) clears the overflights on the evening of the 6th.
    transit["UZB"] = {"rule": "pending", "until": 18 * 60}
    scenario = {
        "name": "January 2022: the Collective Peacekeeping Forces to the Almaty area "
                "(demonstration contingents; illustrative figures, see docs/movement-network.md)",
        "epoch": EPOCH,
        "host": "KAZ",
        "destination": "ALMATY",
        "nodes": net["nodes"],
        "legs": net["legs"],
        "units": UNITS,
        "aircraft": aircraft,
        "rail": net["rail"],
        "transit": transit,
        "rules": dict(net["rules"], horizon=20 * DAY),
    }
    with open(args.output, "w", encoding="utf-8") as f:
        json.dump(scenario, f, indent=2, ensure_ascii=False)
        f.write("\n")
    people = sum(u["personnel"] for u in UNITS)
    kit = sum(v["count"] for u in UNITS for v in u["vehicles"])
    fleet = sum(a["count"] for a in aircraft)
    print(f"{len(UNITS)} units, {people} personnel, {kit} vehicles; {fleet} aircraft; "
          f"written to {os.path.relpath(args.output, ROOT)}")


if __name__ == "__main__":
    main()
