// Benchmarks the web console in real headless Chromium against the real `crc serve --demo`
// (release build) on 127.0.0.1, and writes the figures into docs/benchmarks.md between the
// `console-bench` markers (scripts/bench.sh keeps that block when it rewrites the file).
//
//   cd web && npm run bench        (or: scripts/bench-console.sh, which builds first)
//
// Measures: what the console loads (scripts, styles, map data; compressed and not, from the
// browser's own resource timing) against the budget below; time from navigation to the first
// complete render of the map (median of RUNS fresh browser contexts, empty cache) with the 32
// demonstration contingents and again with 5,000; frames per second while panning with 5,000
// symbols, at two zoom levels. Everything is bounded in time and stays on loopback.

import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startCrc } from '../e2e/crc-server.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = resolve(process.env.CRC_BIN ?? join(ROOT, 'target/release/crc'));
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SYMBOLS = Number(process.env.BENCH_SYMBOLS ?? 5000);
const PAN_SECONDS = Number(process.env.BENCH_PAN_SECONDS ?? 5);
/** The budget: compressed bytes the console may load before the map is drawn. */
const BUDGET = { scripts: 350 * 1024, styles: 20 * 1024, data: 250 * 1024, total: 600 * 1024 };

const log = (...a) => console.error('bench:', ...a);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function session(base, password) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'planner', password }),
  });
  if (res.status !== 200) throw new Error(`login: ${res.status}`);
  const cookie = res.headers.get('set-cookie').split(';')[0];
  const { csrf_token } = await res.json();
  return { cookie, csrf: csrf_token };
}

/** Deterministic pseudo-random numbers (mulberry32), so every run loads the same 5,000. */
function rng(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Boxes inside each member state (lat, lon ranges), where the generated stations go.
const BOXES = {
  ARM: [39.7, 41.0, 43.8, 45.5],
  BLR: [52.2, 55.5, 24.5, 30.5],
  KAZ: [43.5, 53.0, 52.0, 82.0],
  KGZ: [40.5, 42.7, 71.5, 79.0],
  RUS: [50.0, 62.0, 32.0, 110.0],
  TJK: [37.5, 39.8, 67.8, 73.5],
};

async function load(base, s, n) {
  const comps = await (
    await fetch(`${base}/api/v1/reference/components`, { headers: { cookie: s.cookie } })
  ).json();
  const keys = comps.map((c) => c.key);
  const r = rng(42);
  const states = Object.keys(BOXES);
  let done = 0;
  let next = 0;
  const started = Date.now();
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const st = states[i % states.length];
      const [la0, la1, lo0, lo1] = BOXES[st];
      const body = {
        state: st,
        component: keys[Math.floor(r() * keys.length)],
        name: `Bench unit ${i}`,
        home_station: { name: `Station ${i}`, lat: la0 + r() * (la1 - la0), lon: lo0 + r() * (lo1 - lo0) },
        personnel: 20 + Math.floor(r() * 2000),
        equipment: Math.floor(r() * 300),
        readiness: ['rapid', 'high', 'medium', 'low', 'not_ready'][Math.floor(r() * 5)],
        notes: '',
        releasability: { label: 'organization', states: [] },
      };
      const res = await fetch(`${base}/api/v1/contingents`, {
        method: 'POST',
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (res.status !== 201) throw new Error(`creating contingent ${i}: ${res.status} ${await res.text()}`);
      done++;
      if (done % 500 === 0) log(`  ${done}/${n} contingents created (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

async function openMap(browser, base, s, viewport = { width: 1366, height: 768 }) {
  const context = await browser.newContext({ viewport });
  const [name, value] = s.cookie.split('=');
  await context.addCookies([{ name, value, url: base }]);
  // The console asks the server for its session at start only when its own hint says one
  // was opened in this browser (see web/src/session/session.ts); set it as a login would.
  await context.addInitScript(() => localStorage.setItem('crc.session', '1'));
  await context.route('**/*', (r) => (new URL(r.request().url()).hostname === '127.0.0.1' ? r.continue() : r.abort()));
  const page = await context.newPage();
  await page.goto(`${base}/#/map`);
  await page.locator('[data-testid="map"][data-ready="true"]').waitFor({ timeout: 120_000 });
  const readyMs = await page.evaluate(() => {
    const m = performance.getEntriesByName('crc:map-ready')[0];
    return m ? m.startTime : performance.now();
  });
  return { context, page, readyMs };
}

async function firstRender(browser, base, s, label) {
  const times = [];
  let loaded;
  for (let i = 0; i < RUNS; i++) {
    const { context, page, readyMs } = await openMap(browser, base, s);
    times.push(readyMs);
    if (i === 0) {
      loaded = await page.evaluate(() =>
        performance.getEntriesByType('resource').map((e) => ({
          name: e.name, type: e.initiatorType, transfer: e.transferSize, encoded: e.encodedBodySize, decoded: e.decodedBodySize,
        })),
      );
    }
    await context.close();
    log(`  ${label}: run ${i + 1}/${RUNS}: map drawn ${readyMs.toFixed(0)} ms after navigation`);
  }
  return { median: median(times), min: Math.min(...times), max: Math.max(...times), loaded };
}

async function pan(browser, base, s, zoom, center, dragging) {
  const { context, page } = await openMap(browser, base, s);
  const r = await page.evaluate(
    async ({ seconds, zoom, center, dragging }) => {
      const m = window.crcMap.map;
      const view = m.getView();
      view.setZoom(zoom);
      view.setCenter(center);
      await new Promise((ok) => { m.once('rendercomplete', ok); m.render(); });
      const drawn = window.crcMap.drawn().reduce((n, d) => n + d.count, 0);
      // A hand dragging the map marks the view as interacting (OpenLayers' DragPan does
      // exactly this), which lets vector layers reuse their drawing instructions per frame.
      if (dragging) view.beginInteraction();
      const renders0 = window.crcMap.renderCount();
      const frames = [];
      const t0 = performance.now();
      await new Promise((ok) => {
        const step = (t) => {
          frames.push(t);
          const res = view.getResolution();
          const [x, y] = view.getCenter();
          // Pan 4 CSS pixels per frame, east then back west, as a hand dragging the map.
          const dir = Math.floor((t - t0) / 1000) % 2 === 0 ? 1 : -1;
          view.setCenter([x + dir * 4 * res, y]);
          if (t - t0 < seconds * 1000) requestAnimationFrame(step); else ok();
        };
        requestAnimationFrame(step);
      });
      const elapsed = (performance.now() - t0) / 1000;
      if (dragging) view.endInteraction();
      const gaps = frames.slice(1).map((t, i) => t - frames[i]).sort((a, b) => a - b);
      return {
        drawn,
        fps: (window.crcMap.renderCount() - renders0) / elapsed,
        frameP95: gaps[Math.floor(gaps.length * 0.95)],
        frames: frames.length,
      };
    },
    { seconds: PAN_SECONDS, zoom, center, dragging },
  );
  await context.close();
  return r;
}

function sizes(loaded, base) {
  const pick = (f) => loaded.filter(f).reduce((a, e) => ({ encoded: a.encoded + e.encoded, decoded: a.decoded + e.decoded }), { encoded: 0, decoded: 0 });
  const own = loaded.filter((e) => e.name.startsWith(base));
  const scripts = pick((e) => own.includes(e) && e.name.endsWith('.js'));
  const styles = pick((e) => own.includes(e) && e.name.endsWith('.css'));
  const data = pick((e) => own.includes(e) && /\.json$/.test(new URL(e.name).pathname) && new URL(e.name).pathname.startsWith('/assets/'));
  const api = pick((e) => own.includes(e) && new URL(e.name).pathname.startsWith('/api/'));
  return { scripts, styles, data, api, foreign: loaded.filter((e) => !e.name.startsWith(base)).length };
}

const lonLatTo3857 = ([lon, lat]) => [
  (lon * 20037508.34) / 180,
  (Math.log(Math.tan(((90 + lat) * Math.PI) / 360)) / (Math.PI / 180)) * (20037508.34 / 180),
];

async function main() {
  log(`using ${BIN}`);
  const { base, password, stop } = await startCrc(BIN, 'bench');
  const browser = await launch();
  try {
    const s = await session(base, password);
    log('first render with the demonstration data');
    const demo = await firstRender(browser, base, s, 'demo (32)');
    log(`creating ${SYMBOLS} contingents through the API`);
    await load(base, s, SYMBOLS);
    log(`first render with ${SYMBOLS} more`);
    const many = await firstRender(browser, base, s, `${SYMBOLS}`);
    log('panning');
    const runs = [];
    for (const [zoom, center, where] of [
      [4, [65, 50], 'zoom 4, the member states (clustered)'],
      [6.5, [70, 40], 'zoom 6.5, Central Asia (symbols apart, station names)'],
    ]) {
      for (const dragging of [true, false]) {
        const r = await pan(browser, base, s, zoom, lonLatTo3857(center), dragging);
        runs.push({ where, dragging, ...r });
        log(`  ${where}, ${dragging ? 'dragged' : 're-centred'}: ${r.fps.toFixed(1)} fps, ${r.drawn} contingents drawn`);
      }
    }
    const z = sizes(demo.loaded, base);
    const total = z.scripts.encoded + z.styles.encoded + z.data.encoded;
    const within = (v, b) => (v <= b ? `within ${kb(b)}` : `**over** ${kb(b)}`);
    const cpu = cpus()[0]?.model ?? 'unknown';
    const md = [
      '<!-- console-bench:begin -->',
      '## Web console',
      '',
      `Generated by \`scripts/bench-console.sh\` (\`cd web && npm run bench\`) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC;`,
      `${cpus().length} cores (${cpu}), Debian Chromium headless (software rendering, no GPU), 1366x768, the release binary`,
      'serving on 127.0.0.1. Figures are from one run.',
      '',
      '### What the console loads',
      '',
      'From the browser\'s resource timing, first visit (empty cache), compressed as sent (the server',
      'compresses with gzip/brotli) and decompressed. No request left the server\'s origin: ' +
        (z.foreign === 0 ? 'none was made.' : `**${z.foreign} were attempted**.`),
      '',
      '| what | sent | decompressed | budget (sent) |',
      '|---|---:|---:|---|',
      `| scripts | ${kb(z.scripts.encoded)} | ${kb(z.scripts.decoded)} | ${within(z.scripts.encoded, BUDGET.scripts)} |`,
      `| styles | ${kb(z.styles.encoded)} | ${kb(z.styles.decoded)} | ${within(z.styles.encoded, BUDGET.styles)} |`,
      `| map data (basemap) | ${kb(z.data.encoded)} | ${kb(z.data.decoded)} | ${within(z.data.encoded, BUDGET.data)} |`,
      `| **total before data from the API** | ${kb(total)} | ${kb(z.scripts.decoded + z.styles.decoded + z.data.decoded)} | ${within(total, BUDGET.total)} |`,
      `| API answers (32 demo contingents, reference data) | ${kb(z.api.encoded)} | ${kb(z.api.decoded)} | |`,
      '',
      '### Time to the first complete render of the map',
      '',
      `From navigation to \`/#/map\` (already logged in) until the map has drawn its data (the \`crc:map-ready\``,
      `performance mark), ${RUNS} fresh browser contexts each:`,
      '',
      '| contingents | median | min | max |',
      '|---:|---:|---:|---:|',
      `| 32 (demo) | ${demo.median.toFixed(0)} ms | ${demo.min.toFixed(0)} ms | ${demo.max.toFixed(0)} ms |`,
      `| ${SYMBOLS + 32} | ${many.median.toFixed(0)} ms | ${many.min.toFixed(0)} ms | ${many.max.toFixed(0)} ms |`,
      '',
      `### Panning with ${SYMBOLS + 32} contingents on the map`,
      '',
      `The view moves 4 CSS pixels every animation frame for ${PAN_SECONDS} s; frames per second are the map's`,
      'own render events per second (the browser caps animation frames at 60 per second). "Dragged" marks the',
      'view as interacting, as a hand dragging the map does; "re-centred" moves it without that mark, as a',
      'programmatic pan would, so every frame is drawn from scratch (labels decluttered anew).',
      '',
      '| view | how | contingents in view | frames per second | 95th percentile frame interval |',
      '|---|---|---:|---:|---:|',
      ...runs.map((r) => `| ${r.where} | ${r.dragging ? 'dragged' : 're-centred'} | ${r.drawn} | ${r.fps.toFixed(1)} | ${r.frameP95.toFixed(1)} ms |`),
      '<!-- console-bench:end -->',
    ].join('\n');
    const file = join(ROOT, 'docs/benchmarks.md');
    let doc = readFileSync(file, 'utf8');
    const re = /<!-- console-bench:begin -->[\s\S]*<!-- console-bench:end -->/;
    doc = re.test(doc) ? doc.replace(re, md) : `${doc.trimEnd()}\n\n${md}\n`;
    writeFileSync(file, doc);
    console.log(md);
    log('wrote docs/benchmarks.md');
  } finally {
    await browser.close();
    await stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
