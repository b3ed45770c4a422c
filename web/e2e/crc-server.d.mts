export function startCrc(
  bin: string,
  purpose: string,
): Promise<{ base: string; password: string; stop(): Promise<void> }>;
