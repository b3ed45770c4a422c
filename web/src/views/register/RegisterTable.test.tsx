// The register offers on each row only what the user may do there.
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { Contingent, Role, User } from '../../api/types';
import { RegisterTable } from './RegisterTable';

const row = (id: number, state: string): Contingent => ({
  id, state, component: 'crrf', name: `Unit ${id}`, home_station: { name: 'X', lat: 1, lon: 1 },
  personnel: 10, equipment: 1, readiness: 'high', notes: '', releasability: { label: 'organization', states: [] },
  demo: false, version: 1, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z',
});
const user = (role: Role, state: string | null = null): User => ({
  id: 1, username: 'u', display_name: 'U', role, state, locale: 'en', disabled: false, created_at: '', updated_at: '',
});
const rows = [row(1, 'ARM'), row(2, 'KAZ')];

function actions(u: User) {
  const host = document.createElement('div');
  document.body.append(host);
  render(<RegisterTable rows={rows} sort="name" desc={false} user={u} onSort={() => {}} onDelete={() => {}} />, host);
  const ids = (prefix: string) =>
    [...host.querySelectorAll(`[data-testid^="${prefix}"]`)].map((e) => e.getAttribute('data-testid'));
  return { edit: ids('register-edit-'), del: ids('register-delete-'), rows: ids('register-row-') };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('register row actions', () => {
  it('a liaison officer sees Edit and Delete only on their own state', () => {
    const a = actions(user('liaison_officer', 'KAZ'));
    expect(a.rows).toEqual(['register-row-1', 'register-row-2']);
    expect(a.edit).toEqual(['register-edit-2']);
    expect(a.del).toEqual(['register-delete-2']);
  });

  it('a duty officer edits everything and deletes nothing', () => {
    const a = actions(user('duty_officer'));
    expect(a.edit).toEqual(['register-edit-1', 'register-edit-2']);
    expect(a.del).toEqual([]);
  });

  it('a planner edits and deletes everything', () => {
    const a = actions(user('planner'));
    expect(a.edit).toHaveLength(2);
    expect(a.del).toHaveLength(2);
  });

  it('an observer only reads', () => {
    const a = actions(user('observer', 'KAZ'));
    expect(a.edit).toEqual([]);
    expect(a.del).toEqual([]);
  });
});
