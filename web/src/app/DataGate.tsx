// Holds a view back until the session's shared data (reference states, regions, components
// and, where needed, the contingents) is in memory; shows loading or the failure with a
// retry meanwhile. Data already shown stays shown when a later refresh fails.

import type { ComponentChildren } from 'preact';
import { contingentsError, contingentsState, reloadContingents } from '../data/contingents';
import { CORE_KINDS, coreReady, referenceErrors, reloadReference } from '../data/reference';
import { ErrorPanel, Loading } from '../ui/StatusPanels';

export function DataGate({ contingents = true, label, children }: {
  contingents?: boolean;
  label?: string;
  children: () => ComponentChildren;
}) {
  const refError = CORE_KINDS.map((k) => referenceErrors.value[k]).find((e) => e !== undefined);
  const listState = contingentsState.value;
  if ((contingents && listState === 'error') || (!coreReady.value && refError)) {
    return (
      <ErrorPanel
        error={(contingents && contingentsError.value) || refError}
        onRetry={() => {
          if (contingents) reloadContingents().catch(() => undefined);
          reloadReference().catch(() => undefined);
        }}
      />
    );
  }
  if (!coreReady.value || (contingents && listState !== 'ready')) return <Loading label={label} />;
  return <>{children()}</>;
}
