// A circle on the sphere (centre, radius in km) → the longitude/latitude boxes that contain it, for
// the GiST prefilter of "distance ≤ r" (geo-distance.ts). The haversine decides; the boxes only
// have to contain every point within r, so they err on the wide side: a margin of 1e-6° (~11 cm)
// absorbs rounding, a circle over a pole takes every longitude, and one across the antimeridian
// becomes two boxes. Pure.
import { EARTH_RADIUS_KM, type Geolocation } from './metadata.ts';

export interface LonLatBox {
  west: number;
  south: number;
  east: number;
  north: number;
}

const DEGREES = 180 / Math.PI;
const MARGIN = 1e-6;

/**
 * The boxes (one or two) covering every point within `radiusKm` of `centre`; undefined when the
 * circle covers so much that a box would not narrow anything (or the radius is no number).
 */
export function boxesAround(centre: Geolocation, radiusKm: number): LonLatBox[] | undefined {
  if (!Number.isFinite(radiusKm) || radiusKm < 0) return undefined;
  const angle = radiusKm / EARTH_RADIUS_KM;
  if (angle >= Math.PI / 2) return undefined;
  const latitudeSpan = angle * DEGREES + MARGIN;
  const south = centre.latitude - latitudeSpan;
  const north = centre.latitude + latitudeSpan;
  // A pole inside the circle: every longitude is within reach near it.
  if (north >= 90 || south <= -90) return [{ west: -180, south: Math.max(south, -90), east: 180, north: Math.min(north, 90) }];
  // The widest longitude difference on the circle (where a meridian is tangent to it): asin(sin δ / cos φ).
  const ratio = Math.sin(angle) / Math.cos((centre.latitude * Math.PI) / 180);
  if (ratio >= 1) return [{ west: -180, south, east: 180, north }];
  const longitudeSpan = Math.asin(ratio) * DEGREES + MARGIN;
  const west = centre.longitude - longitudeSpan;
  const east = centre.longitude + longitudeSpan;
  if (east - west >= 360) return [{ west: -180, south, east: 180, north }];
  // Across the antimeridian the circle's far side has longitudes of the other sign.
  if (west < -180)
    return [
      { west: west + 360, south, east: 180, north },
      { west: -180, south, east, north },
    ];
  if (east > 180)
    return [
      { west, south, east: 180, north },
      { west: -180, south, east: east - 360, north },
    ];
  return [{ west, south, east, north }];
}
