import { useState } from 'preact/hooks';
import type { AuditEntry } from '../../api/types';
import { t } from './audit.messages';
import { auditDiff, formatAuditValue } from './auditDiff';

/** The before/after of one entry, field by field; unchanged fields on request. */
export function AuditDiffTable({ entry }: { entry: AuditEntry }) {
  const [all, setAll] = useState(false);
  const lines = auditDiff(entry.before, entry.after);
  const shown = all ? lines : lines.filter((l) => l.change !== 'same');
  return (
    <div class="audit-diff" data-testid={`audit-diff-${entry.seq}`}>
      {shown.length === 0 ? (
        <p class="muted">{t('noChanges')}</p>
      ) : (
        <table class="data diff-table">
          <thead>
            <tr>
              <th scope="col">{t('colField')}</th>
              <th scope="col">{t('colBefore')}</th>
              <th scope="col">{t('colAfter')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((l) => (
              <tr key={l.path} class={`diff-${l.change}`} data-change={l.change}>
                <th scope="row" class="mono">
                  {l.path}
                  {l.change !== 'same' && <span class="sr-only"> ({t(l.change)})</span>}
                </th>
                <td class="diff-before">{l.change === 'added' ? '' : formatAuditValue(l.before)}</td>
                <td class="diff-after">{l.change === 'removed' ? '' : formatAuditValue(l.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div class="diff-foot">
        <label class="check">
          <input type="checkbox" checked={all} onChange={(e) => setAll(e.currentTarget.checked)} />
          {t('showUnchanged')}
        </label>
        <span class="mono muted hash" title={entry.hash}>
          {t('hash')}: {entry.hash.slice(0, 16)}… · {t('prevHash')}: {entry.prev_hash.slice(0, 16)}…
        </span>
      </div>
    </div>
  );
}
