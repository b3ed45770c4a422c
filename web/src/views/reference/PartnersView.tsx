import type { PartnerRef } from '../../api/referenceTypes';
import { referenceData, useReference } from '../../data/reference';
import { formatPartialDate } from '../../format/partialDate';
import { loc } from '../../i18n';
import { t, tOr } from './reference.messages';
import { SourceText } from './ReferencePage';

/** Partner organizations grouped by kind, with the memoranda signed with each. */
export function PartnersView({ rows }: { rows: PartnerRef[] }) {
  // `signed_by` names a body of the organization by key where it can.
  useReference('bodies');
  const bodies = new Map((referenceData.value.bodies ?? []).map((b) => [b.key, b]));
  const signer = (who: string) => loc(bodies.get(who)?.name) || who;
  const kinds = [...new Set(rows.map((p) => p.kind))].sort((a, b) => tOr('partner_', a).localeCompare(tOr('partner_', b)));
  return (
    <div class="cards-groups">
      {kinds.map((kind) => (
        <section key={kind} aria-labelledby={`partners-${kind}`}>
          <h3 id={`partners-${kind}`} class="group-heading">{tOr('partner_', kind)}</h3>
          <div class="cards">
            {rows
              .filter((p) => p.kind === kind)
              .map((p) => (
                <article key={p.key} class="card" data-testid={`reference-row-${p.key}`}>
                  <h4>
                    {loc(p.name)}
                    {p.abbreviation && <span class="abbr"> ({loc(p.abbreviation)})</span>}
                  </h4>
                  {p.memoranda.length === 0 ? (
                    <p class="muted small">{t('noMemoranda')}</p>
                  ) : (
                    <>
                      <h5>{t('memoranda')}</h5>
                      <ul class="plain-list">
                        {p.memoranda.map((m, i) => (
                          <li key={i}>
                            {loc(m.title)}
                            <span class="muted">
                              {m.signed && <> · {t('signed', { date: formatPartialDate(m.signed) })}</>}
                              {m.signed_by && <span> · {t('signedBy', { who: signer(m.signed_by) })}</span>}
                            </span>
                            <SourceText class="source-text small" text={m.notes} />
                          </li>
                        ))}
                      </ul>
                    </>
                  )}
                </article>
              ))}
          </div>
        </section>
      ))}
    </div>
  );
}
