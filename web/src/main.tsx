// Entry point: preferences, router and session first, then the tree.

import { render } from 'preact';
import { App } from './app/App';
import { startRouter } from './app/router';
import { locale } from './i18n';
import { bindDocumentPreferences, initialLocale } from './session/preferences';
import { restoreSession } from './session/session';
import './styles/base.css';
import './styles/controls.css';

locale.value = initialLocale();
bindDocumentPreferences();
startRouter();
void restoreSession();
render(<App />, document.getElementById('app')!);
