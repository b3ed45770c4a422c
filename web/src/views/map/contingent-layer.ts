// Contingents at their home stations: one point feature per contingent (feature id = the
// contingent's id, the record itself in the `contingent` property), clustered on screen.

import Feature from 'ol/Feature';
import type { FeatureLike } from 'ol/Feature';
import Point from 'ol/geom/Point';
import VectorLayer from 'ol/layer/Vector';
import { fromLonLat } from 'ol/proj';
import Cluster from 'ol/source/Cluster';
import type VectorSource from 'ol/source/Vector';
import type { Contingent } from '../../api/types';
import { clusterStyle } from './cluster-icons';
import { componentColour, type Look } from './look';
import { symbolStyle } from './symbol-icons';
import { sidcFor } from './unit-symbols';

/**
 * Points closer than this on screen (CSS pixels at scale 1) are drawn as one cluster: a little
 * more than a symbol is wide, and about the diameter of a cluster of a hundred.
 */
const CLUSTER_DISTANCE = 54;
/**
 * Clusters keep this share of the distance apart, so that big clusters overlap less; their
 * centre then leans from their members' centroid towards the first member found.
 */
const MIN_DISTANCE_SHARE = 0.6;

export function clusterDistance(scale: number): number {
  return Math.round(CLUSTER_DISTANCE * scale);
}

export function clusterMinDistance(scale: number): number {
  return Math.round(CLUSTER_DISTANCE * MIN_DISTANCE_SHARE * scale);
}

export function contingentOf(feature: FeatureLike): Contingent {
  return feature.get('contingent') as Contingent;
}

/** The contingents a rendered (cluster) feature stands for. */
export function membersOf(cluster: FeatureLike): Contingent[] {
  const features = (cluster.get('features') as FeatureLike[] | undefined) ?? [];
  return features.map(contingentOf);
}

export function contingentFeature(c: Contingent): Feature<Point> | null {
  const { lat, lon } = c.home_station;
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90) return null;
  const f = new Feature({ geometry: new Point(fromLonLat([lon, lat])), contingent: c });
  f.setId(c.id);
  return f;
}

export function createClusterSource(points: VectorSource<Feature<Point>>, scale: number): Cluster<Feature<Point>> {
  return new Cluster({ source: points, distance: clusterDistance(scale), minDistance: clusterMinDistance(scale) });
}

export function createContingentLayer(
  clusters: Cluster<Feature<Point>>,
  look: Look,
  declutter: string,
): VectorLayer {
  return new VectorLayer({
    source: clusters,
    declutter,
    properties: { key: 'contingents' },
    style: (cluster: FeatureLike) => {
      const members = membersOf(cluster);
      if (members.length === 1) {
        const c = members[0]!;
        return symbolStyle(sidcFor(c.component, c.personnel), componentColour(look, c.component), look.scale, look.pixelRatio);
      }
      return clusterStyle(
        members.map((c) => c.component),
        (k) => componentColour(look, k),
        look.scale,
        look.pixelRatio,
      );
    },
  });
}
