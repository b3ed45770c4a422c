// Reference data, read once per session and again when the live stream says it changed.
// States, regions and components are needed everywhere (names, colours, form choices) and
// load at login; the other kinds load when the reference view first shows them.

import { computed, signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { api, isAbort } from '../api/calls';
import { isReferenceKind, type ReferenceKind, type ReferenceKinds } from '../api/referenceTypes';
import type { ComponentRef, StateRef } from '../api/types';
import { loc } from '../i18n';

type Loaded = { [K in ReferenceKind]?: ReferenceKinds[K][] };

export const referenceData = signal<Loaded>({});
export const referenceErrors = signal<Partial<Record<ReferenceKind, unknown>>>({});

export const CORE_KINDS: ReferenceKind[] = ['states', 'regions', 'components'];

let generation = 0;
const inflight = new Map<ReferenceKind, Promise<void>>();

export function loadReference(kind: ReferenceKind, force = false): Promise<void> {
  if (!force && referenceData.value[kind]) return Promise.resolve();
  const pending = inflight.get(kind);
  if (pending && !force) return pending;
  const gen = generation;
  const p = api
    .reference(kind)
    .then((rows) => {
      if (gen !== generation) return;
      referenceData.value = { ...referenceData.value, [kind]: rows };
      const { [kind]: _, ...rest } = referenceErrors.value;
      referenceErrors.value = rest;
    })
    .catch((e) => {
      if (gen !== generation || isAbort(e)) return;
      referenceErrors.value = { ...referenceErrors.value, [kind]: e };
      throw e;
    })
    .finally(() => {
      if (inflight.get(kind) === p) inflight.delete(kind);
    });
  inflight.set(kind, p);
  return p;
}

export function loadCoreReference(force = false): Promise<void> {
  return Promise.all(CORE_KINDS.map((k) => loadReference(k, force))).then(() => undefined);
}

/** After a change: reads again the named kinds that are held (all held ones if none named). */
export function reloadReference(kinds?: string[]): Promise<void> {
  const held = Object.keys(referenceData.value).filter(isReferenceKind);
  const want = kinds ? held.filter((k) => kinds.includes(k)) : held;
  for (const k of CORE_KINDS) if (!want.includes(k) && (!kinds || kinds.includes(k))) want.push(k);
  return Promise.all(want.map((k) => loadReference(k, true))).then(() => undefined);
}

export function resetReference(): void {
  generation++;
  inflight.clear();
  referenceData.value = {};
  referenceErrors.value = {};
}

/** A kind's records for a view, loading them on first use. */
export function useReference<K extends ReferenceKind>(
  kind: K,
): { rows: ReferenceKinds[K][] | undefined; error: unknown; retry: () => void } {
  useEffect(() => {
    loadReference(kind).catch(() => undefined);
  }, [kind]);
  return {
    rows: referenceData.value[kind] as ReferenceKinds[K][] | undefined,
    error: referenceErrors.value[kind],
    retry: () => void loadReference(kind, true).catch(() => undefined),
  };
}

export const states = computed(() => (referenceData.value.states ?? []) as StateRef[]);
export const components = computed(() => (referenceData.value.components ?? []) as ComponentRef[]);
export const regions = computed(() => referenceData.value.regions ?? []);
export const coreReady = computed(() => CORE_KINDS.every((k) => referenceData.value[k] !== undefined));

const statesByCode = computed(() => new Map(states.value.map((s) => [s.code, s])));
const componentsByKey = computed(() => new Map(components.value.map((c) => [c.key, c])));

export function stateRef(code: string): StateRef | undefined {
  return statesByCode.value.get(code);
}

/** A state's short name in the current language; the code if unknown. */
export function stateName(code: string): string {
  const s = statesByCode.value.get(code);
  return s ? loc(s.short_name) : code;
}

export function componentRef(key: string): ComponentRef | undefined {
  return componentsByKey.value.get(key);
}

export function componentName(key: string): string {
  const c = componentsByKey.value.get(key);
  return c ? loc(c.name) : key;
}

/** The abbreviation where there is one (tables and charts), else the name. */
export function componentShort(key: string): string {
  const c = componentsByKey.value.get(key);
  if (!c) return key;
  return c.abbreviation ? loc(c.abbreviation) : loc(c.name);
}

export function componentColour(key: string): string {
  return componentsByKey.value.get(key)?.colour ?? '#6b7280';
}
