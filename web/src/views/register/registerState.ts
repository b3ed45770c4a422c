// What the register remembers across views: the last filters (so "Back to the register"
// returns to the same list) and the record just saved (flashed in the table).

import { signal } from '@preact/signals';
import { readStored, writeStored } from '../../session/preferences';

export const lastRegisterParams = signal<Record<string, string | number | undefined>>({});
export const flashedId = signal<number | null>(null);

let flashTimer: ReturnType<typeof setTimeout> | undefined;
export function flash(id: number): void {
  flashedId.value = id;
  clearTimeout(flashTimer);
  flashTimer = setTimeout(() => {
    flashedId.value = null;
  }, 4000);
}

const CHARTS_KEY = 'crc.register.charts';
export const chartsOpen = signal(readStored(CHARTS_KEY) !== 'closed');
export function setChartsOpen(open: boolean): void {
  chartsOpen.value = open;
  writeStored(CHARTS_KEY, open ? 'open' : 'closed');
}
