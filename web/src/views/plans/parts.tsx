// Small pieces the planning views share: a plan's status badge and its what-if changes in words.

import type { Change, PlanStatus, Scenario } from '../../api/planTypes';
import { changeWords } from './whatif';
import { planStatusLabel, t } from './plans.messages';

export function PlanStatusBadge({ status }: { status: PlanStatus }) {
  return (
    <span class={`badge plan-status plan-status-${status}`} data-testid="plan-status" data-status={status}>
      {planStatusLabel(status)}
    </span>
  );
}

/** A change in words, naming units and airfields as the scenario does. */
export function changeText(c: Change, scenario: Scenario | null): string {
  const { key, vars } = changeWords(c);
  const named = { ...vars };
  if (c.change === 'move_ready') named.unit = scenario?.units.find((u) => u.id === c.unit)?.name ?? c.unit;
  if (c.change === 'lose_airfield') named.airfield = scenario?.nodes.find((n) => n.id === c.airfield)?.name ?? c.airfield;
  return t(key, named);
}

export function ChangeList({ changes, scenario }: { changes: Change[]; scenario: Scenario | null }) {
  return <span class="plan-change-list">{changes.map((c) => changeText(c, scenario)).join('; ')}</span>;
}
