// The route table: every view of the console is one entry here. A later view (crisis
// response, planning, training, monitoring) is added by one more entry; with `nav` it also
// appears in the header, and with `allowed` only for the roles it serves.

import type { ComponentType } from 'preact';
import type { User } from '../api/types';
import { canViewAudit } from '../domain/permissions';
import { matchPattern } from './router';
import { t } from './shell.messages';

export interface RouteProps {
  params: Record<string, string>;
  query: Record<string, string>;
}

export interface RouteDef {
  /** The path after `#/`; `:name` matches one segment. The first match wins. */
  pattern: string;
  /** The navigation entry lit while this route shows. */
  section: string;
  /** Loaded on first visit, so the login page does not wait for the map library. */
  load?: () => Promise<{ default: ComponentType<RouteProps> }>;
  /** Instead of a view: go to this path (`#/` → `#/map`). */
  redirect?: string;
  title: (params: Record<string, string>) => string;
  /** Who may open it; everyone logged in when absent. */
  allowed?: (u: User) => boolean;
  /** Present on the entry that represents its section in the header. */
  nav?: { label: () => string; testId: string };
}

export const HOME = 'map';

export const ROUTES: RouteDef[] = [
  { pattern: '', section: 'map', redirect: HOME, title: () => t('titleMap') },
  {
    pattern: 'map',
    section: 'map',
    load: () => import('../views/situation/MapPage'),
    title: () => t('titleMap'),
    nav: { label: () => t('navMap'), testId: 'nav-map' },
  },
  {
    pattern: 'register',
    section: 'register',
    load: () => import('../views/register/RegisterPage'),
    title: () => t('titleRegister'),
    nav: { label: () => t('navRegister'), testId: 'nav-register' },
  },
  {
    pattern: 'register/new',
    section: 'register',
    load: () => import('../views/register/ContingentPage'),
    title: () => t('titleNewContingent'),
  },
  {
    pattern: 'register/:id',
    section: 'register',
    load: () => import('../views/register/ContingentPage'),
    title: (p) => t('titleContingent', { id: p.id ?? '' }),
  },
  {
    pattern: 'crisis',
    section: 'crisis',
    load: () => import('../views/crisis/BoardPage'),
    title: () => t('titleCrisis'),
    nav: { label: () => t('navCrisis'), testId: 'nav-crisis' },
  },
  {
    pattern: 'crisis/new/:kind',
    section: 'crisis',
    load: () => import('../views/crisis/NewRecordPage'),
    title: () => t('titleNewCrisis'),
  },
  {
    pattern: 'crisis/journal/:id',
    section: 'crisis',
    load: () => import('../views/crisis/JournalPage'),
    title: (p) => t('titleCrisisJournal', { id: p.id ?? '' }),
  },
  {
    pattern: 'crisis/decision/:id/control',
    section: 'crisis',
    load: () => import('../views/crisis/ControlPage'),
    title: (p) => t('titleCrisisControl', { id: p.id ?? '' }),
  },
  {
    pattern: 'crisis/:kind/:id/amend',
    section: 'crisis',
    load: () => import('../views/crisis/AmendPage'),
    title: (p) => t('titleCrisisAmend', { id: p.id ?? '' }),
  },
  {
    pattern: 'crisis/:kind/:id',
    section: 'crisis',
    load: () => import('../views/crisis/RecordPage'),
    title: (p) => t('titleCrisisRecord', { id: p.id ?? '' }),
  },
  {
    pattern: 'plans/:id',
    section: 'crisis',
    load: () => import('../views/plans/PlanPage'),
    title: (p) => t('titlePlan', { id: p.id ?? '' }),
  },
  {
    pattern: 'training',
    section: 'training',
    load: () => import('../views/training/TrainingPage'),
    title: () => t('titleTraining'),
    nav: { label: () => t('navTraining'), testId: 'nav-training' },
  },
  {
    pattern: 'training/designs/:id',
    section: 'training',
    load: () => import('../views/training/DesignPage'),
    title: (p) => t('titleDesign', { id: p.id ?? '' }),
  },
  {
    pattern: 'training/runs/:id',
    section: 'training',
    load: () => import('../views/training/RunPage'),
    title: (p) => t('titleRun', { id: p.id ?? '' }),
  },
  { pattern: 'reference', section: 'reference', redirect: 'reference/states', title: () => t('titleReference') },
  {
    pattern: 'reference/:kind',
    section: 'reference',
    load: () => import('../views/reference/ReferencePage'),
    title: () => t('titleReference'),
    nav: { label: () => t('navReference'), testId: 'nav-reference' },
  },
  {
    pattern: 'audit',
    section: 'audit',
    load: () => import('../views/audit/AuditPage'),
    title: () => t('titleAudit'),
    allowed: (u) => canViewAudit(u),
    nav: { label: () => t('navAudit'), testId: 'nav-audit' },
  },
];

export interface Resolved {
  route: RouteDef | null;
  params: Record<string, string>;
}

export function resolve(routes: RouteDef[], segments: string[]): Resolved {
  for (const route of routes) {
    const params = matchPattern(route.pattern, segments);
    if (params) return { route, params };
  }
  return { route: null, params: {} };
}

/** The header's entries for this user, in table order. */
export function navEntries(routes: RouteDef[], user: User | null) {
  return routes
    .filter((r) => r.nav && user && (!r.allowed || r.allowed(user)))
    .map((r) => ({
      section: r.section,
      // A pattern with parameters links to the section's redirect (reference → its first kind).
      href: `#/${r.pattern.split('/:')[0]}`,
      label: r.nav!.label,
      testId: r.nav!.testId,
    }));
}
