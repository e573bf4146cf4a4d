// The geo op's request: sites within RADIUS_KM of a city centre, nearest first, one page. The
// filter and sort are the README's (issue #21); the load cycles over every city, the EXPLAIN and
// the report's headline use the first (Shanghai, 31.23, 121.47).
import { CITIES } from './cities.ts';

export const SITE_RECORDS = '/api/v1/objects/site/records';
export const RADIUS_KM = 5;
export const PAGE_SIZE = 50;

export interface Centre {
  latitude: number;
  longitude: number;
}

export const GEO_CENTRES: readonly Centre[] = CITIES.map(({ latitude, longitude }) => ({ latitude, longitude }));

/**
 * The centres EXPLAIN runs at: downtown Shanghai (thousands of points within 5 km), and a point in
 * the background between Xuzhou and Shangqiu (a handful), where the box prefilter's index read
 * saves the most against scanning every row.
 */
export const EXPLAIN_CENTRES: readonly { label: string; centre: Centre }[] = [
  { label: 'Shanghai (dense)', centre: GEO_CENTRES[0] as Centre },
  { label: 'countryside (sparse)', centre: { latitude: 34, longitude: 116 } },
];

/** The list query's parameters, as the API reads them (before URL encoding). */
export function geoQuery(centre: Centre): Record<string, string> {
  return {
    filter: JSON.stringify({ '<=': [{ distance: [{ var: 'location' }, centre] }, RADIUS_KM] }),
    sort: `location:near(${centre.latitude},${centre.longitude})`,
    limit: String(PAGE_SIZE),
  };
}

export function geoPath(centre: Centre): string {
  const query = Object.entries(geoQuery(centre))
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join('&');
  return `${SITE_RECORDS}?${query}`;
}
