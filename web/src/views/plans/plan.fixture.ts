// A small plan and its scenario in the planner's own JSON (crates/crc-planner/src/plan.rs,
// scenario.rs), for the unit tests: a Russian airborne unit flown from Chkalovsky to Almaty
// in two lifts, a Kyrgyz battalion marching through the Korday crossing, and a Belarusian
// company by train. Figures are consistent with the rules of docs/planner.md.

import type { Plan, PlanDiff, PlanRecord, Scenario } from '../../api/planTypes';

export const scenario: Scenario = {
  name: 'January 2022',
  epoch: '2022-01-06T00:00:00Z',
  host: 'KAZ',
  destination: 'DEST',
  nodes: [
    { id: 'DEST', name: 'Almaty area', kind: 'destination', state: 'KAZ', lat: 43.25, lon: 76.95 },
    { id: 'UAAA', name: 'Almaty', kind: 'airfield', state: 'KAZ', lat: 43.35, lon: 77.04, runway_m: 4400, parking: 20, working: 4, handling_min: 30 },
    { id: 'UUMU', name: 'Chkalovsky', kind: 'airfield', state: 'RUS', lat: 55.88, lon: 38.06, runway_m: 4875, parking: 40, working: 6, handling_min: 30 },
    { id: 'UCFM', name: 'Manas', kind: 'airfield', state: 'KGZ', lat: 43.06, lon: 74.48, runway_m: 4200, parking: 10, working: 2, handling_min: 45 },
    { id: 'G-RUS1', name: 'Ivanovo', kind: 'garrison', state: 'RUS', lat: 57.0, lon: 40.97 },
    { id: 'G-KGZ1', name: 'Bishkek', kind: 'garrison', state: 'KGZ', lat: 42.87, lon: 74.59 },
    { id: 'G-BLR1', name: 'Vitebsk', kind: 'garrison', state: 'BLR', lat: 55.19, lon: 30.2 },
    { id: 'X-KOR', name: 'Korday', kind: 'crossing', state: 'KGZ', lat: 43.04, lon: 74.71, throughput_per_hour: 60 },
    { id: 'R-VIT', name: 'Vitebsk railhead', kind: 'railhead', state: 'BLR', lat: 55.2, lon: 30.21, paths_per_day: 4 },
    { id: 'R-ALA', name: 'Almaty-1', kind: 'railhead', state: 'KAZ', lat: 43.27, lon: 76.94, paths_per_day: 6 },
  ],
  legs: [
    { from: 'G-RUS1', to: 'UUMU', mode: 'road', km: 280 },
    { from: 'UUMU', to: 'UAAA', mode: 'air', km: 3150 },
    { from: 'UAAA', to: 'DEST', mode: 'road', km: 15 },
    { from: 'G-KGZ1', to: 'X-KOR', mode: 'road', km: 25 },
    { from: 'X-KOR', to: 'DEST', mode: 'road', km: 220 },
    { from: 'G-BLR1', to: 'R-VIT', mode: 'road', km: 3 },
    { from: 'R-VIT', to: 'R-ALA', mode: 'rail', km: 4600, minutes: 4800 },
    { from: 'R-ALA', to: 'DEST', mode: 'road', km: 4 },
    { from: 'UCFM', to: 'UAAA', mode: 'air', km: 230 },
    { from: 'UUMU', to: 'UCFM', mode: 'air', km: 3050, overflies: ['UZB'] },
  ],
  units: [
    { id: 'RUS-1', name: '45th airborne brigade (demo)', state: 'RUS', origin: 'G-RUS1', personnel: 300, vehicles: [{ class: 'BMD-2', count: 4, weight_t: 8 }], cargo_t: 10, ready: 0, rdd: 1440, priority: 8, modes: ['air', 'road'] },
    { id: 'KGZ-1', name: 'Kyrgyz battalion (demo)', state: 'KGZ', origin: 'G-KGZ1', personnel: 200, vehicles: [{ class: 'BTR-80', count: 20, weight_t: 14 }], cargo_t: 0, ready: 120, rdd: 720, priority: 5, modes: ['road'] },
    { id: 'BLR-1', name: 'Belarusian company (demo)', state: 'BLR', origin: 'G-BLR1', personnel: 100, vehicles: [{ class: 'MTLB', count: 10, weight_t: 12 }], cargo_t: 0, ready: 0, rdd: 4320, priority: 5, modes: ['rail'] },
  ],
  aircraft: [{ id: 'IL-76MD', state: 'RUS', payload_t: 40, seats: 150, home: 'UUMU', count: 2 }],
  transit: { UZB: { rule: 'refused' }, TKM: { rule: 'non_stop' }, CHN: { rule: 'pending', until: 2880 } },
};

export const plan: Plan = {
  scenario: 'January 2022',
  seed: 1,
  closure: 5190,
  lower_bound: 5100,
  gap: 90 / 5100,
  bounds: [
    { kind: 'critical_path', value: 5100, detail: 'unit BLR-1 cannot arrive before C+3d 13:00' },
    { kind: 'fleet', value: 990, detail: 'two IL-76MD carry RUS-1 in two sorties' },
  ],
  binding: { kind: 'rail', id: 'R-VIT', text: 'limited by the rail paths at Vitebsk railhead' },
  weighted_lateness: 5 * 870,
  sorties: 2,
  units: [
    { unit: 'RUS-1', closure: 990, rdd: 1440, late: 0 },
    { unit: 'KGZ-1', closure: 400, rdd: 720, late: 0 },
    { unit: 'BLR-1', closure: 5190, rdd: 4320, late: 870 },
  ],
  movements: [
    {
      id: 'M1', unit: 'RUS-1', mode: 'air',
      load: { personnel: 150, vehicles: [{ class: 'BMD-2', count: 4 }], cargo_t: 5 },
      legs: [
        { mode: 'road', from: 'G-RUS1', to: 'UUMU', depart: 0, arrive: 300, states: ['RUS'] },
        { mode: 'air', from: 'UUMU', to: 'UAAA', depart: 480, arrive: 780, by: 'F1', states: ['KAZ', 'RUS'] },
        { mode: 'road', from: 'UAAA', to: 'DEST', depart: 840, arrive: 870, states: ['KAZ'] },
      ],
    },
    {
      id: 'M2', unit: 'RUS-1', mode: 'air',
      load: { personnel: 150, cargo_t: 5 },
      legs: [
        { mode: 'road', from: 'G-RUS1', to: 'UUMU', depart: 0, arrive: 300, states: ['RUS'] },
        { mode: 'air', from: 'UUMU', to: 'UAAA', depart: 600, arrive: 900, by: 'F2', states: ['KAZ', 'RUS'] },
        { mode: 'road', from: 'UAAA', to: 'DEST', depart: 960, arrive: 990, states: ['KAZ'] },
      ],
    },
    {
      id: 'M3', unit: 'KGZ-1', mode: 'road',
      load: { personnel: 200, vehicles: [{ class: 'BTR-80', count: 20 }], cargo_t: 0 },
      legs: [
        { mode: 'road', from: 'G-KGZ1', to: 'X-KOR', depart: 120, arrive: 170, states: ['KGZ'] },
        { mode: 'crossing', from: 'X-KOR', to: 'X-KOR', depart: 170, arrive: 190, states: [] },
        { mode: 'road', from: 'X-KOR', to: 'DEST', depart: 190, arrive: 400, states: ['KAZ'] },
      ],
    },
    {
      id: 'M4', unit: 'BLR-1', mode: 'rail',
      load: { personnel: 100, vehicles: [{ class: 'MTLB', count: 10 }], cargo_t: 0 },
      legs: [
        { mode: 'road', from: 'G-BLR1', to: 'R-VIT', depart: 0, arrive: 60, states: ['BLR'] },
        { mode: 'rail', from: 'R-VIT', to: 'R-ALA', depart: 360, arrive: 5160, by: 'T1', states: ['BLR', 'KAZ', 'RUS'] },
        { mode: 'road', from: 'R-ALA', to: 'DEST', depart: 5160, arrive: 5190, states: ['KAZ'] },
      ],
    },
  ],
  flights: [
    { id: 'F1', aircraft: 'IL-76MD#1', from: 'UUMU', to: 'UAAA', depart: 480, arrive: 780, loaded: true, states: ['KAZ', 'RUS'] },
    { id: 'F2', aircraft: 'IL-76MD#2', from: 'UUMU', to: 'UAAA', depart: 600, arrive: 900, loaded: true, states: ['KAZ', 'RUS'] },
    { id: 'F3', aircraft: 'IL-76MD#1', from: 'UAAA', to: 'UUMU', depart: 900, arrive: 1200, loaded: false, states: ['KAZ', 'RUS'] },
    { id: 'F4', aircraft: 'IL-76MD#2', from: 'UAAA', to: 'UUMU', depart: 1020, arrive: 1320, loaded: false, states: ['KAZ', 'RUS'] },
  ],
  trains: [{ id: 'T1', from: 'R-VIT', to: 'R-ALA', depart: 360, arrive: 5160, wagons: 14 }],
  search: { candidates: 2000, elapsed_ms: 850, stopped: false },
};

export const record: PlanRecord = {
  id: 7,
  operation_id: 12,
  parent_id: null,
  changes: [],
  exercise: null,
  status: 'done',
  progress: null,
  summary: { closure: 5190, lower_bound: 5100, gap: 90 / 5100, sorties: 2, weighted_lateness: 4350, binding: plan.binding },
  error: null,
  epoch: '2022-01-06T00:00:00Z',
  created_by: 'planner',
  created_at: '2026-11-23T12:00:00Z',
  finished_at: '2026-11-23T12:00:01Z',
  version: 2,
};

/** Four more IL-76MD: the airborne unit closes earlier, flown in one lift. */
export const diff: PlanDiff = {
  closure_before: 5190,
  closure_after: 5190,
  closure_delta: 0,
  sorties: [2, 2],
  weighted_lateness: [4350, 4350],
  units: [
    { unit: 'RUS-1', before: 990, after: 870, modes_before: { air: 2 }, modes_after: { air: 2 } },
    { unit: 'KGZ-1', before: 400, after: 400, modes_before: { road: 1 }, modes_after: { air: 1, road: 1 } },
    { unit: 'NEW-1', before: null, after: 600, modes_before: {}, modes_after: { road: 1 } },
  ],
};
