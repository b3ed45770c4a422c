// Starts the real server once for the end-to-end run and stops it afterwards, checking that
// it stopped cleanly.

import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startCrc } from './crc-server.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server's base URL, `http://127.0.0.1:PORT`. */
    base: string;
    /** The demonstration accounts' password. */
    password: string;
  }
}

let stop: (() => Promise<void>) | undefined;

export async function setup(project: TestProject): Promise<void> {
  const bin = resolve(process.env.CRC_BIN ?? join(import.meta.dirname, '../../target/debug/crc'));
  const server = await startCrc(bin, 'e2e');
  stop = server.stop;
  project.provide('base', server.base);
  project.provide('password', server.password);
}

export async function teardown(): Promise<void> {
  await stop?.();
}
