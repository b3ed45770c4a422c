// Wire types of the reference kinds that `types.ts` does not describe (it holds the ones the
// map needs). Shapes follow crates/crc-domain/src/reference.rs; descriptive free text
// (description, composition, notes, source) exists in English only.

import type { ComponentRef, Localized, RegionRef, StateRef } from './types';

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: the sources often give only a year or a month. */
export type PartialDate = string;

export type Participation = 'participating' | 'observer' | 'not_participating' | 'suspended';

export interface ActivityRef {
  key: string;
  name: Localized;
  description: string | null;
  participation: Record<string, Participation>;
  source: string | null;
}

export type BodyKind = 'statutory' | 'permanent_working' | 'subsidiary' | 'unit' | 'parliamentary';

export interface MeetingRef {
  number: number;
  date: PartialDate | null;
  format: 'in_person' | 'videoconference';
  place: string | null;
  notes: string | null;
}

export interface BodyRef {
  key: string;
  name: Localized;
  abbreviation: Localized | null;
  kind: BodyKind;
  parent: string | null;
  composition: string | null;
  founded: PartialDate | null;
  seat: string | null;
  numbered_meetings: boolean;
  description: string | null;
  meetings: MeetingRef[];
}

export interface HolderRef {
  name: Localized;
  rank: Localized | null;
  state: string | null;
  from: PartialDate | null;
  to: PartialDate | null;
  acting: boolean;
  source: string | null;
}

export interface PostRef {
  key: string;
  body: string;
  title: Localized;
  holders: HolderRef[];
}

export interface ChairmanshipRef {
  year: number;
  state: string;
  motto: Localized | null;
}

export interface MemorandumRef {
  title: Localized;
  signed: PartialDate | null;
  signed_by: string | null;
  notes: string | null;
}

export interface PartnerRef {
  key: string;
  name: Localized;
  abbreviation: Localized | null;
  kind: string;
  memoranda: MemorandumRef[];
}

export interface ExerciseSeriesRef {
  key: string;
  name: Localized;
  components: string[];
  kind: string;
  since: number | null;
  notes: string | null;
}

/** Every kind `GET /reference/{kind}` serves, with its record type. */
export interface ReferenceKinds {
  states: StateRef;
  regions: RegionRef;
  components: ComponentRef;
  bodies: BodyRef;
  posts: PostRef;
  chairmanships: ChairmanshipRef;
  partners: PartnerRef;
  activities: ActivityRef;
  exercise_series: ExerciseSeriesRef;
}

export type ReferenceKind = keyof ReferenceKinds;

export const REFERENCE_KINDS: ReferenceKind[] = [
  'states',
  'bodies',
  'posts',
  'chairmanships',
  'partners',
  'components',
  'regions',
  'activities',
  'exercise_series',
];

export function isReferenceKind(s: string): s is ReferenceKind {
  return (REFERENCE_KINDS as string[]).includes(s);
}
