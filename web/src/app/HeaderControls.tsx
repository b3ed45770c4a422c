// The header's small controls: live status light, clock with the time-zone switch, language
// and density switches.

import { useEffect, useState } from 'preact/hooks';
import { liveStatus } from '../data/liveSync';
import { formatClock } from '../format/clock';
import { locale, setZoneMode, zoneMode } from '../i18n';
import { density, setDensity } from '../session/preferences';
import { changeLocale } from '../session/session';
import { describeError } from '../ui/errors';
import { notify } from '../ui/notices';
import { t } from './shell.messages';

export function LiveStatus() {
  const s = liveStatus.value;
  const label = s === 'live' ? t('liveLive') : s === 'offline' ? t('liveOffline') : t('liveConnecting');
  const hint = s === 'live' ? t('liveLiveHint') : s === 'offline' ? t('liveOfflineHint') : t('liveConnectingHint');
  return (
    <span class={`live-status live-${s}`} role="status" title={hint} data-testid="live-status" data-state={s}>
      <span class="live-dot" aria-hidden="true" />
      <span class="live-label">{label}</span>
      <span class="sr-only">{hint}</span>
    </span>
  );
}

export function ZoneClock() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(id);
  }, []);
  const utc = zoneMode.value === 'utc';
  const zone = utc ? t('zoneUtc') : t('zoneLocal');
  const other = utc ? t('zoneLocal') : t('zoneUtc');
  return (
    <button
      type="button"
      class="header-button clock"
      aria-label={t('zoneSwitchLabel', { zone, other })}
      title={t('zoneSwitchLabel', { zone, other })}
      aria-pressed={utc}
      data-testid="zone-switch"
      data-zone={zoneMode.value}
      onClick={() => setZoneMode(utc ? 'local' : 'utc')}
    >
      <time>{formatClock(now)}</time>
    </button>
  );
}

export function LangSwitch() {
  const ru = locale.value === 'ru';
  const target = ru ? t('switchToEn') : t('switchToRu');
  return (
    <button
      type="button"
      class="header-button"
      lang={ru ? 'en' : 'ru'}
      aria-label={t('switchLanguageLabel', { language: target })}
      title={t('switchLanguageLabel', { language: target })}
      data-testid="lang-switch"
      data-locale={locale.value}
      onClick={() => changeLocale(ru ? 'en' : 'ru').catch((e) => notify('error', describeError(e)))}
    >
      {ru ? 'EN' : 'RU'}
    </button>
  );
}

export function DensitySwitch() {
  const wall = density.value === 'wall';
  const current = wall ? t('densityWall') : t('densityStandard');
  const other = wall ? t('densityStandard') : t('densityWall');
  return (
    <button
      type="button"
      class="header-button"
      aria-pressed={wall}
      aria-label={t('densitySwitchLabel', { density: current, other })}
      title={t('densitySwitchLabel', { density: current, other })}
      data-testid="density-switch"
      onClick={() => setDensity(wall ? 'standard' : 'wall')}
    >
      <span aria-hidden="true">{wall ? '▣' : '□'}</span> {current}
    </button>
  );
}
