// One wording for every failed request, so each view need not invent its own. The server's
// own message (English) is kept where it says something specific.

import { ApiFailure } from '../api/client';
import { t } from './ui.messages';

export function describeError(e: unknown): string {
  if (e instanceof ApiFailure) {
    if (e.status === 0) return t('errNetwork');
    if (e.status >= 500) return t('errServer', { status: e.status });
    if (e.status === 403) return t('errForbidden', { message: e.body.message });
    if (e.status === 404) return t('errNotFound');
    if (e.status === 429) return t('errThrottled', { message: e.body.message });
    return t('errOther', { message: e.body.message });
  }
  return t('errUnexpected', { message: e instanceof Error ? e.message : String(e) });
}
