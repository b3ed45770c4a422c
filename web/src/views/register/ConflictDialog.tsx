// The edit conflict as a choice: the fields where yours and theirs (the record now) differ,
// who changed each, and per field which to keep. The default keeps theirs as the base with
// your changes on top. Then: save that, discard yours and load theirs, or go on editing.

import { useMemo, useState } from 'preact/hooks';
import type { Contingent } from '../../api/types';
import { Dialog } from '../../ui/Dialog';
import { defaultChoices, diffFields, type Choice, type Choices } from './conflict';
import { t } from './contingent.messages';
import { displayValue, fieldLabel } from './display';
import { toFormValues, type FieldKey, type FormValues } from './formModel';
import { DataTable } from '../../ui/DataTable';

export interface ConflictDialogProps {
  base: FormValues;
  baseVersion: number;
  mine: FormValues;
  theirs: Contingent;
  busy: boolean;
  onOverwrite: (choices: Choices) => void;
  onReload: () => void;
  onContinue: (choices: Choices) => void;
  onClose: () => void;
}

export function ConflictDialog(p: ConflictDialogProps) {
  const theirs = useMemo(() => toFormValues(p.theirs), [p.theirs]);
  const diffs = useMemo(() => diffFields(p.base, p.mine, theirs), [p.base, p.mine, theirs]);
  const [choices, setChoices] = useState<Choices>(() => defaultChoices(diffs));
  const [showAll, setShowAll] = useState(false);
  const differing = diffs.filter((d) => d.differs);
  const shown = showAll ? diffs : differing;
  const choose = (f: FieldKey, c: Choice) => setChoices({ ...choices, [f]: c });

  return (
    <Dialog
      title={t('conflictTitle')}
      onClose={p.onClose}
      testId="conflict-dialog"
      role="alertdialog"
      wide
      actions={
        <>
          <button type="button" class="button" onClick={() => p.onContinue(choices)} disabled={p.busy}
            data-testid="conflict-continue">
            {t('conflictContinue')}
          </button>
          <button type="button" class="button" onClick={p.onReload} disabled={p.busy} data-testid="conflict-reload">
            {t('conflictReload')}
          </button>
          <button type="button" class="button button-primary" onClick={() => p.onOverwrite(choices)} disabled={p.busy}
            data-testid="conflict-overwrite" data-autofocus>
            {t('conflictOverwrite')}
          </button>
        </>
      }
    >
      <p>{t('conflictIntro', { base: p.baseVersion, version: p.theirs.version })}</p>
      {differing.length === 0 && <p class="muted" data-testid="conflict-same">{t('conflictSame')}</p>}
      {shown.length > 0 && (
        <DataTable
          testid="conflict-table"
          variant="conflict-table"
          columns={[
            t('conflictField'),
            t('conflictYours'),
            t('conflictTheirs'),
            t('conflictKeep'),
          ]}
        >
          {shown.map((d) => {
            const pick = choices[d.field] ?? 'theirs';
            const who = d.mine && d.theirs
              ? t('conflictChangedByBoth')
              : d.mine
                  ? t('conflictChangedByYou')
                  : d.theirs
                    ? t('conflictChangedByThem')
                    : '';
            const name = `keep-${d.field}`;
            return (
              <tr key={d.field} class={d.conflict ? 'is-conflict' : d.differs ? undefined : 'is-same'}
                data-testid={`conflict-row-${d.field}`} data-conflict={d.conflict} data-mine={d.mine} data-theirs={d.theirs}>
                <th scope="row">
                  {fieldLabel(d.field)}
                  {who && <span class="who">{who}</span>}
                </th>
                <td class={`value${d.differs && pick === 'mine' ? ' chosen' : ''}`} data-testid={`conflict-mine-${d.field}`}>
                  {displayValue(p.mine, d.field)}
                </td>
                <td class={`value${d.differs && pick === 'theirs' ? ' chosen' : ''}`} data-testid={`conflict-theirs-${d.field}`}>
                  {displayValue(theirs, d.field)}
                </td>
                <td>
                  {d.differs ? (
                    <div class="conflict-choice" role="radiogroup" aria-label={`${t('conflictKeep')}: ${fieldLabel(d.field)}`}>
                      <label class="check">
                        <input type="radio" name={name} checked={pick === 'mine'} onChange={() => choose(d.field, 'mine')}
                          data-testid={`conflict-keep-mine-${d.field}`} />
                        {t('conflictKeepYours')}
                      </label>
                      <label class="check">
                        <input type="radio" name={name} checked={pick === 'theirs'} onChange={() => choose(d.field, 'theirs')}
                          data-testid={`conflict-keep-theirs-${d.field}`} />
                        {t('conflictKeepTheirs')}
                      </label>
                    </div>
                  ) : (
                    <span class="muted">—</span>
                  )}
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}
      <label class="check conflict-options">
        <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.currentTarget.checked)} />
        {t('conflictShowAll')}
      </label>
    </Dialog>
  );
}
