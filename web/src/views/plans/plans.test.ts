import { describe, expect, it } from 'vitest';
import { closureCurve, shareAt, stepPath, timeToShare } from './curve';
import { diffRows, headlineTrend, modeList, modeText, trendOf } from './diff';
import { ganttDomain, ganttRows, linearScale, neighbour, scrollForZoom, ticks } from './gantt';
import { csvField, filterRows, movementRows, sortRows, toCsv } from './movements';
import { crossingsUsed, greatCircle, lineWidth, routeLines, transitNotes } from './planmap';
import { diff, plan, scenario } from './plan.fixture';
import { changeOf, changeWords, whatIfOptions } from './whatif';

describe('the closure curve', () => {
  const points = closureCurve(plan);

  it('steps up at each arrival by the share of personnel and vehicles that arrives', () => {
    expect(points.map((p) => p.t)).toEqual([0, 400, 870, 990, 5190]);
    // 600 personnel: the Kyrgyz 200 first, then 150, 150, then the Belarusian 100.
    expect(points.map((p) => p.personnel)).toEqual([0, 200 / 600, 350 / 600, 500 / 600, 1]);
    // 34 vehicles: 20 by road, 4 flown, none in the second lift, 10 by train.
    expect(points.map((p) => p.vehicles)).toEqual([0, 20 / 34, 24 / 34, 24 / 34, 1]);
  });

  it('tells when a share has arrived and what has arrived by a time', () => {
    expect(timeToShare(points, 'personnel', 0.5)).toBe(870);
    expect(timeToShare(points, 'personnel', 1)).toBe(5190);
    expect(timeToShare([{ t: 0, personnel: 0, vehicles: 0 }], 'personnel', 1)).toBeNull();
    expect(shareAt(points, 'vehicles', 399)).toBe(0);
    expect(shareAt(points, 'vehicles', 400)).toBe(20 / 34);
  });

  it('counts a force without vehicles as having them all, and draws steps', () => {
    const noVehicles = closureCurve({ movements: [{ ...plan.movements[1]! }] });
    expect(noVehicles.map((p) => p.vehicles)).toEqual([1, 1]);
    expect(stepPath([{ t: 0, personnel: 0, vehicles: 0 }, { t: 10, personnel: 1, vehicles: 1 }], 'personnel', (t) => t, (s) => 100 - s * 100, 20)).toBe(
      'M0,100H10V0H20',
    );
  });
});

describe('the Gantt of movements', () => {
  const rows = ganttRows(plan, scenario.units.map((u) => u.id));

  it('has a row per unit in the scenario’s order, legs in order of departure', () => {
    expect(rows.map((r) => r.unit)).toEqual(['RUS-1', 'KGZ-1', 'BLR-1']);
    expect(rows[1]!.bars.map((b) => [b.mode, b.from, b.to, b.depart, b.arrive])).toEqual([
      ['road', 'G-KGZ1', 'X-KOR', 120, 170],
      ['crossing', 'X-KOR', 'X-KOR', 170, 190],
      ['road', 'X-KOR', 'DEST', 190, 400],
    ]);
    expect(rows[2]!.bars[1]).toMatchObject({ by: 'T1', states: ['BLR', 'KAZ', 'RUS'] });
    expect(rows[2]!.closure).toBe(5190);
    expect(rows[2]!.rdd).toBe(4320);
  });

  it('puts movements of a unit that overlap in time on lanes of their own', () => {
    expect(rows[0]!.lanes).toBe(2);
    expect(new Set(rows[0]!.bars.filter((b) => b.movement === 'M1').map((b) => b.lane))).toEqual(new Set([0]));
    expect(new Set(rows[0]!.bars.filter((b) => b.movement === 'M2').map((b) => b.lane))).toEqual(new Set([1]));
    // Movements one after the other share a lane.
    const serial = ganttRows({
      units: [],
      movements: [
        { ...plan.movements[2]!, id: 'A' },
        { ...plan.movements[2]!, id: 'B', legs: plan.movements[2]!.legs.map((l) => ({ ...l, depart: l.depart + 300, arrive: l.arrive + 300 })) },
      ],
    });
    expect(serial[0]!.lanes).toBe(1);
  });

  it('spans from C-hour to the last arrival with a margin, ticks at a readable step', () => {
    const domain = ganttDomain(rows);
    expect(domain[0]).toBe(0);
    expect(domain[1]).toBeGreaterThan(5190);
    const scale = linearScale([0, 5760], 960);
    expect(scale(2880)).toBe(480);
    expect(scale.invert(480)).toBe(2880);
    // 960 px for four days: ticks every 12 h (80 px would be too close for 6 h).
    expect(ticks(scale, 90)).toMatchObject({ step: 720 });
    expect(ticks(scale, 90).at.slice(0, 3)).toEqual([0, 720, 1440]);
    expect(ticks(linearScale([0, 5760], 960 * 16), 90).step).toBe(60);
  });

  it('keeps the centre of the view in place when zooming', () => {
    // The centre at 250 of 1000 goes to 500 of 2000, so the view starts at 250.
    expect(scrollForZoom(0, 500, 1000, 2000)).toBe(250);
    expect(scrollForZoom(500, 500, 1000, 1000)).toBe(500);
    expect(scrollForZoom(0, 500, 1000, 500)).toBe(0);
  });

  it('moves between bars with the arrow keys', () => {
    expect(neighbour(rows, { row: 0, index: 0 }, 'ArrowRight')).toEqual({ row: 0, index: 1 });
    expect(neighbour(rows, { row: 0, index: 0 }, 'ArrowLeft')).toEqual({ row: 0, index: 0 });
    expect(neighbour(rows, { row: 0, index: 0 }, 'End')).toEqual({ row: 0, index: rows[0]!.bars.length - 1 });
    // Down from the first road leg of RUS-1 (minute 0) to the nearest leg of KGZ-1 in time.
    expect(neighbour(rows, { row: 0, index: 0 }, 'ArrowDown')).toEqual({ row: 1, index: 0 });
    expect(neighbour(rows, { row: 2, index: 1 }, 'ArrowDown')).toEqual({ row: 2, index: 1 });
    expect(neighbour(rows, { row: 1, index: 2 }, 'ArrowUp')!.row).toBe(0);
    expect(neighbour(rows, { row: 0, index: 0 }, 'a')).toBeNull();
  });
});

describe('the comparison of two plans', () => {
  it('lists the largest change of closure first, with the modes before and after', () => {
    const rows = diffRows(diff);
    expect(rows.map((r) => [r.unit, r.delta, r.trend])).toEqual([
      ['RUS-1', -120, 'earlier'],
      ['KGZ-1', 0, 'same'],
      ['NEW-1', null, 'new'],
    ]);
    expect(rows[0]!.modesChanged).toBe(false);
    expect(rows[1]!.modesChanged).toBe(true);
    expect(modeText(rows[1]!.modesAfter, (m) => m.toUpperCase())).toBe('AIR 1, ROAD 1');
    expect(modeText([], String)).toBe('—');
  });

  it('names trends and orders modes by use', () => {
    expect(trendOf(null, 10, null)).toBe('gone');
    expect(trendOf(30, 10, 40)).toBe('later');
    expect(modeList({ road: 1, air: 12, rail: 0 })).toEqual([['air', 12], ['road', 1]]);
    expect(headlineTrend({ closure_delta: -5 })).toBe('earlier');
    expect(headlineTrend(diff)).toBe('same');
  });
});

describe('the movement table', () => {
  const rows = movementRows(plan);

  it('has a row per movement with its route, carriers and states', () => {
    expect(rows[2]).toEqual({
      id: 'M3', unit: 'KGZ-1', mode: 'road', personnel: 200, vehicles: 20, cargo: 0, depart: 120, arrive: 400,
      route: ['G-KGZ1', 'X-KOR', 'DEST'], by: [], states: ['KAZ', 'KGZ'],
    });
    expect(rows[3]!.by).toEqual(['T1']);
  });

  it('sorts by any column either way and filters by unit and mode', () => {
    expect(sortRows(rows, 'arrive', false).map((r) => r.id)).toEqual(['M3', 'M1', 'M2', 'M4']);
    expect(sortRows(rows, 'arrive', true).map((r) => r.id)).toEqual(['M4', 'M2', 'M1', 'M3']);
    expect(sortRows(rows, 'unit', false).map((r) => r.id)).toEqual(['M4', 'M3', 'M1', 'M2']);
    expect(filterRows(rows, { unit: 'RUS-1' }).map((r) => r.id)).toEqual(['M1', 'M2']);
    expect(filterRows(rows, { mode: 'rail' }).map((r) => r.id)).toEqual(['M4']);
    expect(filterRows(rows, {}).length).toBe(4);
  });

  it('writes CSV that spreadsheets read safely', () => {
    expect(csvField('Almaty, KAZ')).toBe('"Almaty, KAZ"');
    expect(csvField('the "45th"')).toBe('"the ""45th"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(-5)).toBe('-5');
    expect(csvField(Number.NaN)).toBe('');
    expect(toCsv(['a', 'b'], [[1, 'Бишкек']])).toBe('\uFEFFa,b\r\n1,Бишкек\r\n');
  });
});

describe('the plan on the map', () => {
  it('draws air legs on the great circle, bulging poleward of the straight line', () => {
    const arc = greatCircle({ lat: 55.88, lon: 38.06 }, { lat: 43.35, lon: 77.04 }, 10);
    expect(arc).toHaveLength(11);
    expect(arc[0]).toEqual([38.06, 55.88]);
    expect(arc[10]).toEqual([77.04, 43.35]);
    const mid = arc[5]!;
    expect(mid[1]).toBeGreaterThan((55.88 + 43.35) / 2);
    expect(greatCircle({ lat: 1, lon: 2 }, { lat: 1, lon: 2 })).toHaveLength(2);
  });

  it('joins both directions of a leg into one route, as thick as what travels it', () => {
    const lines = routeLines(plan, scenario.nodes);
    expect(lines[0]).toMatchObject({ key: 'air:UAAA|UUMU', mode: 'air', personnel: 300, vehicles: 4, movements: 2 });
    expect(lines[0]!.coords.length).toBeGreaterThan(2);
    expect(lines.find((l) => l.key === 'rail:R-ALA|R-VIT')!.coords).toHaveLength(2);
    expect(lines.some((l) => l.key.startsWith('crossing'))).toBe(false);
    expect(lineWidth(304, 304)).toBe(9);
    expect(lineWidth(0, 304)).toBe(1.5);
    expect(lineWidth(76, 304)).toBe(5.3);
    expect(crossingsUsed(plan)).toEqual(new Map([['X-KOR', 20]]));
  });

  it('notes the states whose transit rules shaped the routes', () => {
    expect(transitNotes(scenario)).toEqual([
      { state: 'UZB', rule: 'refused' },
      { state: 'TKM', rule: 'non_stop' },
      { state: 'CHN', rule: 'pending', until: 2880 },
    ]);
  });
});

describe('what-if questions', () => {
  it('offer only what the planner accepts', () => {
    const o = whatIfOptions(scenario);
    expect(o.states).toEqual(['BLR', 'KGZ', 'RUS', 'UZB']);
    // Chkalovsky is the IL-76MD's home: losing it is refused.
    expect(o.airfields.map((a) => a.id)).toEqual(['UAAA', 'UCFM']);
    expect(o.aircraft).toEqual([{ id: 'IL-76MD', count: 2 }]);
    expect(o.units.map((u) => u.id)).toEqual(['RUS-1', 'KGZ-1', 'BLR-1']);
  });

  it('turn the form into a change, hours into minutes', () => {
    expect(changeOf({ kind: 'add_aircraft', target: 'IL-76MD', amount: '4' })).toEqual({
      change: { change: 'add_aircraft', aircraft: 'IL-76MD', count: 4 },
    });
    expect(changeOf({ kind: 'move_ready', target: 'RUS-1', amount: '12' })).toEqual({
      change: { change: 'move_ready', unit: 'RUS-1', minutes: 720 },
    });
    expect(changeOf({ kind: 'move_ready', target: 'RUS-1', amount: '-1,5' })).toEqual({
      change: { change: 'move_ready', unit: 'RUS-1', minutes: -90 },
    });
    expect(changeOf({ kind: 'refuse_transit', target: '', amount: '' })).toEqual({ problem: 'target' });
    expect(changeOf({ kind: 'add_aircraft', target: 'IL-76MD', amount: '1.5' })).toEqual({ problem: 'amount' });
    expect(changeOf({ kind: 'add_aircraft', target: 'IL-76MD', amount: '' })).toEqual({ problem: 'amount' });
    expect(changeOf({ kind: 'lose_airfield', target: 'UAAA', amount: 'x' })).toEqual({
      change: { change: 'lose_airfield', airfield: 'UAAA' },
    });
  });

  it('tell a change in words', () => {
    expect(changeWords({ change: 'add_aircraft', aircraft: 'IL-76MD', count: -2 })).toEqual({
      key: 'ch_add_aircraft', vars: { aircraft: 'IL-76MD', n: '−2' },
    });
    expect(changeWords({ change: 'move_ready', unit: 'RUS-1', minutes: 720 }).vars).toEqual({ unit: 'RUS-1', h: '+12' });
  });
});
