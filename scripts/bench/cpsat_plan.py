#!/usr/bin/env python3
"""Reference deployment plans by constraint programming (OR-Tools CP-SAT).

Reads a planner scenario (crates/crc-planner/src/scenario.rs), builds a CP-SAT interval model of
the same problem under the rules R1..R15 of docs/planner.md, solves it within a time limit and
writes a plan in the planner's format (crates/crc-planner/src/plan.rs). The benchmark
(crates/crc-planner/benches/planner.rs) and the exactness test
(crates/crc-planner/tests/bounds_vs_cpsat.rs) compare the planner against it.

    cpsat_plan.py SCENARIO.json --output PLAN.json [--time-limit 60] [--workers N] [--seed 1]

One JSON line goes to stdout:
    {"status": "OPTIMAL|FEASIBLE|INFEASIBLE|UNKNOWN", "closure": …, "bound": …, "wall_s": …, …}
`status` and `bound` are about the closure, the first objective; `phases` says how each phase
ended (closure, weighted lateness, sorties), `exact` whether the model covers every plan the rules
allow (`simplifications` lists what it leaves out when it does not). OPTIMAL is only ever said of
the exact model; a reduced model's optimum is reported as FEASIBLE, its own status and objective
bound as `model_status` and `model_bound`, and `bound` is then the critical-path bound below.

Two forms of the model, chosen by size:
- **Full** (the tiny scenarios of the exactness test): every unit's personnel, each vehicle class
  and its cargo are split over movement slots with integer loads (R1; masses in whole kg):
  road columns (up to 2 per road route, all simple routes up to 8 per unit, Yen's algorithm),
  places on trains, places on sorties; any units together on a train or a flight.
  - A road column has a departure variable per leg, a rest literal per halt (a halt of at
    least rest_min resets the daily march), window clauses for the daily march limit (R6),
    equalities at nodes of non-stop states and pending clearances (R7), and an optional
    interval per crossing passage whose length follows its vehicle count, in a NoOverlap per
    crossing (R4, R12).
  - Feeders (road legs before and after a train or a flight, inside one state) share nothing:
    their earliest schedule is computed exactly beforehand by a label-setting search over rest
    placements.
  - Trains: optional slots per line (loading railhead, rail path, unloading node) departing at
    one of the railhead's path times, distinct per railhead; wagons per movement (R11).
  - Each aircraft has an ordered list of optional sorties; a sortie chooses its airfield pair;
    between consecutive sorties the positioning flight (the type's fastest empty path) and the
    service times are enforced for every pair of pairs (R9); loading and unloading are
    intervals in a cumulative of working slots per airfield, ground time away from home in one
    of parking places (R10).
- **Reduced** (S, M, L): the same road columns (3 routes per unit, one column each); trains
  carry one unit each, on its two best lines; each aircraft shuttles on one airfield pair in
  campaigns of consecutive sorties at a fixed cycle, a campaign carrying one unit whose load is
  packed by class (a sortie carries one vehicle class or none). The search starts from a plan of
  road columns (people beyond their seats by train or air).
- In both, every unit's closure is at least its critical-path bound (each part of it on its
  fastest mode with every resource to itself, computed here, independently of the planner).

The objective is lexicographic, by three solves: closure, then weighted lateness with the closure
kept, then sorties (and, among plans with as many, fewer movements and trains) with both kept,
each solve starting from the previous plan.
"""

from __future__ import annotations

import argparse
import heapq
import json
import math
import os
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Optional

from ortools.sat.python import cp_model

KG = 1000  # masses are modelled in whole kilograms: CP-SAT is an integer solver
EPS = 1e-9


# ---------------------------------------------------------------------------------------------
# Rules' helper definitions (docs/planner.md)


def drive(km: float, kmh: float) -> int:
    """`drive(km, kmh) = ceil(km × 60 / kmh)` minutes, a hair under an integer rounding to it."""
    return max(0, math.ceil(km * 60.0 / kmh - EPS))


def passage(n: int, per_hour: int) -> int:
    """`passage(n, per_hour) = ceil(n × 60 / per_hour)` minutes for a column of n vehicles."""
    return (n * 60 + per_hour - 1) // per_hour


def kg_up(t: float) -> int:
    """Tonnes to kilograms, rounded up: used for what is carried, so capacities stay safe."""
    return max(0, math.ceil(t * KG - 1e-6))


def kg_down(t: float) -> int:
    """Tonnes to kilograms, rounded down: used for capacities."""
    return max(0, math.floor(t * KG + 1e-6))


# ---------------------------------------------------------------------------------------------
# The scenario


class Scenario:
    """The scenario with its network indexed for the model."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw
        self.name: str = raw["name"]
        self.host: str = raw["host"]
        self.dest: str = raw["destination"]
        self.nodes: dict[str, dict[str, Any]] = {n["id"]: n for n in raw["nodes"]}
        rules = raw.get("rules") or {}
        self.personnel_t: float = rules.get("personnel_t", 0.1)
        self.rest_min: int = rules.get("rest_min", 480)
        self.horizon: int = rules.get("horizon", 60 * 24 * 60)
        self.transit: dict[str, dict[str, Any]] = raw.get("transit") or {}
        self.rail: Optional[dict[str, Any]] = raw.get("rail")
        self.units: list[dict[str, Any]] = raw["units"]
        self.types: list[dict[str, Any]] = raw.get("aircraft") or []
        # Legs may be used both ways; of parallel legs only the shortest matters for road and
        # rail (a longer one is never faster), air legs are keyed by their ends.
        self.road: dict[str, dict[str, float]] = defaultdict(dict)
        self.rail_adj: dict[str, dict[str, int]] = defaultdict(dict)
        self.air: dict[tuple[str, str], tuple[float, list[str]]] = {}
        for leg in raw["legs"]:
            a, b, mode = leg["from"], leg["to"], leg["mode"]
            if a == b:
                continue
            if mode == "road":
                km = float(leg["km"])
                if km < self.road[a].get(b, math.inf):
                    self.road[a][b] = km
                    self.road[b][a] = km
            elif mode == "rail":
                minutes = int(leg.get("minutes") or 0)
                if minutes < self.rail_adj[a].get(b, 1 << 60):
                    self.rail_adj[a][b] = minutes
                    self.rail_adj[b][a] = minutes
            elif mode == "air":
                km = float(leg["km"])
                over = list(leg.get("overflies") or [])
                for key in ((a, b), (b, a)):
                    if key not in self.air or km < self.air[key][0]:
                        self.air[key] = (km, over)

    # -- states and transit

    def is_crossing(self, n: str) -> bool:
        return self.nodes[n]["kind"] == "crossing"

    def state(self, n: str) -> Optional[str]:
        """The state of a node for the rules; crossings belong to none."""
        return None if self.is_crossing(n) else self.nodes[n]["state"]

    def ground_states(self, a: str, b: str) -> list[str]:
        """States of a road or rail leg: its ends that are not crossings."""
        return sorted({s for s in (self.state(a), self.state(b)) if s is not None})

    def air_states(self, a: str, b: str) -> list[str]:
        """States of an air leg: both ends and what it overflies."""
        over = self.air[(a, b)][1]
        return sorted({self.nodes[a]["state"], self.nodes[b]["state"], *over})

    def rule(self, state: str) -> tuple[str, int]:
        t = self.transit.get(state)
        if not t:
            return ("permitted", 0)
        return (t["rule"], int(t.get("until", 0)))

    def leg_release(self, states: list[str], exempt: set[str]) -> Optional[int]:
        """None when a refused state forbids the leg, else the earliest departure its pending
        states allow (0 when none)."""
        rel = 0
        for s in states:
            if s in exempt:
                continue
            kind, until = self.rule(s)
            if kind == "refused":
                return None
            if kind == "pending":
                rel = max(rel, until)
        return rel

    def nonstop(self, node: str, exempt: set[str]) -> bool:
        """Whether a halt at this node is forbidden (R7 non_stop)."""
        s = self.state(node)
        return s is not None and s not in exempt and self.rule(s)[0] == "non_stop"

    def touch_ok(self, node: str, exempt: set[str]) -> bool:
        """Whether a movement or flight may stop at (take off from, land at) this node."""
        s = self.state(node)
        if s is None or s in exempt:
            return True
        return self.rule(s)[0] not in ("refused", "non_stop")


# ---------------------------------------------------------------------------------------------
# Graph search


def dijkstra(
    adj: dict[str, dict[str, float]],
    src: str,
    allowed,
    banned_nodes: frozenset[str] = frozenset(),
    banned_edges: frozenset[tuple[str, str]] = frozenset(),
) -> tuple[dict[str, float], dict[str, str]]:
    dist = {src: 0.0}
    prev: dict[str, str] = {}
    heap = [(0.0, src)]
    while heap:
        d, a = heapq.heappop(heap)
        if d > dist.get(a, math.inf):
            continue
        for b, w in adj.get(a, {}).items():
            if b in banned_nodes or (a, b) in banned_edges or not allowed(b):
                continue
            nd = d + w
            if nd < dist.get(b, math.inf) - 1e-12:
                dist[b] = nd
                prev[b] = a
                heapq.heappush(heap, (nd, b))
    return dist, prev


def path_to(prev: dict[str, str], src: str, dst: str) -> list[str]:
    path = [dst]
    while path[-1] != src:
        path.append(prev[path[-1]])
    return path[::-1]


def k_shortest_paths(adj, src: str, dst: str, k: int, allowed) -> list[list[str]]:
    """Yen's k shortest simple paths by weight; fewer when the graph has fewer."""
    if src == dst:
        return [[src]]
    dist, prev = dijkstra(adj, src, allowed)
    if dst not in dist:
        return []

    def weight(p: list[str]) -> float:
        return sum(adj[a][b] for a, b in zip(p, p[1:]))

    found = [path_to(prev, src, dst)]
    cands: list[tuple[float, list[str]]] = []
    seen = {tuple(found[0])}
    while len(found) < k:
        last = found[-1]
        for j in range(len(last) - 1):
            spur, root = last[j], last[: j + 1]
            banned_edges = set()
            for p in found:
                if p[: j + 1] == root and len(p) > j + 1:
                    banned_edges.add((p[j], p[j + 1]))
            banned_nodes = frozenset(root[:-1])
            d2, prev2 = dijkstra(adj, spur, allowed, banned_nodes, frozenset(banned_edges))
            if dst in d2:
                total = root[:-1] + path_to(prev2, spur, dst)
                if tuple(total) not in seen:
                    seen.add(tuple(total))
                    heapq.heappush(cands, (weight(total), total))
        if not cands:
            break
        found.append(heapq.heappop(cands)[1])
    return found


# ---------------------------------------------------------------------------------------------
# Feeders: road legs with no shared resource, scheduled exactly beforehand


@dataclass
class RoadSchedule:
    """A scheduled road path: legs (from, to, depart, arrive) and the arrival."""

    legs: list[tuple[str, str, int, int]]
    arrive: int


def schedule_road(
    sc: Scenario,
    unit: dict[str, Any],
    path: list[str],
    start: int,
    exempt: set[str],
    pending: bool = True,
) -> Optional[RoadSchedule]:
    """The earliest arrival over a fixed road path without crossings, departing no earlier than
    `start`: a label-setting search over (time, km since the last rest) at each node, where a
    column may go on at once, wait for a pending clearance, or rest (R6, R7). None when the
    path cannot be driven (a leg longer than the daily march, refused transit, a forced halt in
    a non-stop state)."""
    if len(path) == 1:
        return RoadSchedule([], start)
    limit = float(unit["march_km_per_day"])
    kmh = float(unit["march_kmh"])
    rest = sc.rest_min
    # label: (time at node, km of the current march, back pointer)
    labels: list[tuple[int, float, Any]] = [(start, 0.0, None)]
    for i, (a, b) in enumerate(zip(path, path[1:])):
        km = sc.road[a][b]
        d = drive(km, kmh)
        rel = sc.leg_release(sc.ground_states(a, b), exempt)
        if rel is None or km > limit + EPS:
            return None
        if not pending:
            rel = 0
        no_halt = i > 0 and sc.nonstop(a, exempt)
        new: list[tuple[int, float, Any]] = []
        for t, m, back in labels:
            options: list[tuple[int, float]] = []
            if i == 0:
                # Waiting at the start is no halt: the first march begins with the first leg.
                options.append((max(t, rel), 0.0))
            else:
                dep = max(t, rel)
                if not (no_halt and dep > t):
                    options.append((dep, 0.0 if dep - t >= rest else m))
                if not no_halt:
                    options.append((max(t + rest, rel), 0.0))
            for dep, m2 in options:
                if m2 + km <= limit + EPS:
                    new.append((dep + d, m2 + km, (back, (a, b, dep, dep + d))))
        # Keep the labels no other beats on both time and march kilometres.
        new.sort(key=lambda x: (x[0], x[1]))
        labels = []
        best_km = math.inf
        for lab in new:
            if lab[1] < best_km - EPS:
                labels.append(lab)
                best_km = lab[1]
        if not labels:
            return None
    t, _, back = labels[0]
    legs: list[tuple[str, str, int, int]] = []
    while back is not None:
        back, leg = back
        legs.append(leg)
    return RoadSchedule(legs[::-1], t)


def min_rests(kms: list[float], limit: float) -> int:
    """The fewest rests a path of these legs needs under the daily march limit (greedy)."""
    n, m = 0, 0.0
    for i, km in enumerate(kms):
        if i > 0 and m + km > limit + EPS:
            n += 1
            m = 0.0
        m += km
    return n


# ---------------------------------------------------------------------------------------------
# Options per unit


@dataclass
class Feeder:
    """A feeder path inside one state (node list; one node when there is none)."""

    path: list[str]


@dataclass
class RoadRoute:
    """A road route from a unit's origin to the destination."""

    path: list[str]
    kms: list[float]
    drives: list[int]
    releases: list[int]  # earliest departure of each leg (pending transit)
    no_halt: list[bool]  # per node of the path: a halt there is forbidden
    crossings: dict[int, str]  # node index in path -> crossing id


@dataclass
class AirOption:
    """A unit's way to fly from airfield A to airfield B."""

    a: str
    b: str
    pre: Feeder
    pre_arrive: int  # earliest arrival of the feeder at A (ready when there is none)
    post: Feeder
    post_minutes: int  # duration of the feeder from B
    post_release: int  # the feeder from B departs no earlier (pending)
    release: int  # the air leg departs no earlier, for the unit's transit


@dataclass
class RailLine:
    """A train line: loading railhead, rail path, unloading node."""

    path: list[str]
    offsets: list[int]  # departure offset of each rail leg from the train's departure
    minutes: int


@dataclass
class RailOption:
    line: int
    pre: Feeder
    pre_arrive: int
    post: Feeder
    post_minutes: int
    post_release: int
    release: int  # the train departs no earlier, for the unit's transit


@dataclass
class Unit:
    idx: int
    raw: dict[str, Any]
    exempt: set[str]
    classes: list[dict[str, Any]]
    cargo_kg: int
    routes: list[RoadRoute] = field(default_factory=list)
    air: list[AirOption] = field(default_factory=list)
    rail: list[RailOption] = field(default_factory=list)


def feeder_paths(sc: Scenario, start: str, exempt: set[str]) -> dict[str, list[str]]:
    """Shortest road paths from a node to every node of its own state, without crossings and
    through nodes a movement may halt at or pass (feeders run inside one state, R5)."""
    st = sc.state(start)
    if st is None:
        return {}

    def allowed(n: str) -> bool:
        return sc.state(n) == st and sc.leg_release([st], exempt) is not None

    dist, prev = dijkstra(sc.road, start, allowed)
    return {n: path_to(prev, start, n) for n in dist}


def enumerate_routes(sc: Scenario, unit: dict[str, Any], exempt: set[str], k: int) -> tuple[list[RoadRoute], bool]:
    """Up to k simple road routes (Yen's k shortest by km) the unit may drive; the flag says
    whether these are all the simple routes there are."""

    def allowed(n: str) -> bool:
        s = sc.state(n)
        if s is None:
            return True
        return sc.leg_release([s], exempt) is not None

    if not allowed(unit["origin"]) or not allowed(sc.dest):
        return [], True
    paths = k_shortest_paths(sc.road, unit["origin"], sc.dest, k + 1, allowed)
    complete = len(paths) <= k
    routes: list[RoadRoute] = []
    limit = float(unit["march_km_per_day"])
    for path in paths[:k]:
        if len(path) < 2:
            continue
        if sc.is_crossing(path[0]) or sc.is_crossing(path[-1]):
            continue
        kms = [sc.road[a][b] for a, b in zip(path, path[1:])]
        if any(km > limit + EPS for km in kms):
            continue
        rels = []
        for a, b in zip(path, path[1:]):
            rel = sc.leg_release(sc.ground_states(a, b), exempt)
            rels.append(rel)
        if any(r is None for r in rels):
            continue
        crossings = {i: n for i, n in enumerate(path) if sc.is_crossing(n)}
        if any(not sc.nodes[n].get("throughput_per_hour") for n in crossings.values()):
            continue
        routes.append(
            RoadRoute(
                path=path,
                kms=kms,
                drives=[drive(km, float(unit["march_kmh"])) for km in kms],
                releases=[int(r) for r in rels],  # type: ignore[arg-type]
                no_halt=[sc.nonstop(n, exempt) for n in path],
                crossings=crossings,
            )
        )
    return routes, complete


# ---------------------------------------------------------------------------------------------
# The air network of each aircraft type


@dataclass
class Pair:
    """A loaded flight's airfields for a type: A to B."""

    a: str
    b: str
    minutes: int
    release: int  # the flight departs no earlier (pending, for the type)


@dataclass
class Hop:
    a: str
    b: str
    minutes: int


@dataclass
class Reposition:
    """The fastest empty path between two airfields for a type."""

    hops: list[Hop]
    minutes: int
    release: int  # the first hop departs no earlier so that every hop meets its clearance


@dataclass
class TypeNet:
    raw: dict[str, Any]
    exempt: set[str]
    pairs: list[Pair]
    repos: dict[tuple[str, str], Optional[Reposition]]
    pax_kg: int
    payload_kg: int

    def service(self, sc: Scenario, airfield: str) -> int:
        return int(self.raw["ground_min"]) + int(sc.nodes[airfield].get("handling_min") or 0)


def type_network(sc: Scenario, t: dict[str, Any]) -> TypeNet:
    exempt = {sc.host, t["state"]}

    def usable(n: str) -> bool:
        node = sc.nodes[n]
        return (
            node["kind"] == "airfield"
            and (node.get("runway_m") or 0) >= t["min_runway_m"]
            and sc.touch_ok(n, exempt)
        )

    legs: dict[tuple[str, str], tuple[int, int]] = {}
    for (a, b), (km, _) in sc.air.items():
        if not (usable(a) and usable(b)) or km > float(t["range_km"]) + EPS:
            continue
        rel = sc.leg_release(sc.air_states(a, b), exempt)
        if rel is None:
            continue
        legs[(a, b)] = (drive(km, float(t["speed_kmh"])), rel)
    pairs = [Pair(a, b, m, r) for (a, b), (m, r) in sorted(legs.items())]
    adj: dict[str, dict[str, float]] = defaultdict(dict)
    for (a, b), (m, _) in legs.items():
        adj[a][b] = m
    repos: dict[tuple[str, str], Optional[Reposition]] = {}
    airfields = sorted({a for a, _ in legs} | {b for _, b in legs} | {t["home"]})
    for src in airfields:
        dist, prev = dijkstra(adj, src, lambda _n: True)
        for dst in airfields:
            if dst == src:
                repos[(src, dst)] = Reposition([], 0, 0)
            elif dst in dist:
                p = path_to(prev, src, dst)
                hops, off, rel = [], 0, 0
                for a, b in zip(p, p[1:]):
                    m, r = legs[(a, b)]
                    rel = max(rel, r - off)
                    hops.append(Hop(a, b, m))
                    off += m
                repos[(src, dst)] = Reposition(hops, off, max(0, rel))
            else:
                repos[(src, dst)] = None
    return TypeNet(
        raw=t,
        exempt=exempt,
        pairs=pairs,
        repos=repos,
        pax_kg=kg_up(sc.personnel_t),
        payload_kg=kg_down(float(t["payload_t"])),
    )


# ---------------------------------------------------------------------------------------------
# Building the options of every unit


def unit_options(sc: Scenario, k_routes: int, notes: list[str]) -> tuple[list[Unit], bool]:
    complete = True
    units: list[Unit] = []
    more: list[str] = []
    for i, u in enumerate(sc.units):
        exempt = {sc.host, u["state"]}
        classes = [c for c in (u.get("vehicles") or []) if c["count"] > 0]
        unit = Unit(i, u, exempt, classes, kg_up(float(u.get("cargo_t") or 0.0)))
        modes = set(u["modes"])
        if "road" in modes:
            unit.routes, all_routes = enumerate_routes(sc, u, exempt, k_routes)
            if not all_routes:
                complete = False
                more.append(u["id"])
        if "air" in modes or "rail" in modes:
            pre = feeder_paths(sc, u["origin"], exempt)
            post = feeder_paths(sc, sc.dest, exempt)
            if len(pre) == 0:
                pre = {u["origin"]: [u["origin"]]}
            if len(post) == 0:
                post = {sc.dest: [sc.dest]}
        if "air" in modes:
            for (a, b), _ in sorted(sc.air.items()):
                if a not in pre or b not in post:
                    continue
                opt = through_option(sc, u, exempt, pre[a], post[b][::-1])
                if opt is None:
                    continue
                rel = sc.leg_release(sc.air_states(a, b), exempt)
                if rel is None:
                    continue
                pre_arr, post_min, post_rel = opt
                unit.air.append(
                    AirOption(a, b, Feeder(pre[a]), pre_arr, Feeder(post[b][::-1]), post_min, post_rel, rel)
                )
        units.append(unit)
    if more:
        notes.append(f"road: the {k_routes} shortest routes of each unit ({len(more)} units have more)")
    return units, complete


def through_option(
    sc: Scenario, u: dict[str, Any], exempt: set[str], pre: list[str], post: list[str]
) -> Optional[tuple[int, int, int]]:
    """Feeder timing for a rail or air option: the feeder to the loading node scheduled from
    the unit's ready time; the feeder from the unloading node as a duration after the latest
    clearance it needs. None when the halts at the loading or unloading node are forbidden."""
    if not sc.touch_ok(pre[-1], exempt) or not sc.touch_ok(post[0], exempt):
        return None
    if sc.nonstop(pre[-1], exempt) or sc.nonstop(post[0], exempt):
        return None
    s_pre = schedule_road(sc, u, pre, int(u["ready"]), exempt)
    if s_pre is None:
        return None
    s_post = schedule_road(sc, u, post, 0, exempt, pending=False)
    if s_post is None:
        return None
    post_rel = 0
    for a, b in zip(post, post[1:]):
        r = sc.leg_release(sc.ground_states(a, b), exempt)
        if r is None:
            return None
        post_rel = max(post_rel, r)
    return s_pre.arrive, s_post.arrive, post_rel


def rail_options(sc: Scenario, units: list[Unit], k_lines: int) -> list[RailLine]:
    """Train lines from every railhead with paths to every rail node a feeder reaches the
    destination from, and each unit's options on them."""
    if not sc.rail:
        return []
    adj = {a: {b: float(m) for b, m in nb.items()} for a, nb in sc.rail_adj.items()}
    lines: list[RailLine] = []
    index: dict[tuple[str, ...], int] = {}
    for unit in units:
        u = unit.raw
        if "rail" not in u["modes"]:
            continue
        exempt = unit.exempt
        pre = feeder_paths(sc, u["origin"], exempt) or {u["origin"]: [u["origin"]]}
        post = feeder_paths(sc, sc.dest, exempt) or {sc.dest: [sc.dest]}
        for r in sorted(pre):
            if r not in sc.rail_adj or not sc.nodes[r].get("paths_per_day"):
                continue
            for r2 in sorted(post):
                if r2 == r or r2 not in sc.rail_adj:
                    continue

                def allowed(n: str) -> bool:
                    s = sc.state(n)
                    return s is None or sc.leg_release([s], exempt) is not None

                for path in k_shortest_paths(adj, r, r2, k_lines, allowed):
                    opt = through_option(sc, u, exempt, pre[r], post[r2][::-1])
                    if opt is None:
                        continue
                    offsets, off, rel = [], 0, 0
                    ok = True
                    for a, b in zip(path, path[1:]):
                        lr = sc.leg_release(sc.ground_states(a, b), exempt)
                        if lr is None:
                            ok = False
                            break
                        rel = max(rel, lr - off)
                        offsets.append(off)
                        off += sc.rail_adj[a][b]
                    if not ok:
                        continue
                    key = tuple(path)
                    if key not in index:
                        index[key] = len(lines)
                        lines.append(RailLine(path, offsets, off))
                    pre_arr, post_min, post_rel = opt
                    unit.rail.append(
                        RailOption(index[key], Feeder(pre[r]), pre_arr, Feeder(post[r2][::-1]), post_min, post_rel, max(0, rel))
                    )
    return lines


# ---------------------------------------------------------------------------------------------
# A lower bound of our own, valid for the rules whatever the model leaves out


def road_lower_bound(sc: Scenario, u: dict[str, Any], exempt: set[str], src: str, dst: str, crossings: bool) -> Optional[int]:
    """The earliest a column could drive from src to dst if it had every road to itself: a
    label-setting search over (node, time, kilometres since the last rest) on the whole road
    network, with rests, non-stop states and refused states as the rules say, each crossing
    passed by a single vehicle, and pending clearances ignored (they only delay)."""
    limit = float(u["march_km_per_day"])
    kmh = float(u["march_kmh"])
    rest = sc.rest_min
    st = sc.state(src)
    best: dict[str, list[tuple[int, float]]] = defaultdict(list)
    heap: list[tuple[int, float, str, bool]] = [(0, 0.0, src, True)]
    while heap:
        t, km, a, first = heapq.heappop(heap)
        if a == dst:
            return t
        labels = best[a]
        if any(t2 <= t and k2 <= km + EPS for t2, k2 in labels):
            continue
        labels.append((t, km))
        for b, leg_km in sc.road.get(a, {}).items():
            if sc.is_crossing(b):
                if not crossings or not sc.nodes[b].get("throughput_per_hour"):
                    continue
            elif sc.leg_release([sc.state(b)], exempt) is None:  # type: ignore[list-item]
                continue
            if not crossings and sc.state(b) != st:
                continue
            if leg_km > limit + EPS:
                continue
            halt = 0
            if sc.is_crossing(a):
                halt = passage(1, int(sc.nodes[a]["throughput_per_hour"]))
            opts: list[tuple[int, float]] = []
            if first:
                opts.append((t, 0.0))
            else:
                if not sc.nonstop(a, exempt) or halt == 0:
                    opts.append((t + halt, 0.0 if halt >= rest else km))
                if not sc.nonstop(a, exempt):
                    opts.append((t + max(rest, halt), 0.0))
            for dep, m2 in opts:
                if m2 + leg_km <= limit + EPS:
                    heapq.heappush(heap, (dep + drive(leg_km, kmh), m2 + leg_km, b, False))
    return None


def critical_bound(sc: Scenario, units: list[Unit], nets: list[TypeNet]) -> tuple[int, list[int], str]:
    """Per unit, the latest over its parts (people, each vehicle class, cargo) of the earliest
    that part could arrive by its fastest mode with every resource to itself; the force's
    bound is the latest of those. Valid for every plan the rules allow."""
    rr = sc.rail
    per_unit: list[int] = []
    detail = ""
    force = 0
    for unit in units:
        u = unit.raw
        ready = int(u["ready"])
        modes = set(u["modes"])
        road_t = None
        if "road" in modes and unit.classes:
            r = road_lower_bound(sc, u, unit.exempt, u["origin"], sc.dest, True)
            road_t = None if r is None else ready + r
        cache: dict[tuple[str, str], Optional[int]] = {}

        def feeder(x: str, y: str) -> Optional[int]:
            # Any feeder of the rules stays inside one state without crossings.
            if (x, y) not in cache:
                cache[(x, y)] = 0 if x == y else road_lower_bound(sc, u, unit.exempt, x, y, False)
            return cache[(x, y)]

        rail_t = None
        if "rail" in modes and rr:
            for o in unit.rail:
                head, tail = o.pre.path[-1], o.post.path[0]
                pre, post = feeder(u["origin"], head), feeder(tail, sc.dest)
                if pre is None or post is None:
                    continue
                earliest = ready + pre + (int(rr["load_min"]) if pre else 0)
                # The train departs at the first path time from then.
                ppd = int(sc.nodes[head]["paths_per_day"])
                day, rem = divmod(earliest, 1440)
                k = next((k for k in range(ppd) if (k * 1440) // ppd >= rem), None)
                dep = day * 1440 + (k * 1440) // ppd if k is not None else (day + 1) * 1440
                arr = dep + path_minutes(sc, head, tail) + (int(rr["unload_min"]) + post if post else 0)
                rail_t = arr if rail_t is None else min(rail_t, arr)
        parts: list[tuple[str, Optional[dict[str, Any]]]] = []
        if int(u["personnel"]):
            parts.append(("personnel", None))
        for c in unit.classes:
            parts.append((c["class"], c))
        if unit.cargo_kg:
            parts.append(("cargo", None))
        unit_lb = ready
        for name, cl in parts:
            best = None
            if road_t is not None:
                best = road_t
            if rail_t is not None:
                best = rail_t if best is None else min(best, rail_t)
            if "air" in modes:
                for net in nets:
                    t = net.raw
                    if cl is not None:
                        if cl.get("outsize") and not t.get("outsize"):
                            continue
                        if kg_up(float(cl["weight_t"])) > net.payload_kg:
                            continue
                    if name == "personnel" and int(t["seats"]) == 0:
                        continue
                    home = t["home"]
                    for o in unit.air:
                        pr = next((p for p in net.pairs if p.a == o.a and p.b == o.b), None)
                        to_a = net.repos.get((home, o.a))
                        if pr is None or to_a is None:
                            continue
                        pre, post = feeder(u["origin"], o.a), feeder(o.b, sc.dest)
                        if pre is None or post is None:
                            continue
                        svc_a, svc_b = net.service(sc, o.a), net.service(sc, o.b)
                        load = ready + pre + svc_a if pre else ready
                        dep = max(load, int(t.get("available") or 0) + to_a.minutes + svc_a, pr.release, o.release)
                        arr = dep + pr.minutes + (svc_b + post if post else 0)
                        best = arr if best is None else min(best, arr)
            if best is None:
                continue
            if best > unit_lb:
                unit_lb = best
                if best > force:
                    detail = f"the {name} of {u['id']} cannot arrive before minute {best} by any mode"
        per_unit.append(unit_lb)
        force = max(force, unit_lb)
    return force, per_unit, detail


def path_minutes(sc: Scenario, a: str, b: str) -> int:
    """The fastest rail time from a to b (Dijkstra on running minutes)."""
    adj = {x: {y: float(m) for y, m in nb.items()} for x, nb in sc.rail_adj.items()}
    dist, _ = dijkstra(adj, a, lambda _n: True)
    return int(dist.get(b, 0))


# ---------------------------------------------------------------------------------------------
# The CP-SAT model


@dataclass
class Load:
    """Load variables of one movement slot."""

    y: Any  # the movement exists
    p: Any
    v: dict[str, Any]
    g: Any


@dataclass
class RoadSlot:
    unit: int
    route: RoadRoute
    load: Load
    dep: list[Any]
    cross: dict[int, tuple[Any, Any, Any]]  # path index -> (start, size, end)


@dataclass
class Sortie:
    aircraft: int
    k: int
    x: Any
    z: list[Any]  # per pair of the type
    dep: Any
    arr: Any
    leave: Any
    posarr: Any
    loads: dict[int, tuple[Load, list[int]]]  # unit -> load, indices into unit.air per pair (-1)


@dataclass
class Aircraft:
    name: str
    net: TypeNet
    start: Any
    sorties: list[Sortie]
    pairs: list[Pair]
    svc_a: list[int]
    svc_b: list[int]


@dataclass
class CampaignLoad:
    """One unit's load over a campaign: how many sorties carry vehicles of each class, how many
    carry only people and cargo."""

    load: Load
    option: int  # index into unit.air
    n0: Any
    nc: dict[str, Any]


@dataclass
class Campaign:
    """Consecutive shuttle sorties of one aircraft carrying one unit."""

    x: Any
    dep: Any  # take-off of the first sortie
    n: Any  # sorties
    loads: dict[int, CampaignLoad]


@dataclass
class Shuttle:
    """An aircraft of the reduced model: it flies from home to A, shuttles A→B loaded and B→A
    empty in campaigns, and flies home after the last."""

    name: str
    net: TypeNet
    pair: Pair
    svc_a: int
    svc_b: int
    cycle: int  # from one loaded take-off at A to the next
    to_a: Reposition
    b_to_a: Reposition
    b_home: Reposition
    campaigns: list[Campaign]


@dataclass
class TrainSlot:
    line: int
    x: Any
    dep: Any
    loads: dict[int, tuple[Load, int, Any, Any]]  # unit -> load, option index, wagons p, wagons g


class Builder:
    """Builds and solves the model; keeps what the plan is read from."""

    def __init__(self, sc: Scenario, args: argparse.Namespace) -> None:
        self.sc = sc
        self.args = args
        self.m = cp_model.CpModel()
        self.notes: list[str] = []
        self.exact = True
        self.H = sc.horizon
        self.columns: int = args.columns if args.columns > 0 else (2 if len(sc.units) <= 6 else 1)
        self.loads: dict[int, list[Any]] = defaultdict(list)
        self.demand: dict[int, list[tuple[Any, dict[str, Any], Any]]] = defaultdict(list)

    # -- helpers

    def load_vars(self, unit: Unit, name: str, vehicles: bool = True, allow_class=None) -> Load:
        m, u = self.m, unit.raw
        y = m.new_bool_var(f"y_{name}")
        p = m.new_int_var(0, int(u["personnel"]), f"p_{name}")
        v = {}
        for c in unit.classes:
            ub = int(c["count"]) if vehicles and (allow_class is None or allow_class(c)) else 0
            v[c["class"]] = m.new_int_var(0, ub, f"v_{name}_{c['class']}")
        g = m.new_int_var(0, unit.cargo_kg, f"g_{name}")
        # A movement exists exactly when it carries something (R1: no movement is empty).
        m.add(p + sum(v.values()) + g >= 1).only_enforce_if(y)
        m.add(p == 0).only_enforce_if(~y)
        for x in v.values():
            m.add(x == 0).only_enforce_if(~y)
        m.add(g == 0).only_enforce_if(~y)
        self.loads[unit.idx].append(y)
        self.demand[unit.idx].append((p, v, g))
        return Load(y, p, v, g)

    # -- the model

    def build(self) -> None:
        sc, m, args = self.sc, self.m, self.args
        # The full model (every sortie its own slot, any units together on a flight and a
        # train) is exact but grows with the lift's work; beyond a few dozen sortie slots the
        # reduced model (aircraft shuttling in campaigns, trains per unit) takes over.
        self.full = self.full_fits()
        if not self.full:
            self.exact = False
            self.columns = 1 if args.columns <= 0 else args.columns
        self.units, complete = unit_options(sc, args.routes if self.full else min(args.routes, 3), self.notes)
        self.exact &= complete
        self.lines = rail_options(sc, self.units, args.rail_lines)
        H = self.H
        self.C = m.new_int_var(0, H, "closure")
        self.Cu = [m.new_int_var(int(u.raw["ready"]), H, f"C_{u.raw['id']}") for u in self.units]
        for cu in self.Cu:
            m.add(self.C >= cu)
        self.build_road()
        self.build_rail()
        self.nets = [type_network(sc, t) for t in sc.types]
        self.aircraft: list[Aircraft] = []
        self.shuttles: list[Shuttle] = []
        # Our own critical-path bound, valid for every plan: it tightens the model (each unit
        # closes no earlier) and is the bound reported when the model is reduced.
        self.lb, lb_units, self.lb_detail = critical_bound(sc, self.units, self.nets)
        self.lb_units = lb_units
        for cu, lb in zip(self.Cu, lb_units):
            m.add(cu >= lb)
        if self.full:
            self.build_air()
        else:
            self.build_shuttles()
        for u in self.units:
            r = u.raw
            ps = self.demand[u.idx]
            if not ps:
                raise Infeasible(f"{r['id']}: no mode reaches the destination")
            m.add(sum(p for p, _, _ in ps) == int(r["personnel"]))
            for c in u.classes:
                m.add(sum(v[c["class"]] for _, v, _ in ps) == int(c["count"]))
            m.add(sum(g for _, _, g in ps) == u.cargo_kg)
        # Lateness and the objectives.
        self.late = []
        for u, cu in zip(self.units, self.Cu):
            lt = m.new_int_var(0, H, f"late_{u.raw['id']}")
            m.add(lt >= cu - int(u.raw["rdd"]))
            self.late.append(lt)
        self.wl = sum(int(u.raw["priority"]) * lt for u, lt in zip(self.units, self.late))
        # Third objective: sorties; among plans with as many, fewer movements and trains (a
        # tidier plan), weighted so that one sortie outweighs every movement together.
        tidy = sum(y for ys in self.loads.values() for y in ys) + sum(t.x for t in self.trains)
        n_tidy = sum(len(ys) for ys in self.loads.values()) + len(self.trains) + 1
        sorties = sum(s.x for a in self.aircraft for s in a.sorties) + sum(c.n for sh in self.shuttles for c in sh.campaigns)
        self.sorties_expr = n_tidy * sorties + tidy
        if not self.full:
            self.road_hint()

    def build_road(self) -> None:
        sc, m = self.sc, self.m
        self.road: list[RoadSlot] = []
        self.crossing_intervals: dict[str, list[Any]] = defaultdict(list)
        H, rest = self.H, sc.rest_min
        for unit in self.units:
            u = unit.raw
            if not unit.classes:
                continue
            seats = int(u["seats_per_vehicle"])
            cpv = kg_down(float(u["cargo_t_per_vehicle"]))
            limit = float(u["march_km_per_day"])
            for ri, route in enumerate(unit.routes):
                prev_slot: Optional[RoadSlot] = None
                for col in range(self.columns):
                    name = f"{u['id']}_r{ri}_{col}"
                    ld = self.load_vars(unit, name)
                    y = ld.y
                    nveh = sum(ld.v.values())
                    # R5: people and cargo ride on the column's own vehicles.
                    m.add(nveh >= 1).only_enforce_if(y)
                    m.add(ld.p <= seats * nveh)
                    m.add(ld.g <= cpv * nveh)
                    nlegs = len(route.kms)
                    dep = [m.new_int_var(int(u["ready"]), H, f"dep_{name}_{i}") for i in range(nlegs)]
                    for i in range(nlegs):
                        m.add(dep[i] + route.drives[i] <= H)
                        if route.releases[i] > 0:
                            m.add(dep[i] >= route.releases[i]).only_enforce_if(y)
                    rests: list[Any] = [None] * nlegs
                    cross: dict[int, tuple[Any, Any, Any]] = {}
                    for j in range(1, nlegs):
                        node = route.path[j]
                        arr_prev = dep[j - 1] + route.drives[j - 1]
                        if j in route.crossings:
                            tp = int(sc.nodes[node]["throughput_per_hour"])
                            s = m.new_int_var(0, H, f"xs_{name}_{j}")
                            size = m.new_int_var(0, passage(int(sum(c["count"] for c in unit.classes)), tp), f"xz_{name}_{j}")
                            e = m.new_int_var(0, H, f"xe_{name}_{j}")
                            iv = m.new_optional_interval_var(s, size, e, y, f"xi_{name}_{j}")
                            self.crossing_intervals[node].append(iv)
                            # R4: the passage lasts passage(vehicles, throughput).
                            m.add(size * tp >= 60 * nveh).only_enforce_if(y)
                            m.add(size * tp <= 60 * nveh + tp - 1).only_enforce_if(y)
                            m.add(s >= arr_prev).only_enforce_if(y)
                            m.add(dep[j] >= e).only_enforce_if(y)
                            cross[j] = (s, size, e)
                        else:
                            m.add(dep[j] >= arr_prev).only_enforce_if(y)
                        if route.no_halt[j]:
                            m.add(dep[j] == arr_prev).only_enforce_if(y)
                        else:
                            r = m.new_bool_var(f"rest_{name}_{j}")
                            m.add(dep[j] - arr_prev >= rest).only_enforce_if([y, r])
                            rests[j] = r
                    # R6: every stretch of legs longer than a day's march holds a rest.
                    for a in range(nlegs):
                        tot = 0.0
                        for b in range(a, nlegs):
                            tot += route.kms[b]
                            if tot > limit + EPS:
                                lits = [rests[j] for j in range(a + 1, b + 1) if rests[j] is not None]
                                m.add_bool_or(lits + [~y])
                                break
                    arrive = dep[-1] + route.drives[-1]
                    lower = sum(route.drives) + rest * min_rests(route.kms, limit)
                    m.add(arrive >= dep[0] + lower).only_enforce_if(y)
                    m.add(self.Cu[unit.idx] >= arrive).only_enforce_if(y)
                    slot = RoadSlot(unit.idx, route, ld, dep, cross)
                    if prev_slot is not None:
                        # Columns of one route are interchangeable: take them in order.
                        m.add_implication(y, prev_slot.load.y)
                        m.add(dep[0] >= prev_slot.dep[0]).only_enforce_if(y)
                    prev_slot = slot
                    self.road.append(slot)
        for node, ivs in self.crossing_intervals.items():
            # R12: one column at a time through a crossing.
            m.add_no_overlap(ivs)

    def build_rail(self) -> None:
        sc, m = self.sc, self.m
        self.trains: list[TrainSlot] = []
        if not sc.rail or not self.lines:
            return
        rr = sc.rail
        W = int(rr["wagons_per_train"])
        ppw = int(rr["personnel_per_wagon"])
        cpw = kg_down(float(rr["cargo_t_per_wagon"]))
        load_min, unload_min = int(rr["load_min"]), int(rr["unload_min"])
        H = self.H
        by_line: dict[int, list[tuple[Unit, int]]] = defaultdict(list)
        for unit in self.units:
            for oi, o in enumerate(unit.rail):
                by_line[o.line].append((unit, oi))
        path_ivs: dict[str, list[Any]] = defaultdict(list)
        groups: list[tuple[int, list[tuple[Unit, int]], int]] = []
        if self.full:
            for li in range(len(self.lines)):
                users = by_line.get(li, [])
                need = sum(-(-unit_wagons(unit, ppw, cpw) // W) + 1 for unit, _ in users)
                groups.append((li, users, need))
        else:
            # Larger scenarios: each unit's trains carry that unit only, on its two best lines.
            self.exact = False
            self.notes.append("trains carry one unit each, on its two best lines")
            for unit in self.units:
                ranked = sorted(
                    range(len(unit.rail)),
                    key=lambda oi: unit.rail[oi].pre_arrive + self.lines[unit.rail[oi].line].minutes + unit.rail[oi].post_minutes,
                )
                for oi in ranked[:2]:
                    groups.append((unit.rail[oi].line, [(unit, oi)], -(-unit_wagons(unit, ppw, cpw) // W)))
        for gi, (li, users, need) in enumerate(groups):
            line = self.lines[li]
            if not users:
                continue
            head = line.path[0]
            ppd = int(sc.nodes[head]["paths_per_day"])
            n_paths = (H // 1440 + 1) * ppd
            table = [(i // ppd) * 1440 + ((i % ppd) * 1440) // ppd for i in range(n_paths)]
            table = [t for t in table if t + line.minutes <= H]
            n_paths = len(table)
            if n_paths == 0:
                continue
            n_slots = min(need, n_paths, self.args.max_trains)
            if n_slots < need and n_slots < n_paths:
                self.exact = False
                self.notes.append(f"line {'-'.join(line.path)}: {n_slots} train slots of {need} possibly useful")
            prev: Optional[TrainSlot] = None
            # A train departs at one of the railhead's path times; as path times are distinct
            # minutes, trains on distinct paths are departures at distinct minutes.
            dom = cp_model.Domain.FromValues(table)
            for j in range(n_slots):
                name = f"tr{gi}_{j}"
                x = m.new_bool_var(f"x_{name}")
                dep = m.new_int_var_from_domain(dom, f"dep_{name}")
                path_ivs[head].append(m.new_optional_fixed_size_interval_var(dep, 1, x, f"pi_{name}"))
                if prev is not None:
                    m.add_implication(x, prev.x)
                    m.add(dep >= prev.dep + 1).only_enforce_if(x)
                slot = TrainSlot(li, x, dep, {})
                wagons = []
                ys = []
                for unit, oi in users:
                    o = unit.rail[oi]
                    if unit.idx in slot.loads:
                        continue  # one option per unit and line is enough: feeders are shortest
                    u = unit.raw
                    ld = self.load_vars(unit, f"{u['id']}_{name}")
                    pw = m.new_int_var(0, -(-int(u["personnel"]) // ppw), f"pw_{u['id']}_{name}")
                    gw = m.new_int_var(0, -(-unit.cargo_kg // cpw) if cpw else 0, f"gw_{u['id']}_{name}")
                    m.add(pw * ppw >= ld.p)
                    if cpw:
                        m.add(gw * cpw >= ld.g)
                    else:
                        m.add(ld.g == 0)
                    wagons.append(sum(ld.v.values()) + pw + gw)
                    m.add_implication(ld.y, x)
                    ys.append(ld.y)
                    # R11: the feeder arrives load_min before departure; pending transit.
                    if len(o.pre.path) > 1:
                        m.add(dep - load_min >= o.pre_arrive).only_enforce_if(ld.y)
                    else:
                        m.add(dep >= int(u["ready"])).only_enforce_if(ld.y)
                    if o.release:
                        m.add(dep >= o.release).only_enforce_if(ld.y)
                    arrive = dep + line.minutes
                    if len(o.post.path) > 1:
                        m.add(self.Cu[unit.idx] >= arrive + unload_min + o.post_minutes).only_enforce_if(ld.y)
                        if o.post_release:
                            m.add(self.Cu[unit.idx] >= o.post_release + o.post_minutes).only_enforce_if(ld.y)
                    else:
                        m.add(self.Cu[unit.idx] >= arrive).only_enforce_if(ld.y)
                    slot.loads[unit.idx] = (ld, oi, pw, gw)
                m.add(sum(wagons) <= W * x)
                m.add_bool_or(ys + [~x])
                self.trains.append(slot)
                prev = slot
        for head, ivs in path_ivs.items():
            # R11: no two trains take the same path of a railhead.
            m.add_no_overlap(ivs)

    def road_hint(self) -> None:
        """A first plan for CP-SAT to start from on large scenarios: every unit that can drive
        all of itself does so as one column on its shortest route, columns taken by ready
        time, each waiting for the crossing to be free and resting as late as the daily march
        allows. Units that cannot (too few seats, a forced halt in a non-stop state) are left
        to the solver."""
        sc, m = self.sc, self.m
        hints: dict[Any, int] = {}
        free: dict[str, int] = defaultdict(int)
        first_slot: dict[int, RoadSlot] = {}
        for slot in self.road:
            first_slot.setdefault(slot.unit, slot)
        done: set[int] = set()
        paths_taken: dict[str, set[int]] = defaultdict(set)
        for ui in sorted(first_slot, key=lambda i: int(self.units[i].raw["ready"])):
            slot, unit = first_slot[ui], self.units[ui]
            u, r = unit.raw, first_slot[ui].route
            nveh = sum(int(c["count"]) for c in unit.classes)
            if unit.cargo_kg > nveh * kg_down(float(u["cargo_t_per_vehicle"])):
                continue
            # People beyond the column's seats take the unit's first train.
            riders = min(int(u["personnel"]), nveh * int(u["seats_per_vehicle"]))
            excess = int(u["personnel"]) - riders
            train_arrive = 0
            if excess:
                got = self.train_hint(unit, excess, hints, paths_taken)
                if got is None:
                    got = self.air_hint(unit, excess, hints)
                if got is None:
                    continue
                train_arrive = got
            limit, rest = float(u["march_km_per_day"]), sc.rest_min
            # Where to rest: the earliest schedule of the route with the crossings free (it
            # rests before a non-stop stretch when it must); waiting at a crossing only adds.
            alone = schedule_road(sc, u, r.path, int(u["ready"]), unit.exempt)
            if alone is None:
                continue
            rest_at = {i for i in range(1, len(alone.legs)) if alone.legs[i][2] - alone.legs[i - 1][3] >= rest}
            t, km_day = int(u["ready"]), 0.0
            deps, crosses, rests = [], {}, {}
            ok = True
            for i, km in enumerate(r.kms):
                dep = t
                if i > 0:
                    arr = t
                    if i in r.crossings:
                        node = r.path[i]
                        size = passage(nveh, int(sc.nodes[node]["throughput_per_hour"]))
                        st = max(arr, free[node])
                        crosses[i] = (st, size, st + size)
                        dep = st + size
                    if i in rest_at:
                        dep = max(dep, arr + rest)
                    dep = max(dep, r.releases[i])
                    if dep - arr >= rest:
                        km_day = 0.0
                        rests[i] = 1
                    if r.no_halt[i] and dep > arr:
                        ok = False
                        break
                else:
                    dep = max(dep, r.releases[0])
                if km_day + km > limit + EPS:
                    ok = False
                    break
                km_day += km
                deps.append(dep)
                t = dep + r.drives[i]
            if not ok or t > self.H:
                continue
            for i, (st, size, e) in crosses.items():
                free[r.path[i]] = e
                cs = slot.cross[i]
                hints[cs[0]], hints[cs[1]], hints[cs[2]] = st, size, e
            for var, val in zip(slot.dep, deps):
                hints[var] = val
            ld = slot.load
            hints[ld.y] = 1
            hints[ld.p] = riders
            for c in unit.classes:
                hints[ld.v[c["class"]]] = int(c["count"])
            hints[ld.g] = unit.cargo_kg
            hints[self.Cu[ui]] = max(t, train_arrive, self.lb_units[ui])
            done.add(ui)
        if not done:
            return
        for ui, ys in self.loads.items():
            if ui not in done:
                continue  # left to the solver
            for y in ys:
                hints.setdefault(y, 0)
        complete = len(done) == len(self.units)
        if complete:
            for tr in self.trains:
                hints.setdefault(tr.x, 0)
            for sh in self.shuttles:
                for c in sh.campaigns:
                    hints.setdefault(c.x, 0)
                    hints.setdefault(c.n, 0)
            hints[self.C] = max(hints[cu] for cu in self.Cu)
        for var, val in hints.items():
            m.add_hint(var, val)
        self.notes.append(
            "search starts from road columns (people beyond their seats by train or air)"
            + ("" if complete else f" for {len(done)} of {len(self.units)} units")
        )

    def train_hint(self, unit: Unit, people: int, hints: dict[Any, int], taken: dict[str, set[int]]) -> Optional[int]:
        """Hints the unit's first train slot to carry `people` on the first free path; returns
        when they arrive, or None when there is no such train."""
        rr = self.sc.rail
        if not rr:
            return None
        ppw = int(rr["personnel_per_wagon"])
        if -(-people // ppw) > int(rr["wagons_per_train"]):
            return None
        for tr in self.trains:
            if unit.idx not in tr.loads or len(tr.loads) != 1 or tr.x in hints:
                continue
            ld, oi, pw, gw = tr.loads[unit.idx]
            o = unit.rail[oi]
            line = self.lines[tr.line]
            head = line.path[0]
            ppd = int(self.sc.nodes[head]["paths_per_day"])
            earliest = max(o.release, o.pre_arrive + int(rr["load_min"]) if len(o.pre.path) > 1 else int(unit.raw["ready"]))
            i = 0
            while True:
                dep = (i // ppd) * 1440 + ((i % ppd) * 1440) // ppd
                if dep >= earliest and dep not in taken[head]:
                    break
                i += 1
            if dep + line.minutes > self.H:
                return None
            taken[head].add(dep)
            hints[tr.x], hints[tr.dep] = 1, dep
            hints[ld.y], hints[ld.p], hints[ld.g] = 1, people, 0
            for v in ld.v.values():
                hints[v] = 0
            hints[pw], hints[gw] = -(-people // ppw), 0
            arrive = dep + line.minutes
            if len(o.post.path) > 1:
                arrive = max(arrive + int(rr["unload_min"]), o.post_release) + o.post_minutes
            return arrive
        return None

    def air_hint(self, unit: Unit, people: int, hints: dict[Any, int]) -> Optional[int]:
        """Hints the first free campaign that may carry the unit to fly `people` as soon as the
        feeder and the aircraft allow; returns when they arrive. Airfield slots are not
        checked: the solver repairs the hint where they clash."""
        for sh in self.shuttles:
            # The aircraft's next campaign not hinted yet, after those hinted to fly.
            j = next((j for j, c in enumerate(sh.campaigns) if c.x not in hints), None)
            if j is None or unit.idx not in sh.campaigns[j].loads:
                continue
            c = sh.campaigns[j]
            after = 0
            if j > 0:
                prev = sh.campaigns[j - 1]
                if hints.get(prev.x) != 1:
                    continue
                prev_end = hints[prev.dep] + (hints[prev.n] - 1) * sh.cycle + sh.pair.minutes
                after = prev_end + sh.svc_b + sh.b_to_a.minutes + sh.svc_a
            cl = c.loads[unit.idx]
            o = unit.air[cl.option]
            seats = int(sh.net.raw["seats"])
            n = -(-people // seats)
            if n > c.n.Proto().domain[-1]:
                continue
            t = sh.net.raw
            dep = max(
                o.pre_arrive + sh.svc_a if len(o.pre.path) > 1 else int(unit.raw["ready"]),
                int(t.get("available") or 0) + sh.to_a.release + sh.to_a.minutes + sh.svc_a,
                sh.pair.release,
                o.release,
                sh.b_to_a.release - sh.pair.minutes - sh.svc_b,
                after,
            )
            end = dep + (n - 1) * sh.cycle + sh.pair.minutes
            if end + sh.svc_b + sh.b_home.minutes > self.H:
                continue
            hints[c.x], hints[c.dep], hints[c.n] = 1, dep, n
            for ui, other in c.loads.items():
                mine = ui == unit.idx
                hints[other.load.y] = int(mine)
                hints[other.load.p] = people if mine else 0
                hints[other.load.g] = 0
                hints[other.n0] = n if mine else 0
                for v in other.load.v.values():
                    hints[v] = 0
                for v in other.nc.values():
                    hints[v] = 0
            arrive = end
            if len(o.post.path) > 1:
                arrive = max(end + sh.svc_b, o.post_release) + o.post_minutes
            return arrive
        return None

    def full_fits(self) -> bool:
        """Whether the full model stays small: sortie slots it would need, at most
        `--full-sorties`, and few units."""
        if self.args.reduced:
            return False
        sc = self.sc
        if len(sc.units) > 6:
            return False
        demand = 0
        for t in sc.types:
            net = type_network(sc, t)
            per = 0
            for i, u in enumerate(sc.units):
                classes = [c for c in (u.get("vehicles") or []) if c["count"] > 0]
                unit = Unit(i, u, {sc.host, u["state"]}, classes, kg_up(float(u.get("cargo_t") or 0.0)))
                if "air" in u["modes"]:
                    per += self.slots_needed(unit, net)
            demand += per * int(t["count"])
        return demand <= self.args.full_sorties

    def build_air(self) -> None:
        sc, m, args = self.sc, self.m, self.args
        H = self.H
        working: dict[str, list[Any]] = defaultdict(list)
        parking: dict[str, list[Any]] = defaultdict(list)
        plans = []
        for net in self.nets:
            t = net.raw
            home = t["home"]
            # Each unit's options that this type can fly: unit -> per pair, option index or -1.
            pair_index = {(p.a, p.b): i for i, p in enumerate(net.pairs)}
            users: dict[int, list[int]] = {}
            for unit in self.units:
                per_pair = [-1] * len(net.pairs)
                for oi, o in enumerate(unit.air):
                    pi = pair_index.get((o.a, o.b))
                    if pi is not None:
                        per_pair[pi] = oi
                if any(x >= 0 for x in per_pair) and self.slots_needed(unit, net) > 0:
                    users[unit.idx] = per_pair
            used = sorted({pi for pp in users.values() for pi, oi in enumerate(pp) if oi >= 0})
            used = [
                i
                for i in used
                if net.repos.get((home, net.pairs[i].a)) is not None and net.repos.get((net.pairs[i].b, home)) is not None
            ]
            if not users or not used or int(t["count"]) <= 0:
                continue
            pairs = [net.pairs[i] for i in used]
            users = {ui: [pp[i] for i in used] for ui, pp in users.items()}
            users = {ui: pp for ui, pp in users.items() if any(x >= 0 for x in pp)}
            svc_a = [net.service(sc, p.a) for p in pairs]
            svc_b = [net.service(sc, p.b) for p in pairs]
            # Sortie slots per aircraft: enough to fly every user's load with this type alone,
            # item by item (see slots_needed), capped by what the horizon allows.
            need = sum(self.slots_needed(self.units[ui], net) for ui in users)
            cycle = min(svc_a[i] + pairs[i].minutes + svc_b[i] for i in range(len(pairs)))
            k_max = min(need, max(1, H // max(1, cycle)))
            per_slot = 8 + 10 * len(pairs) + 2 * len(pairs) ** 2 + sum(
                4 + len(self.units[ui].classes) + 4 * sum(1 for x in pp if x >= 0) for ui, pp in users.items()
            )
            plans.append([net, users, pairs, svc_a, svc_b, k_max, per_slot])
        # Bound the model's size: the sortie slots are what grows with the scenario.
        size = sum(int(pl[0].raw["count"]) * pl[5] * pl[6] for pl in plans)
        scale = min(1.0, args.max_size / size) if size else 1.0
        for pl in plans:
            net, k_max = pl[0], pl[5]
            k_slots = max(1, min(args.max_sorties, int(k_max * scale)))
            if k_slots < k_max:
                self.exact = False
                self.notes.append(f"{net.raw['id']}: {k_slots} sortie slots per aircraft of {k_max} possibly useful")
            pl.append(k_slots)
        for net, users, pairs, svc_a, svc_b, _, _, k_slots in plans:
            t = net.raw
            home = t["home"]
            reach_home = [net.repos[(home, p.a)] for p in pairs]
            back_home = [net.repos[(p.b, home)] for p in pairs]
            prev_count = None
            for n in range(1, int(t["count"]) + 1):
                name = f"{t['id']}#{n}"
                start = m.new_int_var(int(t.get("available") or 0), H, f"start_{name}")
                ac = Aircraft(name, net, start, [], pairs, svc_a, svc_b)
                for k in range(k_slots):
                    sn = f"{name}_{k}"
                    x = m.new_bool_var(f"x_{sn}")
                    z = [m.new_bool_var(f"z_{sn}_{i}") for i in range(len(pairs))]
                    m.add(sum(z) == x)
                    dep = m.new_int_var(0, H, f"dep_{sn}")
                    arr = m.new_int_var(0, H, f"arr_{sn}")
                    leave = m.new_int_var(0, H, f"leave_{sn}")
                    posarr = m.new_int_var(0, H, f"pos_{sn}")
                    # R9: flight time, service after a loaded landing and before a loaded
                    # take-off; R7: clearance of the states it touches.
                    m.add(arr == dep + sum(p.minutes * zi for p, zi in zip(pairs, z)))
                    m.add(leave >= arr + sum(sv * zi for sv, zi in zip(svc_b, z)))
                    m.add(dep >= posarr + sum(sv * zi for sv, zi in zip(svc_a, z)))
                    for i, p in enumerate(pairs):
                        if p.release:
                            m.add(dep >= p.release).only_enforce_if(z[i])
                    s = Sortie(len(self.aircraft), k, x, z, dep, arr, leave, posarr, {})
                    if k == 0:
                        for i, rp in enumerate(reach_home):
                            m.add(posarr == start + rp.minutes).only_enforce_if(z[i])
                            if rp.release:
                                m.add(start >= rp.release).only_enforce_if(z[i])
                    else:
                        prev = ac.sorties[-1]
                        m.add_implication(x, prev.x)
                        for i, pp in enumerate(pairs):
                            for j, pq in enumerate(pairs):
                                rp = net.repos.get((pp.b, pq.a))
                                if rp is None:
                                    m.add_bool_or([~prev.z[i], ~z[j]])
                                    continue
                                both = [prev.z[i], z[j]]
                                m.add(posarr == prev.leave + rp.minutes).only_enforce_if(both)
                                if rp.release:
                                    m.add(prev.leave >= rp.release).only_enforce_if(both)
                    # R10: loading and unloading take a working slot; ground time away from
                    # home takes a parking place.
                    gb = m.new_int_var(0, H, f"gb_{sn}")
                    ga = m.new_int_var(0, H, f"ga_{sn}")
                    m.add(gb == dep - posarr).only_enforce_if(x)
                    m.add(ga == leave - arr).only_enforce_if(x)
                    for i, p in enumerate(pairs):
                        working[p.a].append(
                            m.new_optional_fixed_size_interval_var(dep - svc_a[i], svc_a[i], z[i], f"wl_{sn}_{i}")
                        )
                        working[p.b].append(m.new_optional_fixed_size_interval_var(arr, svc_b[i], z[i], f"wu_{sn}_{i}"))
                        if p.a != home:
                            parking[p.a].append(m.new_optional_interval_var(posarr, gb, dep, z[i], f"pb_{sn}_{i}"))
                        if p.b != home:
                            parking[p.b].append(m.new_optional_interval_var(arr, ga, leave, z[i], f"pa_{sn}_{i}"))
                    self.sortie_loads(s, net, pairs, users, svc_a, svc_b)
                    ac.sorties.append(s)
                # The return home after the last sortie lands within the horizon.
                for k, s in enumerate(ac.sorties):
                    nxt = ac.sorties[k + 1].x if k + 1 < len(ac.sorties) else None
                    last = s.x
                    if nxt is not None:
                        last = m.new_bool_var(f"last_{name}_{k}")
                        m.add_bool_and([s.x, ~nxt]).only_enforce_if(last)
                        m.add_bool_or([~s.x, nxt, last])
                    for i, rp in enumerate(back_home):
                        m.add(s.leave + rp.minutes <= H).only_enforce_if([last, s.z[i]])
                        if rp.release:
                            m.add(s.leave >= rp.release).only_enforce_if([last, s.z[i]])
                # Aircraft of one type are interchangeable: the earlier ones fly at least as
                # many sorties.
                count = sum(s.x for s in ac.sorties)
                if prev_count is not None:
                    m.add(prev_count >= count)
                prev_count = count
                self.aircraft.append(ac)
        for af, ivs in working.items():
            m.add_cumulative(ivs, [1] * len(ivs), int(sc.nodes[af].get("working") or 0))
        for af, ivs in parking.items():
            m.add_cumulative(ivs, [1] * len(ivs), int(sc.nodes[af].get("parking") or 0))

    def build_shuttles(self) -> None:
        """The reduced air model. Each aircraft is given one airfield pair (the best pair of the
        units that fly it, aircraft shared out by the sorties those units would need), and a
        few campaigns on it: n consecutive sorties at a fixed cycle, all for one unit chosen
        among a handful of candidates, its load packed into the sorties by class (see pack)."""
        sc, m, args = self.sc, self.m, self.args
        H = self.H
        working: dict[str, list[Any]] = defaultdict(list)
        parking: dict[str, list[Any]] = defaultdict(list)
        self.notes.append(
            "aircraft shuttle on one airfield pair each, in campaigns of consecutive sorties for one unit"
        )
        for net in self.nets:
            t = net.raw
            home = t["home"]
            by_pair: dict[tuple[str, str], list[tuple[Unit, int, int]]] = defaultdict(list)
            pair_of = {(p.a, p.b): p for p in net.pairs}
            for unit in self.units:
                best = None
                for oi, o in enumerate(unit.air):
                    p = pair_of.get((o.a, o.b))
                    if p is None:
                        continue
                    rp = [net.repos.get((home, p.a)), net.repos.get((p.b, p.a)), net.repos.get((p.b, home))]
                    if any(r is None for r in rp):
                        continue
                    score = o.pre_arrive + net.service(sc, p.a) + p.minutes + net.service(sc, p.b) + o.post_minutes
                    if best is None or score < best[0]:
                        best = (score, oi)
                need = self.slots_needed(unit, net)
                if best is not None and need > 0:
                    by_pair[(unit.air[best[1]].a, unit.air[best[1]].b)].append((unit, best[1], need))
            if not by_pair or int(t["count"]) <= 0:
                continue
            # Share the aircraft out over the pairs by the sorties their units would need.
            pairs = sorted(by_pair, key=lambda k: -sum(n for _, _, n in by_pair[k]))
            count = int(t["count"])
            total = sum(sum(n for _, _, n in by_pair[k]) for k in pairs)
            share = {k: 0 for k in pairs}
            for k in pairs[:count]:
                share[k] = 1
            left = count - sum(share.values())
            while left > 0:
                k = max(pairs, key=lambda k: sum(n for _, _, n in by_pair[k]) / total - share[k] / count)
                share[k] += 1
                left -= 1
            n_ac = 0
            for k in pairs:
                p = pair_of[k]
                users = sorted(by_pair[k], key=lambda x: -x[2])
                svc_a, svc_b = net.service(sc, p.a), net.service(sc, p.b)
                to_a, b_to_a, b_home = net.repos[(home, p.a)], net.repos[(p.b, p.a)], net.repos[(p.b, home)]
                assert to_a is not None and b_to_a is not None and b_home is not None
                cycle = p.minutes + svc_b + b_to_a.minutes + svc_a
                n_max = max(1, min(args.campaign_sorties, max(n for _, _, n in users), H // max(1, cycle)))
                # Units that cannot drive all of their people need a campaign each somewhere.
                must = sum(
                    1
                    for unit, _, _ in users
                    if "road" not in unit.raw["modes"]
                    or int(unit.raw["personnel"]) > sum(int(c["count"]) for c in unit.classes) * int(unit.raw["seats_per_vehicle"])
                )
                n_camp = min(max(args.campaigns, -(-must // max(1, share[k])) + 1), len(users))
                slots = share[k] * n_camp
                for a in range(share[k]):
                    n_ac += 1
                    name = f"{t['id']}#{n_ac}"
                    sh = Shuttle(name, net, p, svc_a, svc_b, cycle, to_a, b_to_a, b_home, [])
                    for j in range(n_camp):
                        # Candidates: a window of the pair's units, shifted from slot to slot.
                        slot = a * n_camp + j
                        first = (slot * len(users)) // max(1, slots)
                        # Every unit is a candidate somewhere when the windows cover them all.
                        group = max(args.group, -(-len(users) // max(1, slots)))
                        cands = [users[(first + i) % len(users)] for i in range(min(group, len(users)))]
                        self.campaign(sh, j, cands, n_max, working, parking, home)
                    self.shuttles.append(sh)
        for af, ivs in working.items():
            m.add_cumulative(ivs, [1] * len(ivs), int(sc.nodes[af].get("working") or 0))
        for af, ivs in parking.items():
            m.add_cumulative(ivs, [1] * len(ivs), int(sc.nodes[af].get("parking") or 0))

    def campaign(self, sh: Shuttle, j: int, cands, n_max: int, working, parking, home: str) -> None:
        m, H, net, p = self.m, self.H, sh.net, sh.pair
        t = net.raw
        name = f"{sh.name}_c{j}"
        x = m.new_bool_var(f"x_{name}")
        dep = m.new_int_var(0, H, f"dep_{name}")
        n = m.new_int_var(0, n_max, f"n_{name}")
        m.add(n >= 1).only_enforce_if(x)
        m.add(n == 0).only_enforce_if(~x)
        end = dep + sh.cycle * n - sh.cycle + p.minutes  # landing of the last sortie
        if p.release:
            m.add(dep >= p.release).only_enforce_if(x)
        if sh.b_to_a.release:
            m.add(dep + p.minutes + sh.svc_b >= sh.b_to_a.release).only_enforce_if(x)
        if j == 0:
            # From home, leaving no earlier than the aircraft is available.
            first = dep - sh.svc_a - sh.to_a.minutes
            m.add(first >= max(int(t.get("available") or 0), sh.to_a.release)).only_enforce_if(x)
        else:
            prev = sh.campaigns[-1]
            m.add_implication(x, prev.x)
            prev_end = prev.dep + sh.cycle * prev.n - sh.cycle + p.minutes
            back = m.new_int_var(0, H, f"back_{name}")
            m.add(back == prev_end + sh.svc_b + sh.b_to_a.minutes).only_enforce_if(x)
            m.add(dep - sh.svc_a >= back).only_enforce_if(x)
            if p.a != home:
                wait = m.new_int_var(0, H, f"wait_{name}")
                m.add(wait == dep - sh.svc_a - back).only_enforce_if(x)
                parking[p.a].append(m.new_optional_interval_var(back, wait, dep - sh.svc_a, x, f"pw_{name}"))
        # The return home after the last campaign lands within the horizon.
        m.add(end + sh.svc_b + sh.b_home.minutes <= H).only_enforce_if(x)
        # R10: each sortie's loading at A and unloading at B take a working slot (and, away
        # from home, a parking place: the shuttle is on the ground exactly then).
        prev_b = None
        for i in range(n_max):
            b = x if i == 0 else m.new_bool_var(f"b_{name}_{i}")
            if i > 0:
                m.add(n >= i + 1).only_enforce_if(b)
                m.add(n <= i).only_enforce_if(~b)
                m.add_implication(b, prev_b)
            prev_b = b
            off = i * sh.cycle
            wl = m.new_optional_fixed_size_interval_var(dep + (off - sh.svc_a), sh.svc_a, b, f"wl_{name}_{i}")
            wu = m.new_optional_fixed_size_interval_var(dep + (off + p.minutes), sh.svc_b, b, f"wu_{name}_{i}")
            working[p.a].append(wl)
            working[p.b].append(wu)
            if p.a != home:
                parking[p.a].append(wl)
            if p.b != home:
                parking[p.b].append(wu)
        c = Campaign(x, dep, n, {})
        ys, counts = [], []
        seats, payload, pax = int(t["seats"]), net.payload_kg, net.pax_kg
        for unit, oi, _ in cands:
            u = unit.raw
            o = unit.air[oi]
            ld = self.load_vars(
                unit, f"{u['id']}_{name}", allow_class=lambda cl: (not cl.get("outsize")) or bool(t.get("outsize"))
            )
            n0 = m.new_int_var(0, n_max, f"n0_{u['id']}_{name}")
            nc: dict[str, Any] = {}
            cap_p = seats * n0
            cap_m = payload * n0
            for cl in unit.classes:
                k, q, r = pattern(net, cl, seats, pax)
                nv = m.new_int_var(0, n_max if k else 0, f"nc_{u['id']}_{name}_{cl['class']}")
                nc[cl["class"]] = nv
                m.add(ld.v[cl["class"]] <= k * nv)
                # Each vehicle sortie carries at least one vehicle.
                m.add(nv <= ld.v[cl["class"]])
                cap_p += q * nv
                cap_m += r * nv
            m.add(ld.p <= cap_p)
            m.add(pax * ld.p + ld.g <= cap_m)
            # Each sortie with no vehicles carries someone or something.
            m.add(n0 <= ld.p + ld.g)
            cnt = n0 + sum(nc.values())
            m.add(cnt <= n_max * ld.y)
            counts.append(cnt)
            ys.append(ld.y)
            if len(o.pre.path) > 1:
                m.add(dep - sh.svc_a >= o.pre_arrive).only_enforce_if(ld.y)
            else:
                m.add(dep >= int(u["ready"])).only_enforce_if(ld.y)
            if o.release:
                m.add(dep >= o.release).only_enforce_if(ld.y)
            if len(o.post.path) > 1:
                m.add(self.Cu[unit.idx] >= end + sh.svc_b + o.post_minutes).only_enforce_if(ld.y)
                if o.post_release:
                    m.add(self.Cu[unit.idx] >= o.post_release + o.post_minutes).only_enforce_if(ld.y)
            else:
                m.add(self.Cu[unit.idx] >= end).only_enforce_if(ld.y)
            c.loads[unit.idx] = CampaignLoad(ld, oi, n0, nc)
        m.add(sum(ys) == x)
        m.add(sum(counts) == n)
        sh.campaigns.append(c)

    def slots_needed(self, unit: Unit, net: TypeNet) -> int:
        """Sorties this type would need to fly the unit's personnel, each vehicle class and its
        cargo each on flights of their own: no sensible plan flies more of them on one
        aircraft."""
        u, t = unit.raw, net.raw
        n = 0
        per = min(int(t["seats"]), net.payload_kg // max(1, net.pax_kg))
        if int(u["personnel"]) and per:
            n += -(-int(u["personnel"]) // per)
        for c in unit.classes:
            w = kg_up(float(c["weight_t"]))
            if c.get("outsize") and not t.get("outsize"):
                continue
            fit = net.payload_kg // max(1, w)
            if fit:
                n += -(-int(c["count"]) // fit)
        if unit.cargo_kg and net.payload_kg:
            n += -(-unit.cargo_kg // net.payload_kg)
        return n

    def sortie_loads(self, s: Sortie, net: TypeNet, pairs: list[Pair], users, svc_a, svc_b) -> None:
        m, t = self.m, net.raw
        seats, payload = int(t["seats"]), net.payload_kg
        ps, masses, ys = [], [], []
        for ui, per_pair in users.items():
            unit = self.units[ui]
            u = unit.raw
            ld = self.load_vars(
                unit,
                f"{u['id']}_{t['id']}_{s.aircraft}_{s.k}",
                allow_class=lambda c: (not c.get("outsize")) or bool(t.get("outsize")),
            )
            ps.append(ld.p)
            masses.append(
                net.pax_kg * ld.p + sum(kg_up(float(c["weight_t"])) * ld.v[c["class"]] for c in unit.classes) + ld.g
            )
            ys.append(ld.y)
            m.add_implication(ld.y, s.x)
            for i, oi in enumerate(per_pair):
                if oi < 0:
                    m.add_bool_or([~ld.y, ~s.z[i]])
                    continue
                o = unit.air[oi]
                both = [ld.y, s.z[i]]
                # R8: the feeder arrives before loading; pending transit for the unit; the
                # unit arrives after unloading and its feeder from the airfield.
                if len(o.pre.path) > 1:
                    m.add(s.dep - svc_a[i] >= o.pre_arrive).only_enforce_if(both)
                else:
                    m.add(s.dep >= int(u["ready"])).only_enforce_if(both)
                if o.release:
                    m.add(s.dep >= o.release).only_enforce_if(both)
                if len(o.post.path) > 1:
                    m.add(self.Cu[ui] >= s.arr + svc_b[i] + o.post_minutes).only_enforce_if(both)
                    if o.post_release:
                        m.add(self.Cu[ui] >= o.post_release + o.post_minutes).only_enforce_if(both)
                else:
                    m.add(self.Cu[ui] >= s.arr).only_enforce_if(both)
            s.loads[ui] = (ld, per_pair)
        # R8: the loads fit the aircraft.
        m.add(sum(ps) <= seats * s.x)
        m.add(sum(masses) <= payload * s.x)
        # R9: a loaded flight carries at least one movement.
        m.add_bool_or(ys + [~s.x])


def pattern(net: TypeNet, cl: dict[str, Any], seats: int, pax_kg: int) -> tuple[int, int, int]:
    """A sortie of this type carrying vehicles of one class: (vehicles it takes at most, people
    and kilograms of mass left beside a full load of them). 0 vehicles when the class does not
    fit or is outsize for the type."""
    w = kg_up(float(cl["weight_t"]))
    if cl.get("outsize") and not net.raw.get("outsize"):
        return 0, 0, 0
    k = net.payload_kg // max(1, w)
    if k == 0:
        return 0, 0, 0
    r = net.payload_kg - k * w
    return k, min(seats, r // max(1, pax_kg)), r


def pack(
    net: TypeNet, unit: Unit, p: int, v: dict[str, int], g: int, n0: int, nc: dict[str, int]
) -> list[tuple[int, dict[str, int], int]]:
    """Packs a campaign's load into its sorties: vehicles of each class spread evenly over that
    class's sorties, then people into the seats and mass left, then cargo; sorties without
    vehicles get someone or something first. The model's capacity constraints make this
    always fit (see Builder.campaign)."""
    t = net.raw
    seats, payload, pax = int(t["seats"]), net.payload_kg, net.pax_kg
    sorties: list[list[Any]] = []  # [personnel, vehicles, cargo kg, mass kg]
    for cl in unit.classes:
        name = cl["class"]
        k = nc.get(name, 0)
        if k == 0:
            continue
        w = kg_up(float(cl["weight_t"]))
        base, extra = divmod(v[name], k)
        for i in range(k):
            cnt = base + (1 if i < extra else 0)
            sorties.append([0, {name: cnt}, 0, cnt * w])
    free = [[0, {}, 0, 0] for _ in range(n0)]
    # Someone or something on every sortie without vehicles first.
    for s in free:
        if p > 0:
            s[0] += 1
            s[3] += pax
            p -= 1
        elif g > 0:
            s[2] += 1
            s[3] += 1
            g -= 1
    sorties = free + sorties
    for s in sorties:
        room = min(seats - s[0], (payload - s[3]) // max(1, pax))
        take = max(0, min(p, room))
        s[0] += take
        s[3] += take * pax
        p -= take
    for s in sorties:
        take = max(0, min(g, payload - s[3]))
        s[2] += take
        s[3] += take
        g -= take
    if p or g:
        raise RuntimeError(f"{unit.raw['id']}: campaign load does not pack ({p} people, {g} kg left)")
    return [(s[0], s[1], s[2]) for s in sorties]


class Infeasible(Exception):
    """The scenario has a unit no modelled mode can move."""


def unit_wagons(unit: Unit, ppw: int, cpw_kg: int) -> int:
    u = unit.raw
    w = sum(int(c["count"]) for c in unit.classes) + -(-int(u["personnel"]) // max(1, ppw))
    if cpw_kg:
        w += -(-unit.cargo_kg // cpw_kg)
    return w


# ---------------------------------------------------------------------------------------------
# Solving: closure, then weighted lateness, then sorties


STATUS = {
    cp_model.OPTIMAL: "OPTIMAL",
    cp_model.FEASIBLE: "FEASIBLE",
    cp_model.INFEASIBLE: "INFEASIBLE",
    cp_model.MODEL_INVALID: "MODEL_INVALID",
    cp_model.UNKNOWN: "UNKNOWN",
}


class Counter(cp_model.CpSolverSolutionCallback):
    """Counts the improving solutions CP-SAT reports (the plan's `search.candidates`)."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0
        self.done = False

    def on_solution_callback(self) -> None:
        self.count += 1


def stop_when_found(solver: cp_model.CpSolver, counter: Counter, at: float) -> None:
    """Stops the search once past `at` and a plan has been found."""
    while not counter.done:
        if time.monotonic() >= at and counter.count > 0:
            solver.stop_search()
            return
        time.sleep(0.1)


@dataclass
class Outcome:
    status: str  # of the closure phase
    phases: dict[str, str]
    seconds: dict[str, float]
    solution: Optional[list[int]]
    closure: Optional[int]
    bound: Optional[int]
    solutions: int


def solve(b: Builder, deadline: float, workers: int, seed: int, log: bool, phases_to_run: int = 3) -> Outcome:
    m = b.m
    objectives = [("closure", b.C), ("weighted_lateness", b.wl), ("sorties", b.sorties_expr)][:phases_to_run]
    shares = [0.7, 0.6, 1.0]
    sol: Optional[list[int]] = None
    status0, bound, closure = "UNKNOWN", None, None
    phases: dict[str, str] = {}
    seconds: dict[str, float] = {}
    solutions = 0
    for (name, obj), share in zip(objectives, shares):
        remaining = deadline - time.monotonic()
        if remaining <= 0.05:
            phases[name] = "not run (time limit)"
            if sol is None:
                break
            continue
        m.minimize(obj)
        if sol is not None:
            # Start from the previous phase's plan: it stays feasible under the new bound.
            m.clear_hints()
            proto = m.Proto()
            proto.solution_hint.vars.extend(range(len(sol)))
            proto.solution_hint.values.extend(sol)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.05, remaining * share)
        solver.parameters.num_workers = workers
        solver.parameters.random_seed = seed
        if not b.full:
            # Large models: less presolve probing, so that the search gets the time.
            solver.parameters.cp_model_probing_level = 1
        solver.parameters.log_search_progress = log
        if log:
            solver.parameters.log_to_stdout = False
            solver.log_callback = lambda line: print(line, file=sys.stderr)
        counter = Counter()
        t_phase = time.monotonic()
        if sol is None:
            # The first phase may run to the deadline while it has no plan: past its share it
            # stops at the first plan it has, leaving the rest to the later phases.
            solver.parameters.max_time_in_seconds = max(0.05, remaining)
            watch = threading.Thread(target=stop_when_found, args=(solver, counter, t_phase + remaining * share), daemon=True)
            watch.start()
        st = solver.solve(m, counter)
        counter.done = True
        seconds[name] = round(time.monotonic() - t_phase, 3)
        solutions += counter.count
        label = STATUS.get(st, "UNKNOWN")
        phases[name] = label
        if st in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            sol = list(solver.response_proto.solution)
            value = round(solver.objective_value)
            if name == "closure":
                status0 = label
                closure = value
                bound = math.ceil(solver.best_objective_bound - 1e-6)
            # The later phases keep this objective at least as good.
            m.add(obj <= value)
        else:
            if name == "closure":
                status0 = label
                if st == cp_model.INFEASIBLE:
                    bound = None
            break
    return Outcome(status0, phases, seconds, sol, closure, bound, solutions)


# ---------------------------------------------------------------------------------------------
# The plan


class PlanWriter:
    """Reads a solution into the planner's plan format."""

    def __init__(self, b: Builder, sol: list[int]) -> None:
        self.b = b
        self.sc = b.sc
        self.sol = sol

    def v(self, var: Any) -> int:
        return self.sol[var.Index()]

    def write(self, outcome: Outcome, seed: int, elapsed_ms: int) -> dict[str, Any]:
        sc, b = self.sc, self.b
        movements: list[dict[str, Any]] = []
        flights: list[dict[str, Any]] = []
        trains: list[dict[str, Any]] = []
        arrivals: dict[int, list[int]] = defaultdict(list)
        cargo: dict[int, list[tuple[dict[str, Any], int]]] = defaultdict(list)
        last_by: list[tuple[int, str, str]] = []  # (arrival, binding kind, id)

        def add_movement(unit: Unit, mode: str, ld: Any, legs: list[dict[str, Any]], why: tuple[str, str]) -> str:
            """`ld` is a Load of the model or (personnel, {class: count}, cargo kg)."""
            if isinstance(ld, Load):
                pers, veh, g = self.v(ld.p), {c: self.v(x) for c, x in ld.v.items()}, self.v(ld.g)
            else:
                pers, veh, g = ld
            mid = f"M{len(movements) + 1:04d}"
            vehicles = [{"class": c["class"], "count": veh.get(c["class"], 0)} for c in unit.classes if veh.get(c["class"], 0) > 0]
            load: dict[str, Any] = {"personnel": pers, "cargo_t": g / KG}
            if vehicles:
                load["vehicles"] = vehicles
            mv = {"id": mid, "unit": unit.raw["id"], "mode": mode, "load": load, "legs": legs}
            movements.append(mv)
            cargo[unit.idx].append((load, g))
            arrivals[unit.idx].append(legs[-1]["arrive"])
            last_by.append((legs[-1]["arrive"], why[0], why[1]))
            return mid

        def road_legs(path_legs: list[tuple[str, str, int, int]]) -> list[dict[str, Any]]:
            return [
                {"mode": "road", "from": a, "to": c, "depart": d, "arrive": e, "states": sc.ground_states(a, c)}
                for a, c, d, e in path_legs
            ]

        # Road columns.
        for slot in b.road:
            if not self.v(slot.load.y):
                continue
            unit = b.units[slot.unit]
            r = slot.route
            legs: list[dict[str, Any]] = []
            waited = False
            for i, (a, c) in enumerate(zip(r.path, r.path[1:])):
                if i in slot.cross:
                    s, size, e = (self.v(x) for x in slot.cross[i])
                    waited |= s > legs[-1]["arrive"]
                    legs.append({"mode": "crossing", "from": a, "to": a, "depart": s, "arrive": e, "states": []})
                d = self.v(slot.dep[i])
                legs.append(
                    {"mode": "road", "from": a, "to": c, "depart": d, "arrive": d + r.drives[i], "states": sc.ground_states(a, c)}
                )
            crossing = next(iter(r.crossings.values()), "")
            why = ("crossing", crossing) if waited else ("route", unit.raw["id"])
            add_movement(unit, "road", slot.load, legs, why)

        # Trains.
        rr = sc.rail or {}
        for ts in b.trains:
            if not self.v(ts.x):
                continue
            line = b.lines[ts.line]
            tid = f"T{len(trains) + 1:03d}"
            dep = self.v(ts.dep)
            arr = dep + line.minutes
            for ui, (ld, oi, _, _) in ts.loads.items():
                if not self.v(ld.y):
                    continue
                unit = b.units[ui]
                o = unit.rail[oi]
                u = unit.raw
                legs = road_legs(schedule_road(sc, u, o.pre.path, int(u["ready"]), unit.exempt).legs)  # type: ignore[union-attr]
                for (a, c), off in zip(zip(line.path, line.path[1:]), line.offsets):
                    legs.append(
                        {
                            "mode": "rail",
                            "from": a,
                            "to": c,
                            "depart": dep + off,
                            "arrive": dep + off + sc.rail_adj[a][c],
                            "by": tid,
                            "states": sc.ground_states(a, c),
                        }
                    )
                if len(o.post.path) > 1:
                    start = max(arr + int(rr["unload_min"]), o.post_release)
                    legs += road_legs(schedule_road(sc, u, o.post.path, start, unit.exempt).legs)  # type: ignore[union-attr]
                add_movement(unit, "rail", ld, legs, ("rail", line.path[0]))
            trains.append({"id": tid, "from": line.path[0], "to": line.path[-1], "depart": dep, "arrive": arr, "wagons": 0})

        # Aircraft: positioning, loaded and return flights.
        for ai, ac in enumerate(b.aircraft):
            home = ac.net.raw["home"]
            flown = [s for s in ac.sorties if self.v(s.x)]
            if not flown:
                continue
            loc = home
            leave = self.v(ac.start)
            for s in flown:
                i = next(i for i, z in enumerate(s.z) if self.v(z))
                p = ac.pairs[i]
                self.hops(flights, ac, loc, p.a, leave)
                fid = f"F{len(flights) + 1:04d}"
                dep, arr = self.v(s.dep), self.v(s.arr)
                flights.append(
                    {
                        "id": fid,
                        "aircraft": ac.name,
                        "from": p.a,
                        "to": p.b,
                        "depart": dep,
                        "arrive": arr,
                        "loaded": True,
                        "states": sc.air_states(p.a, p.b),
                    }
                )
                for ui, (ld, per_pair) in s.loads.items():
                    if not self.v(ld.y):
                        continue
                    unit = b.units[ui]
                    u = unit.raw
                    o = unit.air[per_pair[i]]
                    legs = road_legs(schedule_road(sc, u, o.pre.path, int(u["ready"]), unit.exempt).legs)  # type: ignore[union-attr]
                    legs.append(
                        {"mode": "air", "from": p.a, "to": p.b, "depart": dep, "arrive": arr, "by": fid, "states": sc.air_states(p.a, p.b)}
                    )
                    if len(o.post.path) > 1:
                        start = max(arr + ac.svc_b[i], o.post_release)
                        legs += road_legs(schedule_road(sc, u, o.post.path, start, unit.exempt).legs)  # type: ignore[union-attr]
                    add_movement(unit, "air", ld, legs, ("fleet", ac.net.raw["id"]))
                loc = p.b
                leave = self.v(s.leave)
            self.hops(flights, ac, loc, home, leave)

        # Shuttling aircraft of the reduced model.
        for sh in b.shuttles:
            flown = [c for c in sh.campaigns if self.v(c.x)]
            if not flown:
                continue
            p = sh.pair
            home = sh.net.raw["home"]
            first = self.v(flown[0].dep) - sh.svc_a - sh.to_a.minutes
            self.path_flights(flights, sh.name, sh.to_a, first)
            for ci, c in enumerate(flown):
                n = self.v(c.n)
                dep0 = self.v(c.dep)
                ui, cl = next((ui, cl) for ui, cl in c.loads.items() if self.v(cl.load.y))
                unit = b.units[ui]
                u = unit.raw
                o = unit.air[cl.option]
                ld = cl.load
                loads = pack(
                    sh.net,
                    unit,
                    self.v(ld.p),
                    {k: self.v(x) for k, x in ld.v.items()},
                    self.v(ld.g),
                    self.v(cl.n0),
                    {k: self.v(x) for k, x in cl.nc.items()},
                )
                assert len(loads) == n, (len(loads), n)
                pre = schedule_road(sc, u, o.pre.path, int(u["ready"]), unit.exempt)
                assert pre is not None
                for i, (pers, veh, g) in enumerate(loads):
                    dep = dep0 + i * sh.cycle
                    arr = dep + p.minutes
                    fid = f"F{len(flights) + 1:04d}"
                    flights.append(
                        {
                            "id": fid,
                            "aircraft": sh.name,
                            "from": p.a,
                            "to": p.b,
                            "depart": dep,
                            "arrive": arr,
                            "loaded": True,
                            "states": sc.air_states(p.a, p.b),
                        }
                    )
                    legs = road_legs(pre.legs)
                    legs.append(
                        {"mode": "air", "from": p.a, "to": p.b, "depart": dep, "arrive": arr, "by": fid, "states": sc.air_states(p.a, p.b)}
                    )
                    if len(o.post.path) > 1:
                        start = max(arr + sh.svc_b, o.post_release)
                        legs += road_legs(schedule_road(sc, u, o.post.path, start, unit.exempt).legs)  # type: ignore[union-attr]
                    add_movement(unit, "air", (pers, veh, g), legs, ("fleet", sh.net.raw["id"]))
                    last = ci == len(flown) - 1 and i == n - 1
                    if last:
                        self.path_flights(flights, sh.name, sh.b_home, max(arr + sh.svc_b, sh.b_home.release))
                    else:
                        self.path_flights(flights, sh.name, sh.b_to_a, arr + sh.svc_b)

        # Wagons per train from the movements' loads as written.
        if trains:
            ppw = int(rr["personnel_per_wagon"])
            cpw = float(rr["cargo_t_per_wagon"])
            self.fix_cargo(cargo)
            by_train: dict[str, int] = defaultdict(int)
            for mv in movements:
                for leg in mv["legs"]:
                    if leg["mode"] == "rail":
                        ld = mv["load"]
                        w = sum(x["count"] for x in ld.get("vehicles", []))
                        w += -(-ld["personnel"] // ppw)
                        w += math.ceil(ld["cargo_t"] / cpw - 1e-9) if ld["cargo_t"] > 0 else 0
                        by_train[leg["by"]] += w
                        break
            for tr in trains:
                tr["wagons"] = by_train[tr["id"]]
        else:
            self.fix_cargo(cargo)

        # Figures.
        units_out = []
        wl = 0
        for unit in b.units:
            u = unit.raw
            cl = max(arrivals[unit.idx]) if arrivals[unit.idx] else int(u["ready"])
            late = max(0, cl - int(u["rdd"]))
            wl += int(u["priority"]) * late
            units_out.append({"unit": u["id"], "closure": cl, "rdd": int(u["rdd"]), "late": late})
        closure = max((x["closure"] for x in units_out), default=0)
        bound = outcome.bound if outcome.bound is not None else 0
        bound = min(bound, closure)
        gap = (closure - bound) / bound if bound > 0 else 0.0
        _, kind, bid = max(last_by) if last_by else (0, "route", "")
        text = {
            "route": f"limited by the route of unit {bid}",
            "crossing": f"limited by the crossing {bid}",
            "fleet": f"limited by the fleet of type {bid}",
            "rail": f"limited by the rail paths of railhead {bid}",
        }[kind]
        sorties = sum(1 for f in flights if f["loaded"])
        return {
            "scenario": sc.name,
            "seed": seed,
            "closure": closure,
            "lower_bound": bound,
            "gap": gap,
            "bounds": self.bounds(outcome, bound),
            "binding": {"kind": kind, "id": bid, "text": text},
            "weighted_lateness": wl,
            "sorties": sorties,
            "units": units_out,
            "movements": movements,
            "flights": flights,
            "trains": trains,
            "search": {
                "candidates": outcome.solutions,
                "elapsed_ms": elapsed_ms,
                "stopped": any(v != "OPTIMAL" for v in outcome.phases.values()),
            },
        }

    def bounds(self, outcome: Outcome, bound: int) -> list[dict[str, Any]]:
        b = self.b
        out = [{"kind": "critical_path", "value": b.lb, "detail": b.lb_detail or "every unit's ready time"}]
        if b.exact:
            out.append(
                {
                    "kind": "cpsat",
                    "value": bound,
                    "detail": f"CP-SAT's best objective bound on the closure ({outcome.status.lower()})",
                }
            )
        return out

    def hops(self, flights: list[dict[str, Any]], ac: Aircraft, a: str, c: str, leave: int) -> None:
        """Empty flights from a to c along the type's fastest path, leaving at `leave`."""
        if a == c:
            return
        rp = ac.net.repos[(a, c)]
        assert rp is not None
        self.path_flights(flights, ac.name, rp, leave)

    def path_flights(self, flights: list[dict[str, Any]], aircraft: str, rp: Reposition, leave: int) -> None:
        """The empty flights of a positioning path, one hop after the other from `leave`."""
        t = leave
        for h in rp.hops:
            flights.append(
                {
                    "id": f"F{len(flights) + 1:04d}",
                    "aircraft": aircraft,
                    "from": h.a,
                    "to": h.b,
                    "depart": t,
                    "arrive": t + h.minutes,
                    "loaded": False,
                    "states": self.sc.air_states(h.a, h.b),
                }
            )
            t += h.minutes

    def fix_cargo(self, cargo: dict[int, list[tuple[dict[str, Any], int]]]) -> None:
        """Makes each unit's cargo add up exactly: the movement with the most takes the
        remainder of the modelled whole kilograms (never more than it was modelled with)."""
        for ui, lst in cargo.items():
            total = float(self.b.units[ui].raw.get("cargo_t") or 0.0)
            if not lst:
                continue
            big = max(range(len(lst)), key=lambda j: lst[j][1])
            rest = sum(lst[j][1] for j in range(len(lst)) if j != big) / KG
            lst[big][0]["cargo_t"] = max(0.0, total - rest)


# ---------------------------------------------------------------------------------------------
# Command line


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("scenario", help="scenario JSON")
    ap.add_argument("--output", "-o", help="where to write the plan JSON")
    ap.add_argument("--time-limit", type=float, default=60.0, help="seconds for the whole run (default 60)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="CP-SAT workers (default: all cores)")
    ap.add_argument("--seed", type=int, default=1, help="CP-SAT random seed")
    ap.add_argument("--routes", type=int, default=8, help="road routes per unit (k shortest)")
    ap.add_argument("--rail-lines", type=int, default=3, help="rail paths per railhead pair (k shortest)")
    ap.add_argument("--columns", type=int, default=0, help="road columns per unit and route (0: 2 up to 6 units, else 1)")
    ap.add_argument("--max-sorties", type=int, default=400, help="sortie slots per aircraft at most")
    ap.add_argument("--max-trains", type=int, default=200, help="train slots per line at most")
    ap.add_argument("--full-sorties", type=int, default=150, help="sortie slots up to which the full model is used")
    ap.add_argument("--reduced", action="store_true", help="use the reduced model whatever the size")
    ap.add_argument("--campaigns", type=int, default=3, help="reduced model: campaigns per aircraft")
    ap.add_argument("--campaign-sorties", type=int, default=40, help="reduced model: sorties per campaign at most")
    ap.add_argument("--group", type=int, default=4, help="reduced model: candidate units per campaign")
    ap.add_argument("--max-size", type=int, default=1_500_000, help="rough budget of model variables for the sorties")
    ap.add_argument(
        "--phases",
        type=int,
        choices=(1, 2, 3),
        default=3,
        help="objectives to optimise in turn: 1 closure only, 2 and weighted lateness, 3 and sorties (default)",
    )
    ap.add_argument("--log", action="store_true", help="CP-SAT's search log on stderr")
    args = ap.parse_args(argv)
    t0 = time.monotonic()
    deadline = t0 + args.time_limit
    summary: dict[str, Any] = {"status": "UNKNOWN", "closure": None, "bound": None}
    try:
        with open(args.scenario) as f:
            sc = Scenario(json.load(f))
        b = Builder(sc, args)
        b.build()
        summary["model"] = {
            "variables": len(b.m.Proto().variables),
            "constraints": len(b.m.Proto().constraints),
            "build_s": round(time.monotonic() - t0, 3),
        }
        outcome = solve(b, deadline, max(1, args.workers), args.seed, args.log, args.phases)
        if not b.exact:
            # A reduced model's optimum and objective bound hold for the reduced model only:
            # its plan is a feasible plan, and the bound reported is the critical path.
            summary["model_status"] = outcome.status
            summary["model_bound"] = outcome.bound
            if outcome.status == "OPTIMAL":
                outcome.status = "FEASIBLE"
            outcome.bound = b.lb
            if outcome.status == "INFEASIBLE":
                outcome.status = "UNKNOWN"
                summary["reason"] = (
                    "the reduced model has no plan: its restrictions (routes, shuttles, trains per unit) "
                    "leave some unit no way within the horizon"
                )
            elif outcome.solution is None:
                summary["reason"] = "no plan found within the time limit"
        elif outcome.bound is not None:
            outcome.bound = max(outcome.bound, b.lb)
        summary["status"] = outcome.status
        summary["phases"] = outcome.phases
        summary["phase_s"] = outcome.seconds
        summary["bound"] = outcome.bound
        if outcome.solution is not None:
            plan = PlanWriter(b, outcome.solution).write(outcome, args.seed, int((time.monotonic() - t0) * 1000))
            summary["closure"] = plan["closure"]
            summary["weighted_lateness"] = plan["weighted_lateness"]
            summary["sorties"] = plan["sorties"]
            if args.output:
                with open(args.output, "w") as f:
                    json.dump(plan, f, indent=1)
        summary["exact"] = b.exact
        if b.notes:
            summary["simplifications"] = b.notes
    except Infeasible as e:
        summary["status"] = "INFEASIBLE"
        summary["reason"] = str(e)
    except MemoryError:
        summary["status"] = "UNKNOWN"
        summary["reason"] = "the model does not fit in memory"
    summary["wall_s"] = round(time.monotonic() - t0, 3)
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
