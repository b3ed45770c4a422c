// One scale for everything the map draws on top of geography (symbols, labels, clusters) and
// for its panel, so that they stay in proportion: 1 on laptops and desk screens, more on a
// 4K wall display at 100 % zoom, where CSS pixels are small and the viewers far away. The
// console's "wall" display density adds to it. Steps of a quarter keep the icon caches small.

const WALL_FACTOR = 1.35;

export function mapScale(viewportWidth: number, viewportHeight: number, wall: boolean): number {
  const byViewport = Math.max(1, Math.min(viewportWidth, viewportHeight) / 1080);
  const s = byViewport * (wall ? WALL_FACTOR : 1);
  return Math.min(3, Math.round(s * 4) / 4);
}
