import { describe, expect, it } from 'vitest';
import { centroid, isMoving } from './opmap';

describe('the operation map', () => {
  it('finds the centre of the area', () => {
    const c = centroid([
      { lat: 0, lon: 0 },
      { lat: 0, lon: 2 },
      { lat: 2, lon: 2 },
      { lat: 2, lon: 0 },
    ])!;
    expect(c.lat).toBeCloseTo(1);
    expect(c.lon).toBeCloseTo(1);
    expect(centroid([])).toBeNull();
  });

  it('draws a line only for contingents on their way', () => {
    expect(isMoving('deploying', 'conducting')).toBe(true);
    expect(isMoving('mobilized', 'deploying')).toBe(true);
    expect(isMoving('in_action', 'deploying')).toBe(false);
    expect(isMoving('assigned', 'established')).toBe(false);
  });
});
