// The closure curve, hand-drawn in SVG: the share of the force's personnel and of its
// vehicles arrived over time, the lower bound as a line no plan can beat, and each unit's
// required delivery date as a mark on the time axis. A sentence under it says the same for
// those who do not see it.

import { useMemo } from 'preact/hooks';
import type { Plan } from '../../api/planTypes';
import { closureCurve, stepPath, timeToShare } from './curve';
import { linearScale, ticks } from './gantt';
import { t } from './plans.messages';
import { ct, when } from './words';

const W = 640;
const H = 280;
const M = { left: 44, right: 12, top: 14, bottom: 40 };
const PERSONNEL = '#1d4ed8';
const VEHICLES = '#a16207';

export function ClosureCurve({ plan, epoch }: { plan: Plan; epoch: string | null }) {
  const points = useMemo(() => closureCurve(plan), [plan]);
  const end = Math.max(plan.closure, plan.lower_bound, ...plan.units.map((u) => u.rdd), 60);
  const x0 = Math.min(0, points[0]?.t ?? 0);
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const sx = linearScale([x0, Math.round(end * 1.04)], pw);
  const x = (m: number) => M.left + sx(m);
  const y = (s: number) => M.top + ph * (1 - s);
  const tk = ticks(sx, 100);
  const half = timeToShare(points, 'personnel', 0.5);
  const all = timeToShare(points, 'personnel', 1);
  const vehicles = timeToShare(points, 'vehicles', 1);
  const summary = t('curveSummary', {
    half: half === null ? '—' : when(epoch, half),
    all: all === null ? '—' : when(epoch, all),
    vehicles: vehicles === null ? '—' : when(epoch, vehicles),
  });
  const rdds = [...new Set(plan.units.map((u) => u.rdd))].sort((a, b) => a - b);

  return (
    <section class="panel plan-curve" aria-labelledby="curve-heading" data-testid="plan-curve" data-points={points.length}>
      <h2 id="curve-heading">{t('curve')}</h2>
      <svg viewBox={`0 0 ${W} ${H}`} class="plan-curve-svg" role="img" aria-label={summary}>
        <g class="plan-axis">
          {[0, 0.25, 0.5, 0.75, 1].map((s) => (
            <g key={s}>
              <line x1={M.left} x2={W - M.right} y1={y(s)} y2={y(s)} class="plan-grid" />
              <text x={M.left - 6} y={y(s) + 4} text-anchor="end">{`${Math.round(s * 100)} %`}</text>
            </g>
          ))}
          {tk.at.map((m) => (
            <g key={m}>
              <line x1={x(m)} x2={x(m)} y1={M.top} y2={H - M.bottom} class={m % 1440 === 0 ? 'plan-grid-day' : 'plan-grid'} />
              <text x={x(m)} y={H - M.bottom + 14} text-anchor="middle">
                {tk.step % 1440 === 0 ? ct(m).replace(/ 00:00$/, '') : ct(m)}
              </text>
            </g>
          ))}
        </g>
        <line class="plan-bound" x1={x(plan.lower_bound)} x2={x(plan.lower_bound)} y1={M.top} y2={H - M.bottom} data-testid="curve-bound">
          <title>{`${t('curveBound')}: ${when(epoch, plan.lower_bound)}`}</title>
        </line>
        {rdds.map((r) => (
          <path key={r} class="plan-rdd-mark" d={`M${x(r)},${H - M.bottom + 18}l-5,8h10z`} data-testid="curve-rdd">
            <title>{`${t('rdd')}: ${when(epoch, r)} — ${plan.units.filter((u) => u.rdd === r).map((u) => u.unit).join(', ')}`}</title>
          </path>
        ))}
        <path d={stepPath(points, 'vehicles', x, y, end)} fill="none" stroke={VEHICLES} stroke-width={2} stroke-dasharray="6 3"
          data-testid="curve-vehicles" />
        <path d={stepPath(points, 'personnel', x, y, end)} fill="none" stroke={PERSONNEL} stroke-width={2.5} data-testid="curve-personnel" />
      </svg>
      <ul class="crisis-legend plan-legend">
        <li><svg width="22" height="10" aria-hidden="true"><line x1="0" x2="22" y1="5" y2="5" stroke={PERSONNEL} stroke-width="2.5" /></svg> {t('curvePersonnel')}</li>
        <li><svg width="22" height="10" aria-hidden="true"><line x1="0" x2="22" y1="5" y2="5" stroke={VEHICLES} stroke-width="2" stroke-dasharray="6 3" /></svg> {t('curveVehicles')}</li>
        <li><svg width="22" height="10" aria-hidden="true"><line class="plan-bound" x1="11" x2="11" y1="0" y2="10" /></svg> {t('curveBound')}</li>
        <li><svg width="12" height="10" aria-hidden="true"><path class="plan-rdd-mark" d="M6,1l-5,8h10z" /></svg> {t('curveRdd')}</li>
      </ul>
      <p class="small">{summary}</p>
    </section>
  );
}
