// Before the geo load: the first page the API answers for each centre must be the sites a JS
// haversine over the generated points puts within the radius, nearest first, id for id. A
// difference is reported (a wrong answer makes the timing meaningless), not thrown.
import { GEO_CENTRES, geoPath, PAGE_SIZE, RADIUS_KM } from './geo-query.ts';
import { nearestWithin, type Site } from './generate-sites.ts';

export interface GeoCheck {
  centres: number;
  /** Ids compared over all first pages. */
  ids: number;
  differences: string[];
}

export async function checkGeo(baseUrl: string, token: string, sites: readonly Site[]): Promise<GeoCheck> {
  const differences: string[] = [];
  let ids = 0;
  for (const centre of GEO_CENTRES) {
    const response = await fetch(`${baseUrl}${geoPath(centre)}`, { headers: { authorization: `Bearer ${token}` } });
    const text = await response.text();
    if (response.status !== 200) {
      differences.push(`(${centre.latitude}, ${centre.longitude}): ${response.status} ${text.slice(0, 200)}`);
      continue;
    }
    const listed = (JSON.parse(text) as { data: { id: string }[] }).data.map((record) => record.id);
    const expected = nearestWithin(sites, centre, RADIUS_KM, PAGE_SIZE);
    ids += expected.length;
    const first = expected.findIndex((id, i) => listed[i] !== id);
    if (first !== -1 || listed.length !== expected.length)
      differences.push(`(${centre.latitude}, ${centre.longitude}): ${listed.length} ids listed, ${expected.length} expected; first difference at ${first}`);
  }
  return { centres: GEO_CENTRES.length, ids, differences };
}
