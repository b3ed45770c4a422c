// The console end to end, in real headless Chromium against the real server with a fresh
// database of demonstration data. Screenshots of the main views land in
// target/e2e-screenshots/ on every run.

import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { close, launch, login, open, shot } from './browser';
import { contains, maxLonJump, type Feature } from './geometry';

const STATES = ['ARM', 'BLR', 'KAZ', 'KGZ', 'RUS', 'TJK'];

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The API as a test client (for set-up and checks), with the session of `user`. */
async function api(user: string) {
  const base = inject('base');
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: user, password: inject('password') }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers.get('set-cookie')!.split(';')[0];
  const { csrf_token } = (await res.json()) as { csrf_token: string };
  return async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrf_token, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: r.status, body: r.status === 204 ? null : await r.json() };
  };
}

async function mapReady(page: Page) {
  await page.getByTestId('nav-map').click();
  await page.locator('[data-testid="map"][data-ready="true"]').waitFor({ timeout: 30_000 });
}

/** Waits for the map to finish drawing after a change of view. */
function rendered(page: Page, change: string) {
  return page.evaluate(
    (change) =>
      new Promise<void>((ok) => {
        const m = window.crcMap!.map;
        m.once('rendercomplete', () => ok());
        new Function('m', change)(m);
        m.render();
      }),
    change,
  );
}

function rgbAt(png: PNG, [x, y]: [number, number]): [number, number, number] {
  const i = (Math.round(y) * png.width + Math.round(x)) * 4;
  return [png.data[i], png.data[i + 1], png.data[i + 2]];
}
const close3 = (a: number[], b: number[]) => a.every((v, i) => Math.abs(v - b[i]) <= 6);

describe('the console', () => {
  it('logs in, shows every state on the map and logs out', async () => {
    const s = await open(browser);
    await s.page.goto(`${inject('base')}/`);
    await s.page.getByTestId('login-username').waitFor();
    await shot(s.page, 'login');
    await login(s, 'duty');
    await mapReady(s.page);
    await shot(s.page, 'map-1366x768');
    await s.page.setViewportSize({ width: 3840, height: 2160 });
    await rendered(s.page, 'm.updateSize();');
    await shot(s.page, 'map-3840x2160');
    await s.page.setViewportSize({ width: 1366, height: 768 });
    await rendered(s.page, 'm.updateSize(); window.crcMap.fitState("ALL");');
    const drawn = await s.page.evaluate(() => window.crcMap!.drawn());
    const states = new Set(drawn.filter((d) => d.count > 0).map((d) => d.state));
    expect([...states].sort()).toEqual(STATES);
    const total = drawn.reduce((n, d) => n + d.count, 0);
    const all = await (await api('observer'))('GET', '/contingents?limit=1');
    expect(total).toBe(all.body.total);
    await s.page.getByTestId('logout').click();
    await s.page.getByTestId('login-username').waitFor();
    await close(s);
  });

  it('draws Russia whole and without stripes across the 180th meridian', async () => {
    const s = await open(browser);
    await login(s, 'observer');
    await mapReady(s.page);
    // The basemap the page loaded: no ring may jump across the map.
    const url = await s.page.evaluate(
      () => performance.getEntriesByType('resource').map((e) => e.name).find((n) => n.includes('basemap'))!,
    );
    expect(url).toBeTruthy();
    const basemap = (await (await s.page.request.get(url)).json()) as { features: Feature[] };
    for (const f of basemap.features) expect(maxLonJump(f), String(f.properties.iso3)).toBeLessThanOrEqual(180);
    const russia = basemap.features.find((f) => f.properties.iso3 === 'RUS')!;
    expect(russia).toBeTruthy();
    // A point of Chukotka east of the 180th meridian, well inside the outline.
    let chukotka: [number, number] | undefined;
    for (let lat = 64; lat <= 70 && !chukotka; lat += 0.25)
      for (let lon = -179.5; lon <= -170 && !chukotka; lon += 0.25) {
        const ring: [number, number][] = [[lon, lat], [lon + 0.4, lat], [lon - 0.4, lat], [lon, lat + 0.4], [lon, lat - 0.4]];
        if (ring.every((p) => contains(russia, p))) chukotka = [lon, lat];
      }
    expect(chukotka, 'Chukotka east of 180 in the basemap').toBeTruthy();

    // The whole world at once: a stripe would cross the Pacific, America and the Atlantic.
    await rendered(s.page, 'm.getView().setZoom(1.6); m.getView().setCenter([0, 6500000]);');
    const png = PNG.sync.read(await s.page.getByTestId('map').screenshot());
    const px = (lon: number, lat: number) => s.page.evaluate(([lon, lat]) => window.crcMap!.pixelOf(lon, lat), [lon, lat]);
    const outside = (p: [number, number]) => !basemap.features.some((f) => contains(f, p));
    const sea = rgbAt(png, await px(-140, 20));
    const land = rgbAt(png, await px(100, 62));
    expect(close3(land, sea), 'Siberia is drawn').toBe(false);
    expect(close3(rgbAt(png, await px(...chukotka!)), sea), 'Chukotka is drawn').toBe(false);
    let checked = 0;
    for (let lat = 62; lat <= 72; lat += 1)
      for (let lon = -160; lon <= -20; lon += 10) {
        if (!outside([lon, lat])) continue;
        const p = await px(lon, lat);
        if (p[0] < 0 || p[1] < 0 || p[0] >= png.width || p[1] >= png.height) continue;
        expect(close3(rgbAt(png, p), sea), `no stripe at ${lon},${lat}`).toBe(true);
        checked++;
      }
    expect(checked).toBeGreaterThan(50);
    await shot(s.page, 'map-world');
    await close(s);
  });
});

describe('the force register', () => {
  it('shows a contingent created in one browser live in another, and a conflict as a choice', async () => {
    const a = await open(browser);
    const b = await open(browser, { viewport: { width: 3840, height: 2160 } });
    await login(a, 'duty');
    await login(b, 'planner');
    await b.page.getByTestId('nav-register').click();
    await b.page.getByTestId('register-table').waitFor();
    await b.page.getByTestId('live-status').and(b.page.locator('[data-state="live"]')).waitFor();

    await a.page.getByTestId('nav-register').click();
    await a.page.getByTestId('register-new').click();
    const f = a.page.getByTestId('contingent-form');
    await f.waitFor();
    // A mistake first: the message stands at the field and nothing is saved.
    await a.page.getByTestId('field-state').selectOption('KGZ');
    await a.page.getByTestId('field-component').selectOption('crrf');
    await a.page.getByTestId('field-name').fill('Mountain rifle battalion (e2e)');
    await a.page.getByTestId('field-station').fill('Osh');
    await a.page.getByTestId('field-lat').fill('95');
    await a.page.getByTestId('field-lon').fill('72.8');
    await a.page.getByTestId('field-personnel').fill('450');
    await a.page.getByTestId('field-equipment').fill('60');
    await a.page.getByTestId('field-readiness').selectOption('high');
    await a.page.getByTestId('save').click();
    await a.page.getByTestId('error-lat').waitFor();
    await shot(a.page, 'register-form-error');
    await a.page.getByTestId('field-lat').fill('40.53');
    await a.page.getByTestId('save').click();

    // The second browser, never reloaded, shows the new row.
    const row = b.page.getByTestId('register-table').getByText('Mountain rifle battalion (e2e)');
    await row.waitFor({ timeout: 15_000 });
    await shot(b.page, 'register-live-3840x2160');

    // Both open it; the first saves; the second's save meets the conflict and is offered a choice.
    const planner = await api('planner');
    const list = await planner('GET', '/contingents?q=Mountain%20rifle%20battalion&limit=5');
    const id = list.body.items[0].id as number;
    await b.page.goto(`${inject('base')}/#/register/${id}`);
    await b.page.getByTestId('field-personnel').fill('470');
    await a.page.goto(`${inject('base')}/#/register/${id}`);
    await a.page.getByTestId('field-personnel').fill('480');
    await a.page.getByTestId('save').click();
    await a.page.getByTestId('register-table').waitFor();
    await expect.poll(async () => (await planner('GET', `/contingents/${id}`)).body.version).toBe(2);
    // The second browser hears of it while editing, before it saves.
    await b.page.getByTestId('changed-elsewhere').waitFor();
    await b.page.getByTestId('save').click();
    const dialog = b.page.getByTestId('conflict-dialog');
    await dialog.waitFor();
    expect(await b.page.getByTestId('conflict-row-personnel').getAttribute('data-conflict')).toBe('true');
    await expect.poll(() => b.page.getByTestId('conflict-theirs-personnel').innerText()).toContain('480');
    await expect.poll(() => b.page.getByTestId('conflict-mine-personnel').innerText()).toContain('470');
    await shot(b.page, 'register-conflict');
    await b.page.getByTestId('conflict-overwrite').click();
    await expect.poll(async () => (await planner('GET', `/contingents/${id}`)).body.personnel).toBe(470);
    await close(a);
    await close(b);
  });

  it("does not let a liaison officer edit another state's contingent", async () => {
    const s = await open(browser);
    await login(s, 'lo.arm');
    const observer = await api('observer');
    const all = (await observer('GET', '/contingents?limit=500')).body.items as { id: number; state: string }[];
    const kaz = all.find((c) => c.state === 'KAZ')!;
    const arm = all.find((c) => c.state === 'ARM')!;
    await s.page.getByTestId('nav-register').click();
    await s.page.getByTestId(`register-row-${arm.id}`).waitFor();
    await s.page.getByTestId('filter-state').selectOption('KAZ');
    await s.page.getByTestId(`register-row-${kaz.id}`).waitFor();
    expect(await s.page.getByTestId(`register-edit-${kaz.id}`).count()).toBe(0);
    expect(await s.page.getByTestId(`register-delete-${kaz.id}`).count()).toBe(0);
    await s.page.getByTestId('filter-state').selectOption('ARM');
    await s.page.getByTestId(`register-edit-${arm.id}`).waitFor();
    // Straight to the edit address: read only, nothing to save.
    await s.page.goto(`${inject('base')}/#/register/${kaz.id}`);
    await s.page.getByTestId('read-only').waitFor();
    expect(await s.page.getByTestId('field-name').isDisabled()).toBe(true);
    expect(await s.page.getByTestId('save').count()).toBe(0);
    // The create form offers only Armenia.
    await s.page.goto(`${inject('base')}/#/register/new`);
    const options = await s.page.getByTestId('field-state').locator('option').evaluateAll((o) =>
      o.map((x) => (x as HTMLOptionElement).value).filter(Boolean),
    );
    expect(options).toEqual(['ARM']);
    await shot(s.page, 'register-liaison-form');
    await close(s);
  });
});

describe('languages and views', () => {
  it('switches to Russian, remembers it, and shows the reference and audit views', async () => {
    const s = await open(browser);
    await login(s, 'admin');
    await s.page.getByTestId('lang-switch').click();
    await expect.poll(() => s.page.getByTestId('nav-map').innerText()).toBe('Карта');
    expect(await s.page.evaluate(() => document.documentElement.lang)).toBe('ru');
    await s.page.getByTestId('nav-register').click();
    await s.page.getByTestId('register-table').waitFor();
    await shot(s.page, 'register-ru');
    // Remembered per user: a new browser logs in to Russian.
    const again = await open(browser);
    await login(again, 'admin');
    await expect.poll(() => again.page.getByTestId('nav-map').innerText()).toBe('Карта');
    await again.page.getByTestId('nav-reference').click();
    await again.page.getByTestId('reference-table').waitFor();
    await expect.poll(() => again.page.getByTestId('reference-page').innerText()).toContain('Республика Казахстан');
    await shot(again.page, 'reference-ru');
    await again.page.getByTestId('lang-switch').click();
    await expect.poll(() => again.page.getByTestId('nav-map').innerText()).toBe('Map');
    await again.page.getByTestId('nav-audit').click();
    await again.page.getByTestId('audit-table').waitFor();
    await expect
      .poll(() => again.page.getByTestId('audit-verify-status').getAttribute('data-state'))
      .toBe('intact');
    await shot(again.page, 'audit');
    await close(s);
    await close(again);
  });

  it('keeps the audit view from officers who are not administrators', async () => {
    const s = await open(browser);
    await login(s, 'lo.kaz');
    expect(await s.page.getByTestId('nav-audit').count()).toBe(0);
    await s.page.goto(`${inject('base')}/#/audit`);
    await s.page.getByTestId('forbidden').waitFor();
    await close(s);
  });
});
