// Symbol choice: every component of the reference data gets a valid APP-6(D) SIDC, a friendly
// land unit, with the echelon following personnel.

import ms from 'milsymbol';
import { describe, expect, it } from 'vitest';
import type { ComponentRef } from '../../api/types';
import {
  COMPONENT_ICONS,
  UNKNOWN_ICON,
  echelonCode,
  echelonName,
  iconFor,
  legendSidc,
  sidcFor,
} from './unit-symbols';
import { iconColourOn } from './symbol-icons';

/** The component keys as the server's reference data has them (reference/components). */
const REFERENCE_COMPONENTS: Pick<ComponentRef, 'key' | 'colour'>[] = [
  { key: 'aviation', colour: '#00838f' },
  { key: 'crdf_car', colour: '#8c510a' },
  { key: 'crrf', colour: '#d7301f' },
  { key: 'intelligence', colour: '#6a3d9a' },
  { key: 'logistics', colour: '#4d7c0f' },
  { key: 'nbc_medical', colour: '#c51b7d' },
  { key: 'peacekeeping', colour: '#1f78b4' },
  { key: 'rescue', colour: '#e66101' },
];

describe('sidcFor', () => {
  it.each(REFERENCE_COMPONENTS.map((c) => c.key))('gives component %s its own, valid symbol', (key) => {
    expect(Object.hasOwn(COMPONENT_ICONS, key)).toBe(true);
    for (const personnel of [5, 40, 120, 480, 2000, 9000]) {
      const sidc = sidcFor(key, personnel);
      expect(sidc).toMatch(/^\d{20}$/);
      expect(new ms.Symbol(sidc).isValid()).toBe(true);
    }
  });

  it('draws a friendly land unit, present, in reality', () => {
    const sidc = sidcFor('crrf', 100);
    expect(sidc.slice(0, 2)).toBe('10'); // 2525D / APP-6D
    expect(sidc.slice(2, 4)).toBe('03'); // reality, friend
    expect(sidc.slice(4, 6)).toBe('10'); // land unit
    expect(sidc.slice(6, 8)).toBe('00'); // present, no HQ / task force
    const meta = new ms.Symbol(sidc).getMetadata();
    expect(meta.affiliation).toBe('Friend');
    expect(meta.dimension).toBe('Ground');
    expect(meta.unit).toBe(true);
  });

  it('tells the components apart', () => {
    const icons = REFERENCE_COMPONENTS.map((c) => legendSidc(c.key));
    expect(new Set(icons).size).toBe(icons.length);
  });

  it('falls back to a plain, valid land unit frame for an unknown component', () => {
    expect(iconFor('space_forces')).toBe(UNKNOWN_ICON);
    expect(iconFor('constructor')).toBe(UNKNOWN_ICON); // not an inherited property
    const sidc = sidcFor('space_forces', 300);
    expect(new ms.Symbol(sidc).isValid()).toBe(true);
    expect(sidc.slice(10, 16)).toBe('000000');
  });

  it('leaves the echelon out of the legend symbol', () => {
    expect(legendSidc('crrf').slice(8, 10)).toBe('00');
    expect(new ms.Symbol(legendSidc('crrf')).isValid()).toBe(true);
  });
});

describe('echelon by personnel', () => {
  it.each([
    [0, 'team'],
    [9, 'team'],
    [10, 'squad'],
    [20, 'section'],
    [32, 'platoon'],
    [60, 'platoon'],
    [61, 'company'],
    [120, 'company'],
    [250, 'company'],
    [420, 'battalion'],
    [1000, 'battalion'],
    [2500, 'regiment'],
    [5000, 'brigade'],
    [15000, 'division'],
    [40000, 'corps'],
    [100000, 'army'],
  ] as const)('%i people make a %s', (personnel, name) => {
    expect(echelonName(personnel)).toBe(name);
  });

  it('never shrinks as personnel grows', () => {
    let last = 0;
    for (let n = 0; n <= 120000; n += 7) {
      const code = Number(echelonCode(n));
      expect(code).toBeGreaterThanOrEqual(last);
      last = code;
    }
  });

  it('copes with nonsense figures', () => {
    expect(echelonName(-5)).toBe('team');
    expect(echelonName(Number.NaN)).toBe('team');
  });

  it('shows in the symbol as milsymbol reads it', () => {
    expect(new ms.Symbol(sidcFor('crrf', 120)).getMetadata().echelon).toBe('Company/battery/troop');
    expect(new ms.Symbol(sidcFor('crrf', 480)).getMetadata().echelon).toBe('Battalion/squadron');
    expect(new ms.Symbol(sidcFor('crrf', 40)).getMetadata().echelon).toBe('Platoon/detachment');
  });
});

describe('icon colour on the component fill', () => {
  it('is black on light fills and white on dark ones', () => {
    expect(iconColourOn('#ffeb3b')).toBe('black');
    expect(iconColourOn('#6a3d9a')).toBe('white');
    expect(iconColourOn('#000000')).toBe('white');
    expect(iconColourOn('not a colour')).toBe('black');
  });
});
