// Reference data of the organization, one tab per kind (`#/reference/{kind}`).

import type { ComponentChildren } from 'preact';
import type { RouteProps } from '../../app/routes';
import { isReferenceKind, REFERENCE_KINDS, type ReferenceKind, type ReferenceKinds } from '../../api/referenceTypes';
import { useReference } from '../../data/reference';
import { ErrorPanel, Loading } from '../../ui/StatusPanels';
import { ActivitiesTable } from './ActivitiesTable';
import { BodiesView } from './BodiesView';
import { ChairmanshipsTable } from './ChairmanshipsTable';
import { ComponentsTable } from './ComponentsTable';
import { ExerciseSeriesTable } from './ExerciseSeriesTable';
import { PartnersView } from './PartnersView';
import { PostsView } from './PostsView';
import { t } from './reference.messages';
import { RegionsTable } from './RegionsTable';
import { StatesTable } from './StatesTable';
import './reference.css';

export default function ReferencePage({ params }: RouteProps) {
  const kind = params.kind ?? 'states';
  return (
    <section class="page reference-page" aria-labelledby="reference-heading" data-testid="reference-page">
      <h1 id="reference-heading">{t('heading')}</h1>
      <nav class="tabs" aria-label={t('kinds')}>
        {REFERENCE_KINDS.map((k) => (
          <a key={k} href={`#/reference/${k}`} aria-current={k === kind ? 'page' : undefined}
            data-testid={`reference-tab-${k}`}>
            {t(`kind_${k}`)}
          </a>
        ))}
      </nav>
      {isReferenceKind(kind) ? (
        <div data-testid={`reference-${kind}`}>
          <h2 class="sr-only">{t(`kind_${kind}`)}</h2>
          <KindView kind={kind} />
        </div>
      ) : (
        <ErrorPanel text={t('unknownKind', { kind })} />
      )}
    </section>
  );
}

function KindView({ kind }: { kind: ReferenceKind }) {
  switch (kind) {
    case 'states':
      return <Rows kind="states">{(rows) => <StatesTable rows={rows} />}</Rows>;
    case 'bodies':
      return <Rows kind="bodies">{(rows) => <BodiesView rows={rows} />}</Rows>;
    case 'posts':
      return <Rows kind="posts">{(rows) => <PostsView rows={rows} />}</Rows>;
    case 'chairmanships':
      return <Rows kind="chairmanships">{(rows) => <ChairmanshipsTable rows={rows} />}</Rows>;
    case 'partners':
      return <Rows kind="partners">{(rows) => <PartnersView rows={rows} />}</Rows>;
    case 'components':
      return <Rows kind="components">{(rows) => <ComponentsTable rows={rows} />}</Rows>;
    case 'regions':
      return <Rows kind="regions">{(rows) => <RegionsTable rows={rows} />}</Rows>;
    case 'activities':
      return <Rows kind="activities">{(rows) => <ActivitiesTable rows={rows} />}</Rows>;
    case 'exercise_series':
      return <Rows kind="exercise_series">{(rows) => <ExerciseSeriesTable rows={rows} />}</Rows>;
  }
}

/** Loads a kind and shows its records, or the loading state, or the failure with a retry. */
export function Rows<K extends ReferenceKind>({ kind, children }: {
  kind: K;
  children: (rows: ReferenceKinds[K][]) => ComponentChildren;
}) {
  const { rows, error, retry } = useReference(kind);
  if (rows) return <>{children(rows)}</>;
  if (error) return <ErrorPanel error={error} onRetry={retry} />;
  return <Loading />;
}

/** Free text the sources give in English only: marked as English for screen readers. */
export function SourceText({ text, class: cls }: { text: string | null | undefined; class?: string }) {
  if (!text) return null;
  return (
    <p lang="en" class={cls ?? 'source-text'} title={t('englishOnly')}>
      {text}
    </p>
  );
}
