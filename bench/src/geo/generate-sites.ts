// Deterministic sites for the geo op: [id, name, location] rows in batches, each point drawn from a
// city's Gaussian cluster (Box–Muller, km turned into degrees at that latitude) or the uniform
// background. Kept in memory as well, so the API's answers can be checked against a JS haversine.
import { haversineKm } from '@tessera/metadata';
import { createRandom, uuidV7 } from '../seed/prng.ts';
import { CITIES, type City, REGION } from './cities.ts';

export const SITE_COLUMNS = ['id', 'name', 'location'] as const;
export interface Site {
  id: string;
  latitude: number;
  longitude: number;
}

const KM_PER_DEGREE = 111.195;
const BASE_TIME = Date.UTC(2025, 0, 1);

export function generateSites(count: number): Site[] {
  const random = createRandom(0x6e0);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
  const sites: Site[] = [];
  for (let n = 0; n < count; n++) {
    const city = pickCity(random.next());
    let latitude: number;
    let longitude: number;
    if (city) {
      latitude = city.latitude + (gaussian() * city.sigmaKm) / KM_PER_DEGREE;
      longitude = city.longitude + (gaussian() * city.sigmaKm) / (KM_PER_DEGREE * Math.cos((city.latitude * Math.PI) / 180));
    } else {
      latitude = REGION.south + random.next() * (REGION.north - REGION.south);
      longitude = REGION.west + random.next() * (REGION.east - REGION.west);
    }
    // Six decimals (about 0.1 m), as a phone reports them.
    sites.push({ id: uuidV7(BASE_TIME + n, random), latitude: round6(latitude), longitude: round6(longitude) });
  }
  return sites;
}

/** The city whose slice of [0, 1) holds `draw` (slices sized by weight), or undefined: the background. */
function pickCity(draw: number): City | undefined {
  let rest = draw;
  for (const city of CITIES) {
    rest -= city.weight;
    if (rest < 0) return city;
  }
  return undefined;
}

const round6 = (value: number) => Math.round(value * 1e6) / 1e6;

/** Rows for the seed's INSERT: the point as PostgreSQL's text form (x = longitude, y = latitude). */
export function* siteRows(sites: readonly Site[], perBatch: number): Iterator<(string | number)[][]> {
  for (let start = 0; start < sites.length; start += perBatch) {
    yield sites.slice(start, start + perBatch).map((site, i) => [site.id, `站点 Site ${start + i + 1}`, `(${site.longitude},${site.latitude})`]);
  }
}

/** The ids within radiusKm of the centre, nearest first (ties by id), as the API should list them. */
export function nearestWithin(sites: readonly Site[], centre: { latitude: number; longitude: number }, radiusKm: number, limit: number): string[] {
  return sites
    .map((site) => ({ id: site.id, km: haversineKm(site, centre) }))
    .filter((site) => site.km <= radiusKm)
    .sort((a, b) => a.km - b.km || (a.id < b.id ? -1 : 1))
    .slice(0, limit)
    .map((site) => site.id);
}
