// Collects items arriving in bursts and hands them over in one batch once the burst is
// quiet for `quietMs`, or at the latest `maxWaitMs` after its first item, so a steady stream
// still shows up promptly.

export interface Batcher<T> {
  push(item: T): void;
  /** Hands over what is pending now. */
  flush(): void;
  /** Drops what is pending and stops. */
  cancel(): void;
}

export function createBatcher<T>(
  onBatch: (items: T[]) => void,
  opts: { quietMs: number; maxWaitMs: number },
): Batcher<T> {
  let items: T[] = [];
  let quiet: ReturnType<typeof setTimeout> | undefined;
  let deadline: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    clearTimeout(quiet);
    clearTimeout(deadline);
    quiet = deadline = undefined;
    if (items.length === 0) return;
    const batch = items;
    items = [];
    onBatch(batch);
  };

  return {
    push(item) {
      items.push(item);
      clearTimeout(quiet);
      quiet = setTimeout(flush, opts.quietMs);
      if (deadline === undefined) deadline = setTimeout(flush, opts.maxWaitMs);
    },
    flush,
    cancel() {
      clearTimeout(quiet);
      clearTimeout(deadline);
      quiet = deadline = undefined;
      items = [];
    },
  };
}
