// The frame around every view once logged in: header with navigation and tools, notices,
// and the content area where the route table's view for the current hash appears.

import { useRef } from 'preact/hooks';
import type { User } from '../api/types';
import { Notices } from '../ui/Notices';
import { NotificationBell } from '../views/crisis/NotificationBell';
import { DensitySwitch, LangSwitch, LiveStatus, ZoneClock } from './HeaderControls';
import { currentSection, RouteOutlet } from './RouteOutlet';
import { navEntries, ROUTES } from './routes';
import { t } from './shell.messages';
import { UserPanel } from './UserPanel';
import './shell.css';

export function Shell({ user }: { user: User }) {
  const main = useRef<HTMLElement>(null);
  const section = currentSection();
  return (
    <div class="app">
      <button type="button" class="skip-link" onClick={() => main.current?.focus()}>
        {t('skipToContent')}
      </button>
      <header class="topbar">
        <a class="brand" href="#/map" title={t('appName')}>
          <span class="brand-mark" aria-hidden="true">◆</span>
          <span class="brand-short">{t('appShort')}</span>
          <span class="brand-long">{t('appName')}</span>
        </a>
        <nav class="mainnav" aria-label={t('mainNav')}>
          {navEntries(ROUTES, user).map((e) => (
            <a
              key={e.section}
              href={e.href}
              data-testid={e.testId}
              aria-current={e.section === section ? 'page' : undefined}
            >
              {e.label()}
            </a>
          ))}
        </nav>
        <div class="toolbar">
          <NotificationBell />
          <LiveStatus />
          <ZoneClock />
          <LangSwitch />
          <DensitySwitch />
          <UserPanel user={user} />
        </div>
      </header>
      <Notices />
      <main id="main" ref={main} tabIndex={-1} class="content">
        <RouteOutlet user={user} mainRef={main} />
      </main>
    </div>
  );
}
