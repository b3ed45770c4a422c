// Movement planning end to end, in real Chromium against the real server: the Joint Staff
// planner opens the January 2022 operation, plans its deployment, watches the search, reads
// the Gantt of movements, the closure curve, the routes on the map and the movement table
// (and downloads it), then asks what four more aircraft would change and reads the
// comparison. An observer sees the operation's plans but is offered no planning.
// Screenshots land in target/e2e-screenshots/.

import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { close, launch, login, open, shot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

interface Rec {
  id: number;
  parent_id: number | null;
  owner_state: string | null;
  status: string;
  title: string;
  demo: boolean;
  spec: Record<string, unknown>;
}

/** The API as a test client of one demo account (a session with its CSRF token). */
async function as(user: string) {
  const base = inject('base');
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: user, password: inject('password') }),
  });
  expect(res.status, `login of ${user}`).toBe(200);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const { csrf_token } = (await res.json()) as { csrf_token: string };
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrf_token, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await r.json()) as T;
    expect(r.ok, `${method} ${path}: ${JSON.stringify(json)}`).toBe(true);
    return json;
  };
}

/** Force statuses the service still plans a movement for (docs/planner.md, "From an operation"). */
const TO_MOVE = ['offered', 'assigned', 'standby', 'mobilized'];

/**
 * The January 2022 operation of the demonstration data, and the operation to plan: the same
 * one while any of its forces is still to move; once the demonstration has run it to its end
 * (every force stood down), the same force offered again by the same states to an operation
 * of the same decision, area and mandate, since the service plans only forces still to move.
 */
async function january2022(): Promise<{ demo: Rec; plannable: number }> {
  const planner = await as('planner');
  const ops = await planner<{ items: Rec[] }>('GET', '/crisis/operations?exercise=all&limit=500');
  const demo = ops.items.find((o) => o.demo && /Republic of Kazakhstan/.test(o.title));
  expect(demo, 'the demonstration operation of January 2022').toBeTruthy();
  const forces = await planner<{ items: Rec[] }>('GET', `/crisis/forces?parent=${demo!.id}&exercise=all&limit=500`);
  expect(forces.items.length).toBeGreaterThan(0);
  if (forces.items.some((f) => TO_MOVE.includes(f.status))) return { demo: demo!, plannable: demo!.id };
  const again = await planner<Rec>('POST', '/crisis/operations', {
    parent: demo!.parent_id,
    spec: { ...demo!.spec, name: `${String(demo!.spec.name)} (deployment planned again)` },
  });
  for (const f of forces.items) {
    const lo = await as(`lo.${f.owner_state!.toLowerCase()}`);
    await lo('POST', '/crisis/forces', { parent: again.id, spec: { contingent_id: f.spec.contingent_id, initial: 'offered' } });
  }
  return { demo: demo!, plannable: again.id };
}

/** Waits for the plan page in `status`; returns the plan's id. */
async function planPage(page: Page, status: string, timeout = 90_000): Promise<number> {
  const el = page.locator(`[data-testid="plan-page"][data-status="${status}"]`);
  await el.waitFor({ timeout });
  return Number(await el.getAttribute('data-id'));
}

/** A section of the page, scrolled into view and photographed alone. */
async function shotOf(page: Page, testId: string, name: string) {
  const el = page.getByTestId(testId);
  await el.scrollIntoViewIfNeeded();
  await el.screenshot({ path: `${import.meta.dirname}/../../target/e2e-screenshots/${name}.png` });
}

describe('movement planning', () => {
  it('plans the January 2022 deployment, shows it, and compares a what-if', async () => {
    const { demo, plannable } = await january2022();

    const js = await open(browser);
    await login(js, 'planner');
    const { page } = js;
    // The operation's record page: its plans (none yet) and, for the Joint Staff, planning.
    await page.goto(`${inject('base')}/#/crisis/operation/${demo.id}`);
    await page.getByTestId('planning').waitFor();
    await page.getByTestId('plan-start').waitFor();
    if (plannable !== demo.id) await page.goto(`${inject('base')}/#/crisis/operation/${plannable}`);
    await page.locator(`[data-testid="crisis-record"][data-id="${plannable}"]`).waitFor();
    await page.getByTestId('plans-none').waitFor();
    await shotOf(page, 'planning', 'plan-none');
    await page.getByTestId('plan-start').click();

    // The search, live: its progress and a Stop button, then the plan.
    await page.getByTestId('plan-page').waitFor();
    const first = Number(await page.getByTestId('plan-page').getAttribute('data-id'));
    const status = await page.getByTestId('plan-page').getAttribute('data-status');
    if (status === 'queued' || status === 'running') {
      await page.getByTestId('plan-progress').waitFor();
      await page.getByTestId('plan-stop').waitFor();
      // The bar moves with the stream's reports while the search runs.
      await page
        .locator('[data-testid="plan-progress"]:not([data-candidates="0"])')
        .waitFor({ timeout: 15_000 })
        .then(() => shot(page, 'plan-progress'))
        .catch(() => undefined);
    }
    expect(await planPage(page, 'done')).toBe(first);

    // The headline: closure, bound, gap and what binds.
    await page.getByTestId('plan-headline').waitFor();
    expect(await page.getByTestId('plan-closure').textContent()).toMatch(/^C\+\d+d \d\d:\d\d \(/);
    expect(await page.getByTestId('plan-gap').textContent()).toMatch(/\d+\.\d %/);
    expect((await page.getByTestId('plan-binding').textContent())!.length).toBeGreaterThan(20);

    // The Gantt: a row per unit, a bar per leg; the keyboard walks the legs; zoom in time.
    const gantt = page.getByTestId('plan-gantt');
    expect(Number(await gantt.getAttribute('data-rows'))).toBeGreaterThan(0);
    expect(Number(await gantt.getAttribute('data-bars'))).toBeGreaterThan(0);
    await gantt.locator('.plan-bar[tabindex="0"]').focus();
    const before = await page.getByTestId('gantt-tip').getAttribute('data-key');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(
      (k) => document.querySelector('[data-testid="gantt-tip"]')?.getAttribute('data-key') !== k,
      before,
    );
    expect(await page.getByTestId('gantt-tip').textContent()).toMatch(/C\+\d+d/);
    await page.getByTestId('gantt-zoom-in').click();
    await page.locator('[data-testid="plan-gantt"][data-zoom="2"]').waitFor();
    await page.getByTestId('gantt-zoom-reset').click();
    await shotOf(page, 'plan-gantt', 'plan-gantt');

    // The closure curve and the routes on the map.
    const curve = page.getByTestId('plan-curve');
    expect(Number(await curve.getAttribute('data-points'))).toBeGreaterThan(1);
    expect(await page.getByTestId('curve-rdd').count()).toBeGreaterThan(0);
    await shotOf(page, 'plan-curve', 'plan-curve');
    await page.locator('[data-testid="plan-map"][data-routes]').waitFor();
    expect(Number(await page.getByTestId('plan-map').getAttribute('data-routes'))).toBeGreaterThan(0);
    // The network's transit rules (reference/movement-network.json refuses some states) in the legend.
    expect(await page.getByTestId('plan-transit').textContent()).toContain('Transit refused');
    await page.waitForTimeout(800); // the basemap draws
    await page.getByTestId('plan-map').scrollIntoViewIfNeeded();
    await page.getByTestId('plan-map').locator('xpath=..').screenshot({
      path: `${import.meta.dirname}/../../target/e2e-screenshots/plan-map.png`,
    });

    // The movement table: filtered, sorted, downloaded.
    const total = Number(await page.getByTestId('table-count').getAttribute('data-count'));
    expect(total).toBeGreaterThan(0);
    await page.getByTestId('table-sort-arrive').click();
    const download = page.waitForEvent('download');
    await page.getByTestId('table-csv').click();
    const file = await (await download).path();
    const csv = readFileSync(file, 'utf8');
    expect(csv.startsWith('\uFEFFMovement,Unit,Unit,Mode')).toBe(true);
    expect(csv.trim().split('\r\n')).toHaveLength(total + 1);

    // What if four more aircraft of the first type: the new plan, compared with this one.
    await page.getByTestId('whatif').scrollIntoViewIfNeeded();
    await page.getByTestId('whatif-kind').selectOption('add_aircraft');
    await page.getByTestId('whatif-amount').fill('4');
    await shotOf(page, 'whatif', 'plan-whatif');
    await page.getByTestId('whatif-run').click();
    await page.waitForFunction((id) => !location.hash.endsWith(`/plans/${id}`), first);
    const second = await planPage(page, 'done');
    expect(second).not.toBe(first);
    await page.getByTestId('plan-changes').getByText('+4 aircraft').waitFor();
    await page.getByTestId('plan-diff').waitFor();
    expect(await page.getByTestId('diff-delta').textContent()).toMatch(/earlier by|later by|unchanged/);
    await shotOf(page, 'plan-diff', 'plan-diff');

    // Both plans on the operation's page.
    await page.getByTestId('plan-operation-link').click();
    await page.locator('[data-testid="planning"][data-plans="2"]').waitFor();
    await shotOf(page, 'planning', 'plan-list');

    // An observer reads the plans, and is offered no planning.
    const obs = await open(browser);
    await login(obs, 'observer');
    await obs.page.goto(`${inject('base')}/#/crisis/operation/${plannable}`);
    await obs.page.locator('[data-testid="planning"][data-plans="2"]').waitFor();
    expect(await obs.page.getByTestId('plan-start').count()).toBe(0);
    await obs.page.locator(`[data-testid="plan-list"] li[data-id="${first}"] a`).click();
    await planPage(obs.page, 'done');
    await obs.page.getByTestId('plan-gantt').waitFor();
    expect(await obs.page.getByTestId('whatif').count()).toBe(0);

    await close(obs);
    await close(js);
  });
});
