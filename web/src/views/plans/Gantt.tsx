// The Gantt of movements, hand-drawn in SVG: one row per unit, a bar per leg coloured by mode,
// the unit's required delivery date and closure marked on its row, the lower bound across
// all rows. Hovering or focusing a bar shows the leg; the bars are one tab stop, and the
// arrow keys move between them (a roving tab index: a corps has thousands of legs, which
// would be thousands of tab stops). Zoom widens the drawing inside a scrolling frame, so
// panning is the browser's own scrolling.

import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { LegMode, Plan, Scenario } from '../../api/planTypes';
import { stateName } from '../../data/reference';
import { ganttDomain, ganttRows, linearScale, neighbour, scrollForZoom, ticks, ZOOMS, type BarRef, type GanttBar } from './gantt';
import { modeLabel, t } from './plans.messages';
import { ct, dur, when } from './words';

/** Mode colours, shared with the map and the table; told apart by more than hue (the legend names them). */
export const MODE_COLOURS: Record<LegMode, string> = {
  road: '#a16207',
  rail: '#7c3aed',
  air: '#1d4ed8',
  crossing: '#dc2626',
};

const LANE = 10;
const LANE_GAP = 3;
const ROW_PAD = 6;
/** Tall enough for the label's two lines. */
const ROW_MIN = 36;
const AXIS = 26;
const LABEL_W = 200;

const rowHeight = (lanes: number) => Math.max(ROW_MIN, lanes * LANE + (lanes - 1) * LANE_GAP + 2 * ROW_PAD);
/** The top of a lane: the lanes centred in their row. */
const laneTop = (rowTop: number, lanes: number, lane: number) =>
  rowTop + (rowHeight(lanes) - (lanes * LANE + (lanes - 1) * LANE_GAP)) / 2 + lane * (LANE + LANE_GAP);

export function Gantt({ plan, scenario, epoch }: { plan: Plan; scenario: Scenario | null; epoch: string | null }) {
  const rows = useMemo(() => ganttRows(plan, scenario?.units.map((u) => u.id) ?? []), [plan, scenario]);
  const domain = useMemo(() => ganttDomain(rows, [plan.lower_bound, ...plan.units.map((u) => u.rdd)]), [rows, plan]);
  const unitNames = useMemo(() => new Map((scenario?.units ?? []).map((u) => [u.id, u.name])), [scenario]);
  const nodeNames = useMemo(() => new Map((scenario?.nodes ?? []).map((n) => [n.id, n.name])), [scenario]);
  const frame = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const [base, setBase] = useState(900);
  const [zoom, setZoom] = useState(0);
  const [active, setActive] = useState<BarRef>({ row: rows.findIndex((r) => r.bars.length) >= 0 ? rows.findIndex((r) => r.bars.length) : 0, index: 0 });
  const [shown, setShown] = useState<GanttBar | null>(null);
  const lastWidth = useRef(0);

  useLayoutEffect(() => {
    const el = frame.current;
    if (!el) return;
    const measure = () => setBase(Math.max(300, el.clientWidth - 2));
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const width = Math.round(base * ZOOMS[zoom]!);
  const scale = linearScale(domain, width);
  // Keep the time at the centre of the view in place when the zoom changes.
  useLayoutEffect(() => {
    const el = frame.current;
    if (el && lastWidth.current && lastWidth.current !== width) {
      el.scrollLeft = scrollForZoom(el.scrollLeft, el.clientWidth, lastWidth.current, width);
    }
    lastWidth.current = width;
  }, [width]);

  const tk = ticks(scale, 90);
  const tickLabel = (m: number) => (tk.step % 1440 === 0 ? ct(m).replace(/ 00:00$/, '') : ct(m));
  let y = AXIS;
  const tops = rows.map((r) => {
    const top = y;
    y += rowHeight(r.lanes);
    return top;
  });
  const height = y + 4;

  const describe = (b: GanttBar) => {
    const base = t('legText', {
      unit: unitNames.get(b.unit) ?? b.unit,
      movement: b.movement,
      mode: modeLabel(b.mode),
      from: nodeNames.get(b.from) ?? b.from,
      to: nodeNames.get(b.to) ?? b.to,
      depart: when(epoch, b.depart),
      arrive: when(epoch, b.arrive),
    });
    const extra = [b.by ? t('legBy', { by: b.by }) : '', b.states.length ? t('legStates', { states: b.states.map(stateName).join(', ') }) : '']
      .filter(Boolean)
      .join('; ');
    return extra ? `${base}; ${extra}` : base;
  };

  const focusBar = (ref: BarRef) => {
    setActive(ref);
    const bar = rows[ref.row]?.bars[ref.index];
    if (!bar) return;
    setShown(bar);
    // After the render that gives it the tab stop.
    requestAnimationFrame(() => svg.current?.querySelector<SVGElement>(`[data-key="${CSS.escape(bar.key)}"]`)?.focus());
  };

  const onKey = (e: KeyboardEvent) => {
    if (e.key === '+' || e.key === '=') {
      setZoom((z) => Math.min(ZOOMS.length - 1, z + 1));
      e.preventDefault();
      return;
    }
    if (e.key === '-' || e.key === '_') {
      setZoom((z) => Math.max(0, z - 1));
      e.preventDefault();
      return;
    }
    if (e.key === 'Escape') {
      setShown(null);
      return;
    }
    const next = neighbour(rows, active, e.key);
    if (!next) return;
    e.preventDefault();
    focusBar(next);
  };

  return (
    <section class="panel plan-gantt" aria-labelledby="gantt-heading" data-testid="plan-gantt" data-rows={rows.length}
      data-bars={rows.reduce((n, r) => n + r.bars.length, 0)} data-zoom={ZOOMS[zoom]}>
      <div class="plan-section-head">
        <h2 id="gantt-heading">{t('gantt')}</h2>
        <div class="plan-toolbar" role="group" aria-label={t('gantt')}>
          <button type="button" class="button button-small" onClick={() => setZoom((z) => Math.max(0, z - 1))} disabled={zoom === 0}
            aria-label={t('zoomOut')} title={t('zoomOut')} data-testid="gantt-zoom-out">−</button>
          <span class="plan-zoom num" aria-live="polite">{t('zoomLevel', { n: ZOOMS[zoom]! })}</span>
          <button type="button" class="button button-small" onClick={() => setZoom((z) => Math.min(ZOOMS.length - 1, z + 1))}
            disabled={zoom === ZOOMS.length - 1} aria-label={t('zoomIn')} title={t('zoomIn')} data-testid="gantt-zoom-in">+</button>
          <button type="button" class="button button-small" onClick={() => setZoom(0)} disabled={zoom === 0} data-testid="gantt-zoom-reset">
            {t('zoomReset')}
          </button>
        </div>
      </div>
      <ModeLegend />
      <p class="muted small" id="gantt-hint">{t('ganttHint')}</p>
      <div class="plan-gantt-body">
        <div class="plan-gantt-labels" style={{ width: `${LABEL_W}px`, height: `${height}px` }} aria-hidden="true">
          {rows.map((r, i) => (
            <div key={r.unit} class="plan-gantt-label" style={{ top: `${tops[i]}px`, height: `${rowHeight(r.lanes)}px` }}
              title={unitNames.get(r.unit) ?? r.unit}>
              <span>{unitNames.get(r.unit) ?? r.unit}</span>
              {r.closure !== null && (
                <span class={`small ${r.rdd !== null && r.closure > r.rdd ? 'plan-late' : 'muted'}`}>
                  {t('unitClosure', { at: ct(r.closure) })}
                </span>
              )}
            </div>
          ))}
        </div>
        <div class="plan-gantt-frame" ref={frame}>
          <svg ref={svg} width={width} height={height} class="plan-gantt-svg" role="group"
            aria-label={t('ganttLabel', { n: rows.length })} aria-describedby="gantt-hint" onKeyDown={onKey}>
            <g class="plan-axis" aria-hidden="true">
              {tk.at.map((m) => (
                <g key={m} transform={`translate(${scale(m)},0)`}>
                  <line y1={AXIS - 6} y2={height} class={m % 1440 === 0 ? 'plan-grid-day' : 'plan-grid'} />
                  <text x={3} y={AXIS - 10}>{tickLabel(m)}</text>
                </g>
              ))}
            </g>
            {rows.map((r, i) => (
              <g key={r.unit} data-unit={r.unit} role="list" aria-label={unitNames.get(r.unit) ?? r.unit}>
                {i % 2 === 1 && <rect class="plan-row-band" x={0} y={tops[i]} width={width} height={rowHeight(r.lanes)} aria-hidden="true" />}
                {r.rdd !== null && (
                  <line class="plan-rdd" x1={scale(r.rdd)} x2={scale(r.rdd)} y1={tops[i]! + 1} y2={tops[i]! + rowHeight(r.lanes) - 1}
                    aria-hidden="true"><title>{`${t('rdd')}: ${when(epoch, r.rdd)}`}</title></line>
                )}
                {r.bars.map((b, j) => {
                  const x = scale(b.depart);
                  const w = Math.max(2, scale(b.arrive) - x);
                  const isActive = active.row === i && active.index === j;
                  return (
                    <rect key={b.key} data-key={b.key} data-mode={b.mode} class={`plan-bar plan-bar-${b.mode}`} role="listitem"
                      x={x} y={laneTop(tops[i]!, r.lanes, b.lane)} width={w} height={LANE} rx={2}
                      fill={MODE_COLOURS[b.mode]} tabindex={isActive ? 0 : -1} aria-label={describe(b)}
                      onMouseEnter={() => setShown(b)} onFocus={() => { setActive({ row: i, index: j }); setShown(b); }} />
                  );
                })}
              </g>
            ))}
            <line class="plan-bound" x1={scale(plan.lower_bound)} x2={scale(plan.lower_bound)} y1={AXIS - 6} y2={height} aria-hidden="true">
              <title>{`${t('lowerBound')}: ${ct(plan.lower_bound)}`}</title>
            </line>
          </svg>
        </div>
      </div>
      <GanttDetail bar={shown} unit={shown ? unitNames.get(shown.unit) ?? shown.unit : ''} nodeNames={nodeNames} epoch={epoch} />
    </section>
  );
}

/**
 * The leg hovered or focused, under the chart rather than floating over it: a floating box
 * would be clipped by the scrolling frame and would hide the bars next to the one read.
 * Screen readers hear the bar's own label, so this box stays out of their way.
 */
function GanttDetail({ bar, unit, nodeNames, epoch }: {
  bar: GanttBar | null;
  unit: string;
  nodeNames: Map<string, string>;
  epoch: string | null;
}) {
  const name = (id: string) => nodeNames.get(id) ?? id;
  if (!bar) {
    return <div class="plan-tip plan-tip-empty muted small" aria-hidden="true">{t('ganttPick')}</div>;
  }
  return (
    <div class="plan-tip" data-testid="gantt-tip" data-key={bar.key} aria-hidden="true">
      <strong>{unit}</strong> · {bar.movement} · <span style={{ color: MODE_COLOURS[bar.mode] }}>{modeLabel(bar.mode)}</span>
      <dl>
        <div><dt>{t('legFrom')}</dt><dd>{name(bar.from)}</dd></div>
        <div><dt>{t('legTo')}</dt><dd>{name(bar.to)}</dd></div>
        <div><dt>{t('legDepart')}</dt><dd>{when(epoch, bar.depart)}</dd></div>
        <div>
          <dt>{t('legArrive')}</dt>
          <dd>{when(epoch, bar.arrive)} <span class="muted">({dur(bar.arrive - bar.depart)})</span></dd>
        </div>
        {bar.by && <div><dt>{t('legCarrier')}</dt><dd>{bar.by}</dd></div>}
        {bar.states.length > 0 && <div><dt>{t('legStatesHead')}</dt><dd>{bar.states.map(stateName).join(', ')}</dd></div>}
      </dl>
    </div>
  );
}

export function ModeLegend({ modes = ['road', 'rail', 'air', 'crossing'] }: { modes?: LegMode[] }) {
  return (
    <ul class="crisis-legend plan-legend">
      {modes.map((m) => (
        <li key={m}>
          <svg width="18" height="10" aria-hidden="true"><rect width="18" height="10" rx="2" fill={MODE_COLOURS[m]} /></svg> {modeLabel(m)}
        </li>
      ))}
    </ul>
  );
}
