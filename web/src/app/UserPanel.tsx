import type { User } from '../api/types';
import { stateName } from '../data/reference';
import { roleLabel } from '../domain/vocabulary.messages';
import { logout } from '../session/session';
import { navigate } from './router';
import { t } from './shell.messages';

/** Who is logged in (name, role, state) and the way out; always visible, no menu to open. */
export function UserPanel({ user }: { user: User }) {
  return (
    <div class="user-panel" role="group" aria-label={t('userPanel')} data-testid="user-menu">
      <span class="user-id">
        <span class="user-name" data-testid="user-name" title={user.username}>
          {user.display_name}
        </span>
        <span class="user-role" data-testid="user-role" data-role={user.role}>
          {roleLabel(user.role)}
          {user.state && (
            <>
              {' · '}
              <span data-testid="user-state" title={t('stateOf', { state: stateName(user.state) })}>
                {stateName(user.state)}
              </span>
            </>
          )}
        </span>
      </span>
      <button type="button" class="header-button" data-testid="logout" onClick={() => void logout().then(() => navigate('', {}, { replace: true }))}>
        {t('logout')}
      </button>
    </div>
  );
}
