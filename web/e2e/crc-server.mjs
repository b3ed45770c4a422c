// Starts the real `crc serve --demo` (the README's run command) in a fresh temporary folder
// on a free port of 127.0.0.1, for the end-to-end tests and the console benchmark. Plain
// JavaScript so that both the tests (TypeScript under vitest) and the benchmark (node) use it.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** @param {string} bin the crc binary @param {string} purpose names the temporary folder */
export async function startCrc(bin, purpose) {
  const dir = mkdtempSync(join(tmpdir(), `crc-${purpose}-`));
  const proc = spawn(bin, ['serve', '--demo'], {
    cwd: dir,
    env: { ...process.env, CRC_BIND: '127.0.0.1:0', CRC_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stderr.on('data', (d) => (err += d));
  const { base, password } = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`crc serve did not start in 60 s:\n${out}\n${err}`)), 60_000);
    proc.on('exit', (code) => fail(new Error(`crc serve exited (${code}):\n${out}\n${err}`)));
    proc.stdout.on('data', (d) => {
      out += d;
      const base = /serving on (http:\/\/127\.0\.0\.1:\d+)\//.exec(out)?.[1];
      const password = /with the password: (\S+)/.exec(out)?.[1];
      if (base && password) {
        clearTimeout(timer);
        ok({ base, password });
      }
    });
  });

  /** SIGTERM, then waits up to 15 s; throws unless it stopped cleanly. Removes the folder. */
  async function stop() {
    try {
      if (proc.exitCode !== null) return;
      const exited = new Promise((ok) => proc.on('exit', (code) => ok(code)));
      proc.kill('SIGTERM');
      const t0 = Date.now();
      let timer;
      const code = await Promise.race([
        exited,
        new Promise((ok) => (timer = setTimeout(() => ok('timeout'), 15_000))),
      ]);
      clearTimeout(timer);
      if (code === 'timeout') {
        proc.kill('SIGKILL');
        throw new Error('crc serve did not stop within 15 s of SIGTERM (open event streams?)');
      }
      if (code !== 0) throw new Error(`crc serve stopped with exit code ${code}:\n${err}`);
      console.log(`crc serve stopped cleanly ${Date.now() - t0} ms after SIGTERM`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  return { base, password, stop };
}
