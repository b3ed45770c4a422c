import type { PostRef } from '../../api/referenceTypes';
import { referenceData, stateName, useReference } from '../../data/reference';
import { formatPeriod } from '../../format/partialDate';
import { loc } from '../../i18n';
import { t } from './reference.messages';
import { SourceText } from './ReferencePage';

/** The posts of the organization by body, with who held each and when; the incumbent marked. */
export function PostsView({ rows }: { rows: PostRef[] }) {
  useReference('bodies');
  const bodies = new Map((referenceData.value.bodies ?? []).map((b) => [b.key, b]));
  const bodyKeys = [...new Set(rows.map((p) => p.body))];
  const words = { since: t('since'), until: t('until') };
  return (
    <div class="cards-groups">
      {bodyKeys.map((key) => (
        <section key={key} aria-labelledby={`posts-${key}`}>
          <h3 id={`posts-${key}`} class="group-heading">{loc(bodies.get(key)?.name) || key}</h3>
          <div class="cards">
            {rows
              .filter((p) => p.body === key)
              .map((p) => (
                <article key={p.key} class="card" data-testid={`reference-row-${p.key}`}>
                  <h4>{loc(p.title)}</h4>
                  {p.holders.length === 0 ? (
                    <p class="muted">{t('noHolders')}</p>
                  ) : (
                    <ol class="holders" aria-label={t('holders')}>
                      {[...p.holders]
                        .sort((a, b) => (a.from ?? '').localeCompare(b.from ?? ''))
                        .map((h, i) => (
                          <li key={i} class={h.to ? undefined : 'holder-current'}>
                            <strong>{loc(h.name)}</strong>
                            {h.rank && <span class="muted">, {loc(h.rank)}</span>}
                            {h.state && <span class="muted"> · {stateName(h.state)}</span>}
                            <span class="holder-period"> {formatPeriod(h.from, h.to, words)}</span>
                            {h.acting && <span class="badge">{t('acting')}</span>}
                            {!h.to && <span class="badge badge-current">{t('currentHolder')}</span>}
                            {h.source && (
                              <SourceText class="source-text small" text={t('source', { source: h.source })} />
                            )}
                          </li>
                        ))}
                    </ol>
                  )}
                </article>
              ))}
          </div>
        </section>
      ))}
    </div>
  );
}
