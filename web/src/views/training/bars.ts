// A horizontal bar chart's layout: each value's share of the largest, and a stated figure
// ("over 5,000") kept as stated beside the sum the catalogue supports.

export interface BarInput {
  label: string;
  value: number;
  /** A figure the organization stated, with its qualifier. */
  stated?: { qualifier: string; value: number } | null;
}

export interface Bar extends BarInput {
  /** The bar's length as a fraction of the chart's width, 0 to 1. */
  share: number;
  /** The stated figure's position, when there is one. */
  statedShare: number | null;
}

export function layoutBars(items: BarInput[]): Bar[] {
  const max = Math.max(1, ...items.map((i) => Math.max(i.value, i.stated?.value ?? 0)));
  return items.map((i) => ({
    ...i,
    share: i.value / max,
    statedShare: i.stated ? i.stated.value / max : null,
  }));
}
