// A crisis end to end through the console, in real Chromium against the real server: a
// request, its consideration, an extraordinary session of the Collective Security Council,
// a decision tabled and adopted by consensus, an operation with its area, and a contingent
// offered and accepted, seen on the board and on the operation's map. A liaison officer of
// the requesting state watches in a second browser and is told of each change of the request
// as it happens; the session's agenda amended, and an overdue task in the decision's control of
// execution. Screenshots land in target/e2e-screenshots/.

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

/** The API as a test client, for finding a contingent to offer. */
async function apiGet(user: string, path: string) {
  const base = inject('base');
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: user, password: inject('password') }),
  });
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const r = await fetch(`${base}/api/v1${path}`, { headers: { cookie } });
  return r.json();
}

/** Waits for the record page of `kind` in `status`; returns its id. */
async function recordPage(page: Page, kind: string, status: string): Promise<number> {
  const el = page.locator(`[data-testid="crisis-record"][data-kind="${kind}"][data-status="${status}"]`);
  await el.waitFor({ timeout: 15_000 });
  return Number(await el.getAttribute('data-id'));
}

async function act(page: Page, command: string, withDialog = false) {
  await page.getByTestId(`action-${command}`).click();
  if (withDialog) {
    await page.getByTestId('command-dialog').waitFor();
    await page.getByTestId('command-submit').click();
  }
}

describe('the crisis chain', () => {
  it('walks a request to an operation with a contingent, live for the liaison officer', async () => {
    const duty = await open(browser);
    const lo = await open(browser);
    await login(duty, 'duty');
    await login(lo, 'lo.kaz');
    await lo.page.getByTestId('nav-crisis').click();
    await lo.page.getByTestId('crisis-board').waitFor();

    // The board, then a new request of Kazakhstan.
    const { page } = duty;
    await page.getByTestId('nav-crisis').click();
    await page.getByTestId('board-requests').waitFor();
    await shot(page, 'crisis-board-empty');
    await page.getByTestId('new-request').click();
    await page.getByTestId('form-request').waitFor();
    // The form's own checks, before anything is sent.
    await page.getByTestId('form-submit').click();
    await page.getByTestId('error-summary').waitFor();
    await page.getByTestId('field-requesting_state').selectOption('KAZ');
    await page.getByTestId('field-from').fill('President of the Republic of Kazakhstan');
    await page.getByTestId('field-asks-forces').check();
    await page.getByTestId('field-ask_forces').fill('Peacekeeping forces to protect important facilities');
    await page.getByTestId('field-summary').fill('Mass unrest in the south; attacks on airports and power stations.');
    await page.getByTestId('field-attachments').fill('Letter of the President | No. 01-23/456');
    await shot(page, 'crisis-request-form');
    await page.getByTestId('form-submit').click();
    const requestId = await recordPage(page, 'request', 'received');

    // The liaison officer hears of it at once: a toast, the bell, and the board.
    await lo.page.locator('[data-testid="bell-count"]').waitFor({ timeout: 15_000 });
    await lo.page.locator(`[data-testid="board-requests"] li[data-id="${requestId}"]`).waitFor({ timeout: 15_000 });
    expect(await lo.page.getByTestId('notice').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining(`Request ${requestId}`)]),
    );

    // Under consideration.
    await act(page, 'consider', true);
    await recordPage(page, 'request', 'under_consideration');
    await lo.page.locator('[data-testid="bell"][data-unread="2"]').waitFor({ timeout: 15_000 });
    await lo.page.getByTestId('bell').click();
    await lo.page.getByTestId('bell-list').getByText('Under consideration').waitFor();
    await shot(lo.page, 'crisis-liaison-notified');
    // The liaison officer may only withdraw their state's request.
    await lo.page.goto(`${inject('base')}/#/crisis/request/${requestId}`);
    await recordPage(lo.page, 'request', 'under_consideration');
    expect(await lo.page.locator('button[data-testid^="action-"]').evaluateAll((b) => b.map((x) => x.getAttribute('data-testid')))).toEqual([
      'action-withdraw',
    ]);

    // An extraordinary session of the Collective Security Council.
    await page.getByTestId('new-session').click();
    await page.getByTestId('form-session').waitFor();
    await page.locator('[data-testid="field-body"] option[value="collective_security_council"]').waitFor({ state: 'attached' });
    await page.getByTestId('field-body').selectOption('collective_security_council');
    await page.getByTestId('field-kind').selectOption('extraordinary');
    await page.getByTestId('field-place').fill('Moscow');
    await page.getByTestId('field-agenda').fill('On the request of the Republic of Kazakhstan');
    await page.getByTestId('form-submit').click();
    await recordPage(page, 'session', 'scheduled');
    // The agenda amended before the sitting: the session's own form, filled in, the body locked.
    await page.getByTestId('action-amend').click();
    await page.getByTestId('crisis-amend').waitFor();
    expect(await page.getByTestId('field-body').isDisabled()).toBe(true);
    expect(await page.getByTestId('field-agenda').inputValue()).toBe('On the request of the Republic of Kazakhstan');
    await page.getByTestId('field-agenda').fill('On the request of the Republic of Kazakhstan\nOn the Collective Peacekeeping Forces');
    await shot(page, 'crisis-session-amend');
    await page.getByTestId('form-submit').click();
    await recordPage(page, 'session', 'scheduled');
    await page.getByTestId('spec').getByText('On the Collective Peacekeeping Forces').waitFor();
    await act(page, 'open');
    await recordPage(page, 'session', 'open');

    // A draft decision, tabled; every delegation agrees; adopted with a number.
    await page.getByTestId('new-decision').click();
    await page.getByTestId('field-title').fill('On a collective peacekeeping operation in the Republic of Kazakhstan');
    await page.getByTestId('field-text').fill('1. To send the Collective Peacekeeping Forces for a limited period.');
    await page.getByTestId('form-submit').click();
    await recordPage(page, 'decision', 'drafting');
    await act(page, 'table');
    await recordPage(page, 'decision', 'tabled');
    const participants = await page.locator('[data-testid="positions-table"] tr[data-state]').evaluateAll((rows) =>
      rows.map((r) => r.getAttribute('data-state')!),
    );
    expect(participants.length).toBeGreaterThan(0);
    expect(await page.getByTestId('action-conclude').count()).toBe(0);
    for (const s of participants) {
      await page.getByTestId(`set-position-${s}-agrees`).click();
      await page.getByTestId(`position-${s}`).getByText('Agrees').waitFor();
    }
    await shot(page, 'crisis-decision-positions');
    await act(page, 'conclude');
    const decisionId = await recordPage(page, 'decision', 'adopted');
    expect(await page.locator('#record-heading').textContent()).toMatch(/No\. \d+/);

    // A task set by the decision, already past its deadline: red in the control of execution.
    await page.getByTestId('new-task').click();
    await page.getByTestId('form-task').waitFor();
    await page.getByTestId('field-title').fill('Report the readiness of the contingents');
    await page.locator('[data-testid="field-responsible"] option[value="state:KAZ"]').waitFor({ state: 'attached' });
    await page.getByTestId('field-responsible').selectOption('state:KAZ');
    await page.getByTestId('field-deadline').fill('2022-01-07T10:00');
    await page.getByTestId('form-submit').click();
    const taskId = await recordPage(page, 'task', 'assigned');
    await page.goto(`${inject('base')}/#/crisis/decision/${decisionId}`);
    await recordPage(page, 'decision', 'adopted');
    await page.getByTestId('control-link').click();
    await page.locator(`[data-testid="control-tasks"] tr[data-id="${taskId}"][data-overdue="true"]`).waitFor();
    await page.locator('[data-testid="control-count-overdue"][data-count="1"]').waitFor();
    await shot(page, 'crisis-control');
    await page.goto(`${inject('base')}/#/crisis/decision/${decisionId}`);
    await recordPage(page, 'decision', 'adopted');

    // The operation, its area typed corner by corner.
    await page.getByTestId('new-operation').click();
    await page.getByTestId('form-operation').waitFor();
    await page.getByTestId('field-name').fill('Operation Steppe Shield');
    await page.getByTestId('field-host_state').selectOption('KAZ');
    await page.getByTestId('field-mandate').fill('Protect important state and military facilities.');
    await page.getByTestId('field-area').fill('43.10, 76.60\n43.45, 76.70\n43.40, 77.20\n43.05, 77.15');
    await page.getByTestId('field-facilities').fill('Almaty airport | 43.3521, 77.0405 | airport');
    await page.getByTestId('field-ceiling_personnel').fill('5000');
    await page.getByTestId('field-ceiling_equipment').fill('800');
    await page.getByTestId('field-starts_on').fill('2030-01-10');
    await page.getByTestId('field-ends_on').fill('2030-02-10');
    await shot(page, 'crisis-operation-form');
    await page.getByTestId('form-submit').click();
    const operationId = await recordPage(page, 'operation', 'established');

    // A contingent of Kazakhstan offered, then accepted by the duty officer.
    const all = (await apiGet('observer', '/contingents?state=KAZ&limit=100')) as {
      items: { id: number; name: string; personnel: number }[];
    };
    const unit = all.items.find((c) => c.personnel > 0 && c.personnel <= 5000)!;
    expect(unit).toBeTruthy();
    await page.getByTestId('new-force').click();
    await page.getByTestId('form-force').waitFor();
    await page.getByTestId('field-contingent_id').selectOption(String(unit.id));
    await page.getByTestId('form-submit').click();
    await recordPage(page, 'force', 'offered');
    await act(page, 'accept');
    await recordPage(page, 'force', 'assigned');

    // The operation on its map with the contingent, and its force against the ceiling.
    await page.goto(`${inject('base')}/#/crisis/operation/${operationId}`);
    await recordPage(page, 'operation', 'established');
    await page.locator('[data-testid="operation-map"][data-units="1"]').waitFor({ timeout: 15_000 });
    await page.locator(`[data-testid="composition-chart"] [data-key="total"][data-total="${unit.personnel}"]`).waitFor();
    await act(page, 'begin_deployment');
    await recordPage(page, 'operation', 'deploying');
    await page.getByTestId('operation-map').scrollIntoViewIfNeeded();
    await page.waitForTimeout(500);
    await shot(page, 'crisis-operation-map');

    // On the board.
    await page.getByTestId('nav-crisis').click();
    await page.locator(`[data-testid="board-operations"] li[data-id="${operationId}"]`).waitFor();
    await page.locator(`[data-testid="board-decisions"] li[data-id="${decisionId}"]`).waitFor();
    await shot(page, 'crisis-board');

    // The journal of the crisis lists every step.
    await page.goto(`${inject('base')}/#/crisis/journal/${requestId}`);
    await page.getByTestId('journal-table').waitFor();
    expect(await page.locator('[data-testid="journal-table"] tbody tr').count()).toBeGreaterThanOrEqual(10);
    await shot(page, 'crisis-journal');

    await close(lo);
    await close(duty);
  });
});
