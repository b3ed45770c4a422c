// Starts the real server once for the end-to-end run: `crc serve --demo` (the README's run
// command) in a fresh temporary folder, on a free port of 127.0.0.1, and stops it afterwards,
// checking that it stopped cleanly.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server's base URL, `http://127.0.0.1:PORT`. */
    base: string;
    /** The demonstration accounts' password. */
    password: string;
  }
}

let server: ChildProcess | undefined;
let dir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  const bin = resolve(process.env.CRC_BIN ?? join(import.meta.dirname, '../../target/debug/crc'));
  dir = mkdtempSync(join(tmpdir(), 'crc-e2e-'));
  server = spawn(bin, ['serve', '--demo'], {
    cwd: dir,
    env: { ...process.env, CRC_BIND: '127.0.0.1:0', CRC_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const started = await new Promise<{ base: string; password: string }>((ok, fail) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => fail(new Error(`crc serve did not start in 60 s:\n${out}\n${err}`)), 60_000);
    server!.stderr!.on('data', (d) => (err += d));
    server!.on('exit', (code) => fail(new Error(`crc serve exited (${code}):\n${out}\n${err}`)));
    server!.stdout!.on('data', (d) => {
      out += d;
      const base = /serving on (http:\/\/127\.0\.0\.1:\d+)\//.exec(out)?.[1];
      const password = /with the password: (\S+)/.exec(out)?.[1];
      if (base && password) {
        clearTimeout(timer);
        ok({ base, password });
      }
    });
  });
  project.provide('base', started.base);
  project.provide('password', started.password);
}

export async function teardown(): Promise<void> {
  if (server && server.exitCode === null) {
    const exited = new Promise<number | null>((ok) => server!.on('exit', (code) => ok(code)));
    server.kill('SIGTERM');
    const t0 = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const code = await Promise.race([
      exited,
      new Promise<'timeout'>((ok) => (timer = setTimeout(() => ok('timeout'), 15_000))),
    ]);
    clearTimeout(timer);
    if (code === 'timeout') {
      server.kill('SIGKILL');
      throw new Error('crc serve did not stop within 15 s of SIGTERM (open event streams?)');
    }
    if (code !== 0) throw new Error(`crc serve stopped with exit code ${code}`);
    console.log(`crc serve stopped cleanly ${Date.now() - t0} ms after SIGTERM`);
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
}
