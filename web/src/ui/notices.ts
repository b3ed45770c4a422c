// Short messages for the user that outlive the view that raised them (saved, deleted,
// failed in the background). Shown in one polite live region under the header.

import { signal } from '@preact/signals';

export type NoticeKind = 'info' | 'success' | 'error';
export interface Notice {
  id: number;
  kind: NoticeKind;
  text: string;
}

export const notices = signal<Notice[]>([]);
let next = 1;
const timers = new Map<number, ReturnType<typeof setTimeout>>();

/** Errors stay until dismissed; other notices leave by themselves. */
export function notify(kind: NoticeKind, text: string): number {
  const id = next++;
  // The same text twice in a row (e.g. repeated background failures) is shown once.
  const list = notices.value.filter((n) => n.text !== text);
  notices.value = [...list, { id, kind, text }].slice(-5);
  if (kind !== 'error') timers.set(id, setTimeout(() => dismiss(id), 6000));
  return id;
}

export function dismiss(id: number): void {
  clearTimeout(timers.get(id));
  timers.delete(id);
  notices.value = notices.value.filter((n) => n.id !== id);
}

export function clearNotices(): void {
  for (const t of timers.values()) clearTimeout(t);
  timers.clear();
  notices.value = [];
}
