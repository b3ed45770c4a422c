// Which APP-6(D) / MIL-STD-2525D unit symbol stands for a contingent: the main icon follows the
// component it is assigned to, the echelon amplifier follows its personnel strength, and the
// affiliation is always friend (every contingent on this map belongs to a member state).
//
// 20-digit symbol identification code (SIDC), as milsymbol reads it:
//   10 (version 2525D/APP-6D) · 0 (reality) · 3 (friend) · 10 (land unit) · 0 (present)
//   · 0 (no HQ/task force) · echelon (2) · main icon (6) · modifier 1 (2) · modifier 2 (2)

export interface UnitIcon {
  /** Main icon, land unit symbol set (entity, type, subtype). */
  entity: string;
  /** Sector 1 modifier (top of the frame), '00' for none. */
  modifier1?: string;
  /** Sector 2 modifier (bottom of the frame), '00' for none. */
  modifier2?: string;
}

/**
 * The components of the reference data (reference/components), by key. The collective forces
 * have no symbols of their own in the standard; these are the nearest standard ones.
 */
export const COMPONENT_ICONS: Record<string, UnitIcon> = {
  // Collective Rapid Reaction Forces: airborne / air-assault infantry.
  crrf: { entity: '121100', modifier2: '01' },
  // Collective Rapid Deployment Forces (Central Asia): motor rifle, i.e. motorized infantry.
  crdf_car: { entity: '121104' },
  // Collective Aviation Forces: military transport aviation, fixed wing.
  aviation: { entity: '120800' },
  // Intelligence units and services: reconnaissance.
  intelligence: { entity: '121300' },
  // Logistics support forces: supply.
  logistics: { entity: '163400' },
  // Joint formation of NBC protection and medical support: CBRN defence.
  nbc_medical: { entity: '140100' },
  // Peacekeeping Forces: the standard has no peacekeeping icon; multinational (MN) infantry.
  peacekeeping: { entity: '121100', modifier1: '39' },
  // Emergency rescue units: search and rescue.
  rescue: { entity: '141800' },
};

/** A component the console does not know yet: a land unit frame without icon. */
export const UNKNOWN_ICON: UnitIcon = { entity: '000000' };

/**
 * Echelon amplifier by personnel: the largest echelon whose usual strength the unit reaches.
 * Strengths differ from army to army; these bounds follow common practice closely enough for a
 * picture of the forces, and the card gives the exact figure.
 */
const ECHELONS: { upTo: number; code: string; name: string }[] = [
  { upTo: 9, code: '11', name: 'team' },
  { upTo: 14, code: '12', name: 'squad' },
  { upTo: 24, code: '13', name: 'section' },
  { upTo: 60, code: '14', name: 'platoon' },
  { upTo: 250, code: '15', name: 'company' },
  { upTo: 1000, code: '16', name: 'battalion' },
  { upTo: 3000, code: '17', name: 'regiment' },
  { upTo: 6000, code: '18', name: 'brigade' },
  { upTo: 20000, code: '21', name: 'division' },
  { upTo: 60000, code: '22', name: 'corps' },
  { upTo: Infinity, code: '23', name: 'army' },
];

export type EchelonName =
  | 'team'
  | 'squad'
  | 'section'
  | 'platoon'
  | 'company'
  | 'battalion'
  | 'regiment'
  | 'brigade'
  | 'division'
  | 'corps'
  | 'army';

function echelonOf(personnel: number) {
  const n = Number.isFinite(personnel) ? Math.max(0, personnel) : 0;
  return ECHELONS.find((e) => n <= e.upTo)!;
}

/** The echelon name for a personnel strength. */
export function echelonName(personnel: number): EchelonName {
  return echelonOf(personnel).name as EchelonName;
}

/** The SIDC's two echelon digits for a personnel strength. */
export function echelonCode(personnel: number): string {
  return echelonOf(personnel).code;
}

export function iconFor(component: string): UnitIcon {
  return Object.hasOwn(COMPONENT_ICONS, component) ? COMPONENT_ICONS[component]! : UNKNOWN_ICON;
}

/** The 20-digit SIDC of a friendly land unit of this component and strength. */
export function sidcFor(component: string, personnel: number): string {
  return sidcWithEchelon(component, echelonCode(personnel));
}

/** The SIDC without echelon, for the legend. */
export function legendSidc(component: string): string {
  return sidcWithEchelon(component, '00');
}

function sidcWithEchelon(component: string, echelon: string): string {
  const icon = iconFor(component);
  return `10031000${echelon}${icon.entity}${icon.modifier1 ?? '00'}${icon.modifier2 ?? '00'}`;
}

