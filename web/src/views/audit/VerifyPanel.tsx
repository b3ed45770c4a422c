import { useEffect, useState } from 'preact/hooks';
import { api, isAbort } from '../../api/calls';
import type { AuditVerify } from '../../api/types';
import { formatDateTime, formatNumber } from '../../i18n';
import { describeError } from '../../ui/errors';
import { t } from './audit.messages';

/** The hash chain's state: intact, or the problems the server names; checked again on request. */
export function VerifyPanel() {
  const [result, setResult] = useState<{ verify: AuditVerify; at: Date } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(true);
  const [run, setRun] = useState(0);

  useEffect(() => {
    const ctl = new AbortController();
    setBusy(true);
    setError(null);
    api.verifyAudit(ctl.signal).then(
      (verify) => {
        setResult({ verify, at: new Date() });
        setBusy(false);
      },
      (e) => {
        if (isAbort(e)) return;
        setError(e);
        setBusy(false);
      },
    );
    return () => ctl.abort();
  }, [run]);

  const v = result?.verify;
  const state = busy ? 'checking' : error ? 'error' : v?.intact ? 'intact' : 'broken';
  return (
    <section class={`panel verify-panel verify-${state}`} aria-labelledby="verify-heading" data-testid="audit-verify-panel">
      <div class="verify-head">
        <h2 id="verify-heading">{t('verifyHeading')}</h2>
        <button type="button" class="button button-small" onClick={() => setRun((n) => n + 1)} disabled={busy}
          data-testid="audit-verify">
          {t('verify')}
        </button>
      </div>
      <p role="status" data-testid="audit-verify-status" data-state={state}>
        <span class="verify-mark" aria-hidden="true">
          {state === 'intact' ? '✔' : state === 'broken' || state === 'error' ? '✖' : '…'}
        </span>{' '}
        {busy
          ? t('verifying')
          : error
            ? t('verifyFailed', { message: describeError(error) })
            : v!.intact
              ? t('intact', { entries: formatNumber(v!.entries) })
              : t('broken', { n: formatNumber(v!.problems.length), entries: formatNumber(v!.entries) })}
        {result && !busy && <span class="muted"> · {t('verifiedAt', { at: formatDateTime(result.at, { seconds: true }) })}</span>}
      </p>
      {v && !v.intact && !busy && (
        <ul class="verify-problems" data-testid="audit-problems">
          {v.problems.map((p, i) => (
            <li key={i} lang="en">{p}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
