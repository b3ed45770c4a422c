// What-if questions over a plan's scenario: which states, airfields, aircraft types and
// units a change may name (those the planner would accept: crates/crc-planner/src/whatif.rs
// refuses the host's refusal, losing an aircraft type's home, unknown names), the form's
// values turned into a change, and a change told in words. Pure, so it is tested.

import type { Change, ChangeKind, Scenario } from '../../api/planTypes';

export interface WhatIfOptions {
  /** States of the network other than the host, each once, sorted. */
  states: string[];
  /** Airfields that may be lost: every airfield that is no aircraft type's home. */
  airfields: { id: string; name: string }[];
  aircraft: { id: string; count: number }[];
  units: { id: string; name: string }[];
}

export function whatIfOptions(s: Scenario): WhatIfOptions {
  const states = new Set<string>();
  for (const n of s.nodes) if (n.kind !== 'crossing') states.add(n.state);
  for (const l of s.legs) for (const st of l.overflies ?? []) states.add(st);
  states.delete(s.host);
  const homes = new Set(s.aircraft.map((a) => a.home));
  return {
    states: [...states].sort(),
    airfields: s.nodes
      .filter((n) => n.kind === 'airfield' && !homes.has(n.id))
      .map((n) => ({ id: n.id, name: n.name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    aircraft: s.aircraft.map((a) => ({ id: a.id, count: a.count })),
    units: s.units.map((u) => ({ id: u.id, name: u.name })),
  };
}

/** What the form holds: the kind, the thing named, and a number (aircraft, or hours). */
export interface WhatIfForm {
  kind: ChangeKind;
  target: string;
  /** Aircraft to add (negative removes), or hours to move the ready time by. */
  amount: string;
}

export type FormProblem = 'target' | 'amount';

/** The change the form describes, or what is missing or wrong. */
export function changeOf(f: WhatIfForm): { change: Change } | { problem: FormProblem } {
  if (!f.target) return { problem: 'target' };
  const n = Number(f.amount.trim().replace(',', '.'));
  switch (f.kind) {
    case 'refuse_transit':
      return { change: { change: 'refuse_transit', state: f.target } };
    case 'lose_airfield':
      return { change: { change: 'lose_airfield', airfield: f.target } };
    case 'add_aircraft':
      if (!f.amount.trim() || !Number.isInteger(n) || n === 0 || Math.abs(n) > 1000) return { problem: 'amount' };
      return { change: { change: 'add_aircraft', aircraft: f.target, count: n } };
    case 'move_ready': {
      // Hours, as planners say it ("a day later" is 24); the planner counts minutes.
      if (!f.amount.trim() || !Number.isFinite(n) || n === 0 || Math.abs(n) > 24 * 60) return { problem: 'amount' };
      return { change: { change: 'move_ready', unit: f.target, minutes: Math.round(n * 60) } };
    }
  }
}

/** Message keys and values of a change, for the catalogue to word it. */
export function changeWords(c: Change): { key: `ch_${ChangeKind}`; vars: Record<string, string | number> } {
  switch (c.change) {
    case 'refuse_transit':
      return { key: 'ch_refuse_transit', vars: { state: c.state } };
    case 'lose_airfield':
      return { key: 'ch_lose_airfield', vars: { airfield: c.airfield } };
    case 'add_aircraft':
      return { key: 'ch_add_aircraft', vars: { aircraft: c.aircraft, n: c.count > 0 ? `+${c.count}` : `−${-c.count}` } };
    case 'move_ready': {
      const h = Math.round((c.minutes / 60) * 10) / 10;
      return { key: 'ch_move_ready', vars: { unit: c.unit, h: h > 0 ? `+${h}` : `−${-h}` } };
    }
  }
}
