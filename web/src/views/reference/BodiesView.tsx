import type { BodyKind, BodyRef } from '../../api/referenceTypes';
import { loc } from '../../i18n';
import { formatPartialDate } from '../../format/partialDate';
import { t, tOr } from './reference.messages';
import { SourceText } from './ReferencePage';

const KIND_ORDER: BodyKind[] = ['statutory', 'permanent_working', 'subsidiary', 'unit', 'parliamentary'];

/** The bodies of the organization, grouped by kind, each with what is known of it. */
export function BodiesView({ rows }: { rows: BodyRef[] }) {
  const byKey = new Map(rows.map((b) => [b.key, b]));
  const kinds = [...KIND_ORDER, ...new Set(rows.map((b) => b.kind).filter((k) => !KIND_ORDER.includes(k)))];
  return (
    <div class="cards-groups">
      {kinds.map((kind) => {
        const group = rows.filter((b) => b.kind === kind);
        if (group.length === 0) return null;
        return (
          <section key={kind} aria-labelledby={`bodies-${kind}`}>
            <h3 id={`bodies-${kind}`} class="group-heading">{tOr('bodykind_', kind)}</h3>
            <div class="cards">
              {group.map((b) => (
                <article key={b.key} class="card" id={`body-${b.key}`} data-testid={`reference-row-${b.key}`}>
                  <h4>
                    {loc(b.name)}
                    {b.abbreviation && <span class="abbr"> ({loc(b.abbreviation)})</span>}
                  </h4>
                  <p class="card-facts muted">
                    {b.parent && (
                      <span>{t('partOf', { parent: loc(byKey.get(b.parent)?.name) || b.parent })}</span>
                    )}
                    {b.seat && <span lang="en">{t('seat', { seat: b.seat })}</span>}
                    {b.founded && <span>{t('founded', { date: formatPartialDate(b.founded) })}</span>}
                  </p>
                  {b.composition && (
                    <>
                      <h5>{t('composition')}</h5>
                      <SourceText text={b.composition} />
                    </>
                  )}
                  <SourceText text={b.description} />
                  {b.meetings.length > 0 && (
                    <details>
                      <summary>
                        {t('meetings')} ({b.meetings.length})
                      </summary>
                      <ul class="plain-list">
                        {b.meetings.map((m) => (
                          <li key={m.number}>
                            <strong>{t('meetingNo', { number: m.number })}</strong>
                            {m.date && <> · {formatPartialDate(m.date)}</>}
                            {' · '}
                            {tOr('format_', m.format)}
                            {m.place && <span lang="en"> · {m.place}</span>}
                            <SourceText text={m.notes} />
                          </li>
                        ))}
                      </ul>
                    </details>
                  )}
                </article>
              ))}
            </div>
          </section>
        );
      })}
    </div>
  );
}
