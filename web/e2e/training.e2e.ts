// Joint training end to end, in real Chromium against the real server: the year's exercises
// on the Gantt and the statistics charts; then an exercise run with two participants in
// their own browsers. The exercise director starts the clock and the first inject arrives
// live in the Kazakh liaison officer's inbox (and not in the Russian one's); an inject the
// director releases by hand arrives live in the Russian one's; the Kazakh officer responds and
// the director sees the response arrive; the after-action report shows the injects and the
// response. Screenshots land in target/e2e-screenshots/.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { close, launch, login, open, shot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const EXAMPLES = join(import.meta.dirname, '../../docs/examples');

/** The API as one demo account (a session with its CSRF token). */
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
  return async <T>(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> => {
    const r = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrf_token, 'content-type': contentType },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const json = (await r.json()) as T;
    expect(r.ok, `${method} ${path}: ${JSON.stringify(json)}`).toBe(true);
    return json;
  };
}

/** The worked example's design and MSEL, approved by its director, and a run of it. */
async function exerciseRun(): Promise<number> {
  const planner = await as('planner');
  const duty = await as('duty');
  const design = await planner<{ id: number }>('POST', '/training/designs', {
    spec: JSON.parse(readFileSync(join(EXAMPLES, 'exercise-design.json'), 'utf8')),
    exercise: 'interaction_2025',
  });
  const msel = await planner<{ id: number }>(
    'POST',
    `/training/designs/${design.id}/msels/import`,
    readFileSync(join(EXAMPLES, 'exercise-msel.csv'), 'utf8'),
    'text/csv',
  );
  await duty('POST', `/training/msels/${msel.id}/commands`, { command: 'submit' });
  await planner('POST', `/training/msels/${msel.id}/commands`, { command: 'approve' });
  const run = await planner<{ id: number }>('POST', '/training/runs', { design: design.id, msel: msel.id });
  return run.id;
}

describe('joint training', () => {
  it('draws the year and its statistics', async () => {
    const s = await open(browser);
    await login(s, 'observer');
    const { page } = s;
    await page.getByTestId('nav-training').click();
    await page.getByTestId('training-gantt').waitFor();
    const keys = await page.getByTestId('training-gantt-bar').evaluateAll((els) => els.map((e) => e.getAttribute('data-key')));
    expect(keys).toContain('interaction_2025');
    expect(keys).toContain('rubezh_2025');
    // Held-together exercises are joined.
    expect(await page.getByTestId('training-gantt-link').count()).toBeGreaterThan(0);
    await page.locator('[data-testid="training-gantt-bar"][data-key="interaction_2025"] rect').click();
    const details = page.getByTestId('training-exercise-details');
    await details.waitFor();
    expect(await details.textContent()).toContain('BLR');
    // The 2024 personnel with the stated "over 5,000".
    const y2024 = page.locator('[data-testid="chart-personnel-bar"][data-label="2024"]');
    expect(await y2024.textContent()).toContain('over 5,000');
    expect(await page.getByTestId('training-since-founding').textContent()).toContain('80');
    // The joint press centres' media stories: 2024's stated "over 600".
    expect(await page.locator('[data-testid="chart-media-bar"][data-label="2024"]').textContent()).toContain('over 600');
    await shot(page, 'training-year');
    await close(s);
  });

  it('coordinates the year plan: a liaison officer answers and the planner sees it live', async () => {
    const planner = await open(browser);
    const kaz = await open(browser);
    await login(planner, 'planner');
    await login(kaz, 'lo.kaz');
    const base = inject('base');
    await planner.page.goto(`${base}/#/training`);
    await planner.page.getByTestId('year-plan-draft').click();
    await planner.page.locator('[data-testid="year-plan-body"][data-status="drafting"]').waitFor();
    // The plan's conflicts are shown (components with no exercise that year).
    await planner.page.getByTestId('year-plan-conflicts').waitFor();
    await planner.page.getByTestId('year-plan-send').click();
    await planner.page.locator('[data-testid="year-plan-body"][data-status="coordinating"]').waitFor();
    expect(await planner.page.locator('[data-testid="year-plan-answer"][data-state="KAZ"]').getAttribute('data-answer')).toBe('');
    // A liaison officer answers for their own state only, and is offered nothing else.
    await kaz.page.goto(`${base}/#/training`);
    await kaz.page.locator('[data-testid="year-plan-body"][data-status="coordinating"]').waitFor();
    expect(await kaz.page.getByTestId('year-plan-submit').count()).toBe(0);
    await kaz.page.getByTestId('year-plan-agree').click();
    await planner.page.locator('[data-testid="year-plan-answer"][data-state="KAZ"][data-answer="agrees"]').waitFor({ timeout: 15_000 });
    await shot(planner.page, 'training-year-plan');
    for (const s of [planner, kaz]) await close(s);
  });

  it('imports an MSEL from CSV in the console: a bad file shows every line and column, a good one is approved and run', async () => {
    const planner = await as('planner');
    const design = await planner<{ id: number }>('POST', '/training/designs', {
      spec: JSON.parse(readFileSync(join(EXAMPLES, 'exercise-design.json'), 'utf8')),
    });
    const s = await open(browser);
    await login(s, 'planner');
    const { page } = s;
    await page.goto(`${inject('base')}/#/training/designs/${design.id}`);
    await page.getByTestId('design-page').waitFor();
    expect(await page.getByTestId('design-names').textContent()).toContain('Northland');
    const good = readFileSync(join(EXAMPLES, 'exercise-msel.csv'), 'utf8');
    const lines = good.split('\n');
    lines[2] = '2,D+0 0:30,border,gov,kaz-lo,phone,Situation,Two groups.,Pass it on.,O2';
    lines[3] = '3,D+0 01:00,media,ghost,js-ops,media,Press,Asks.,Agree a line.,O2';
    await page.getByTestId('msel-upload').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
    await page.getByTestId('msel-problems').waitFor();
    const problems = await page
      .getByTestId('msel-problem')
      .evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-line')}:${r.getAttribute('data-column')}`));
    expect(problems).toEqual(['3:offset', '4:sender']);
    expect(await page.getByTestId('msel').count()).toBe(0);
    // The browser reports the refusal (400) it was meant to get; nothing else may be reported.
    const refusal = s.problems.findIndex((p) => p.includes('status of 400'));
    expect(refusal, JSON.stringify(s.problems)).toBeGreaterThanOrEqual(0);
    s.problems.splice(refusal, 1);
    await page.getByTestId('design-msels').screenshot({ path: `${import.meta.dirname}/../../target/e2e-screenshots/training-msel-refused.png` });
    await page.getByTestId('msel-upload').setInputFiles({ name: 'msel.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await page.locator('[data-testid="msel"][data-status="draft"]').waitFor();
    expect(await page.locator('.msel-timeline li').count()).toBe(8);
    await page.getByTestId('msel-submit').click();
    await page.locator('[data-testid="msel"][data-status="submitted"]').waitFor();
    await page.getByTestId('msel-approve').click();
    await page.locator('[data-testid="msel"][data-status="approved"]').waitFor();
    await page.getByTestId('msel-run').click();
    await page.locator('[data-testid="run-page"][data-status="not_started"]').waitFor();
    await close(s);
  });

  it('tracks a corrective action to closure and finds a lesson', async () => {
    const planner = await as('planner');
    const action = await planner<{ id: number }>('POST', '/training/actions', {
      spec: { title: 'Rehearse the notification chain', owner: 'Ministry of Defence', owner_state: 'KAZ', due: '2030-01-31', exercise: 'Interaction-2025' },
    });
    await planner('POST', '/training/lessons', {
      spec: { title: 'Оповещение офицеров связи запоздало', observation: 'На учениях оповещение пришло через час.', recommendation: 'Отработать схему оповещения.', tags: ['оповещение'], applies_to: { year: 2026 } },
    });
    const kaz = await open(browser);
    const js = await open(browser);
    await login(kaz, 'lo.kaz');
    await login(js, 'planner');
    await kaz.page.goto(`${inject('base')}/#/training`);
    const row = (p: typeof kaz.page, status: string) => p.locator(`[data-testid="training-action"][data-id="${action.id}"][data-status="${status}"]`);
    await row(kaz.page, 'open').waitFor();
    await row(kaz.page, 'open').getByTestId('action-start').click();
    await row(kaz.page, 'in_progress').getByTestId('action-complete').click();
    await row(kaz.page, 'done').waitFor();
    // The liaison officer who reported it done is not offered verification; the planner is.
    expect(await row(kaz.page, 'done').getByTestId('action-verify').count()).toBe(0);
    await js.page.goto(`${inject('base')}/#/training`);
    await row(js.page, 'done').getByTestId('action-verify').click();
    await row(js.page, 'verified').waitFor();
    // Lessons: Russian words found whatever their endings.
    await js.page.getByTestId('lesson-search').fill('учения');
    await js.page.locator('[data-testid="training-lesson"]', { hasText: 'Оповещение офицеров связи запоздало' }).waitFor();
    await js.page.getByTestId('training-follow-up').screenshot({ path: `${import.meta.dirname}/../../target/e2e-screenshots/training-follow-up.png` });
    for (const s of [kaz, js]) await close(s);
  });

  it('runs an exercise with two participants: injects arrive live, a response is logged, the report shows them', async () => {
    const id = await exerciseRun();
    const base = inject('base');
    const director = await open(browser);
    const kaz = await open(browser);
    const rus = await open(browser);
    await login(director, 'planner');
    await login(kaz, 'lo.kaz');
    await login(rus, 'lo.rus');
    for (const s of [director, kaz, rus]) {
      await s.page.goto(`${base}/#/training/runs/${id}`);
      await s.page.locator('[data-testid="run-page"][data-status="not_started"]').waitFor();
    }
    await kaz.page.getByTestId('run-inbox-empty').waitFor();
    expect(await kaz.page.getByTestId('run-marking').textContent()).toContain('Interaction-2025');
    // The participants are offered no control.
    expect(await kaz.page.getByTestId('run-controls').count()).toBe(0);
    expect(await kaz.page.getByTestId('run-board').count()).toBe(0);

    // StartEx: inject 1 (to the Joint Staff cell and Kazakhstan's officer) arrives live.
    await director.page.getByTestId('run-start').click();
    await director.page.locator('[data-testid="run-page"][data-status="running"]').waitFor();
    const kazItem = kaz.page.locator('[data-testid="run-inbox-item"][data-inject="1"]');
    await kazItem.waitFor({ timeout: 15_000 });
    const text = (await kazItem.textContent())!;
    expect(text).toContain('Request for assistance');
    // In the scenario's invented names.
    expect(text).toContain('Northland');
    expect(text).not.toContain('Kazakhstan');
    await shot(kaz.page, 'training-run-inbox');
    expect(await rus.page.getByTestId('run-inbox-item').count()).toBe(0);

    // The director releases inject 4 by hand: it reaches Russia's officer live.
    await director.page.locator('[data-testid="run-board-row"][data-inject="4"] [data-testid="run-release"]').click();
    await rus.page.locator('[data-testid="run-inbox-item"][data-inject="4"]').waitFor({ timeout: 15_000 });
    expect(await kaz.page.locator('[data-testid="run-inbox-item"][data-inject="4"]').count()).toBe(0);

    // The director holds inject 2 and skips inject 3 with a reason.
    await director.page.locator('[data-testid="run-board-row"][data-inject="2"] [data-testid="run-hold"]').click();
    await director.page.locator('[data-testid="run-board-row"][data-inject="2"][data-status="held"]').waitFor();
    await director.page.getByTestId('run-skip-reason').fill('The press storyline is not played today.');
    await director.page.locator('[data-testid="run-board-row"][data-inject="3"] [data-testid="run-skip"]').click();
    await director.page.locator('[data-testid="run-board-row"][data-inject="3"][data-status="skipped"]').waitFor();

    // Kazakhstan's officer acknowledges and responds; the director sees the response arrive.
    await kazItem.getByTestId('run-acknowledge').click();
    await kazItem.getByTestId('run-response-text').fill('The request is registered; the Council is convened for 08:00.');
    await kazItem.getByTestId('run-response-send').click();
    const response = director.page.locator('[data-testid="run-response"][data-from="kaz-lo"]');
    await response.waitFor({ timeout: 15_000 });
    expect(await response.textContent()).toContain('the Council is convened for 08:00');
    await shot(director.page, 'training-run-control');

    // The after-action report.
    const report = await director.context.newPage();
    await report.goto(`${base}/api/v1/training/runs/${id}/report.html`);
    const page = (await report.textContent('body'))!;
    expect(page).toContain('EXERCISE Interaction-2025');
    expect(page).toContain('Request for assistance');
    expect(page).toContain('the Council is convened for 08:00');
    await report.screenshot({ path: `${import.meta.dirname}/../../target/e2e-screenshots/training-report.png`, fullPage: true });
    await report.close();

    // The exercise plays the crisis chain on the simulated state: Kazakhstan's officer opens a
    // request from the run, marked with the exercise; it stays off the real-world board.
    await kaz.page.getByTestId('run-crisis-request').click();
    await kaz.page.getByTestId('form-request').waitFor();
    expect(await kaz.page.getByTestId('field-exercise').inputValue()).toBe('Interaction-2025');
    await kaz.page.getByTestId('field-from').fill('Government of Northland');
    await kaz.page.getByTestId('field-asks-forces').check();
    await kaz.page.getByTestId('field-ask_forces').fill('Forces to protect the border villages');
    await kaz.page.getByTestId('field-summary').fill('Armed groups hold two villages.');
    await kaz.page.getByTestId('form-submit').click();
    const record = kaz.page.locator('[data-testid="crisis-record"][data-status="received"]');
    await record.waitFor();
    const requestId = await record.getAttribute('data-id');
    await director.page.goto(`${base}/#/crisis`);
    await director.page.getByTestId('board-requests').waitFor();
    expect(await director.page.locator(`[data-testid="board-requests"] li[data-id="${requestId}"]`).count()).toBe(0);
    await director.page.getByTestId('scope-exercises').click();
    await director.page.locator(`[data-testid="board-requests"] li[data-id="${requestId}"]`).waitFor();
    for (const s of [director, kaz, rus]) await close(s);
  });
});
