// The planning views drawn from the fixture plan: the Gantt's bars and keyboard, the closure
// curve, the movement table's sorting and filters, the what-if panel's request and the diff.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api } from '../../api/calls';
import { ClosureCurve } from './ClosureCurve';
import { DiffView } from './DiffView';
import { Gantt } from './Gantt';
import { MovementTable } from './MovementTable';
import { diff, plan, record, scenario } from './plan.fixture';
import { WhatIfPanel } from './WhatIfPanel';

function mount(node: preact.ComponentChild): HTMLElement {
  const host = document.createElement('div');
  document.body.append(host);
  act(() => render(node, host));
  return host;
}

const flush = () => act(() => new Promise((r) => setTimeout(r, 0)));

afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

describe('the Gantt', () => {
  it('draws a row per unit and a bar per leg, with the legs told in words', () => {
    const host = mount(<Gantt plan={plan} scenario={scenario} epoch={record.epoch} />);
    const g = host.querySelector('[data-testid="plan-gantt"]')!;
    expect(g.getAttribute('data-rows')).toBe('3');
    expect(g.getAttribute('data-bars')).toBe('12');
    const rail = host.querySelector('[data-mode="rail"]')!;
    expect(rail.getAttribute('aria-label')).toContain('Belarusian company (demo), movement M4: Rail, Vitebsk railhead → Almaty-1');
    expect(rail.getAttribute('aria-label')).toContain('by T1');
    // One tab stop for all the bars.
    expect(host.querySelectorAll('.plan-bar[tabindex="0"]')).toHaveLength(1);
  });

  it('moves between legs with the arrow keys and shows the one focused', async () => {
    const host = mount(<Gantt plan={plan} scenario={scenario} epoch={record.epoch} />);
    const first = host.querySelector<SVGElement>('.plan-bar[tabindex="0"]')!;
    act(() => {
      first.dispatchEvent(new FocusEvent('focus'));
    });
    expect(host.querySelector('[data-testid="gantt-tip"]')!.textContent).toContain('Ivanovo');
    act(() => {
      first.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    });
    expect(host.querySelector('[data-testid="gantt-tip"]')!.textContent).toContain('Kyrgyz battalion (demo)');
    expect(host.querySelector('.plan-bar[tabindex="0"]')!.getAttribute('data-key')).toBe('M3/0');
    act(() => {
      first.dispatchEvent(new KeyboardEvent('keydown', { key: '+', bubbles: true }));
    });
    expect(host.querySelector('[data-testid="plan-gantt"]')!.getAttribute('data-zoom')).toBe('2');
  });
});

describe('the closure curve', () => {
  it('draws personnel and vehicles, the bound and the required delivery dates', () => {
    const host = mount(<ClosureCurve plan={plan} epoch={record.epoch} />);
    expect(host.querySelector('[data-testid="curve-personnel"]')!.getAttribute('d')).toMatch(/^M/);
    expect(host.querySelector('[data-testid="curve-vehicles"]')).not.toBeNull();
    expect(host.querySelector('[data-testid="curve-bound"]')).not.toBeNull();
    expect(host.querySelectorAll('[data-testid="curve-rdd"]')).toHaveLength(3);
    expect(host.textContent).toContain('Half of the personnel has arrived by C+0d 14:30');
  });
});

describe('the movement table', () => {
  it('sorts by a column either way and filters by unit and mode', () => {
    const host = mount(<MovementTable plan={plan} scenario={scenario} epoch={record.epoch} planId={7} />);
    const ids = () => [...host.querySelectorAll('[data-testid="movement-table"] tbody tr')].map((r) => r.getAttribute('data-id'));
    expect(ids()).toEqual(['M1', 'M2', 'M4', 'M3']);
    act(() => host.querySelector<HTMLButtonElement>('[data-testid="table-sort-arrive"]')!.click());
    expect(ids()).toEqual(['M3', 'M1', 'M2', 'M4']);
    act(() => host.querySelector<HTMLButtonElement>('[data-testid="table-sort-arrive"]')!.click());
    expect(ids()).toEqual(['M4', 'M2', 'M1', 'M3']);
    const mode = host.querySelector<HTMLSelectElement>('[data-testid="table-mode"]')!;
    act(() => {
      mode.value = 'air';
      mode.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(ids()).toEqual(['M2', 'M1']);
    expect(host.querySelector('[data-testid="table-count"]')!.textContent).toBe('2 of 4 movements');
  });
});

describe('what-if', () => {
  it('sends the changes in one request and opens the new plan', async () => {
    const whatIf = vi.spyOn(api, 'whatIf').mockResolvedValue({ ...record, id: 8, parent_id: 7, status: 'queued' });
    const host = mount(<WhatIfPanel id={7} scenario={scenario} />);
    const amount = host.querySelector<HTMLInputElement>('[data-testid="whatif-amount"]')!;
    act(() => {
      amount.value = '4';
      amount.dispatchEvent(new Event('input', { bubbles: true }));
    });
    act(() => host.querySelector<HTMLButtonElement>('[data-testid="whatif-add"]')!.click());
    const kind = host.querySelector<HTMLSelectElement>('[data-testid="whatif-kind"]')!;
    act(() => {
      kind.value = 'refuse_transit';
      kind.dispatchEvent(new Event('change', { bubbles: true }));
    });
    act(() => host.querySelector<HTMLButtonElement>('[data-testid="whatif-run"]')!.click());
    await flush();
    expect(whatIf).toHaveBeenCalledWith(7, [
      { change: 'add_aircraft', aircraft: 'IL-76MD', count: 4 },
      { change: 'refuse_transit', state: 'BLR' },
    ]);
    expect(location.hash).toBe('#/plans/8');
  });

  it('says what is wrong before asking the planner', async () => {
    const whatIf = vi.spyOn(api, 'whatIf');
    const host = mount(<WhatIfPanel id={7} scenario={scenario} />);
    act(() => host.querySelector<HTMLButtonElement>('[data-testid="whatif-run"]')!.click());
    await flush();
    expect(host.querySelector('[data-testid="whatif-problem"]')!.textContent).toBe('A whole number other than 0.');
    expect(whatIf).not.toHaveBeenCalled();
  });
});

describe('the comparison', () => {
  it('shows the closure before and after and each unit that changed', async () => {
    vi.spyOn(api, 'planDiff').mockResolvedValue(diff);
    const host = mount(<DiffView id={8} parent={7} scenario={scenario} />);
    await flush();
    expect(host.querySelector('[data-testid="diff-delta"]')!.textContent).toBe('unchanged');
    const rows = [...host.querySelectorAll('[data-testid="diff-units"] tbody tr')];
    expect(rows.map((r) => r.getAttribute('data-unit'))).toEqual(['RUS-1', 'KGZ-1', 'NEW-1']);
    expect(rows[0]!.textContent).toContain('earlier by 2 h');
    expect(rows[1]!.textContent).toContain('Air 1, Road 1');
  });
});
