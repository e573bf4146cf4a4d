import { haversineKm } from '@tessera/metadata';
import { describe, expect, it } from 'vitest';
import { CITIES, REGION } from './cities.ts';
import { executionMs, median } from './explain-geo.ts';
import { generateSites, nearestWithin, siteRows } from './generate-sites.ts';
import { geoQuery } from './geo-query.ts';

describe('geo op inputs', () => {
  const sites = generateSites(5_000);

  it('generates the same points every time, inside the region or near a city', () => {
    expect(generateSites(5_000)).toEqual(sites);
    expect(new Set(sites.map((site) => site.id)).size).toBe(sites.length);
    for (const site of sites) {
      const inRegion = site.latitude >= REGION.south && site.latitude <= REGION.north && site.longitude >= REGION.west && site.longitude <= REGION.east;
      const nearCity = CITIES.some((city) => haversineKm(site, city) < 8 * city.sigmaKm);
      expect(inRegion || nearCity, JSON.stringify(site)).toBe(true);
    }
  });

  it('clusters: a 5 km circle downtown holds far more points than one in the countryside', () => {
    const shanghai = CITIES[0] as (typeof CITIES)[number];
    const downtown = nearestWithin(sites, shanghai, 5, sites.length).length;
    const countryside = nearestWithin(sites, { latitude: 34, longitude: 115 }, 5, sites.length).length;
    expect(downtown).toBeGreaterThan(10 * Math.max(1, countryside));
  });

  it('lists within the radius nearest first and cuts at the page size', () => {
    const centre = { latitude: 31.23, longitude: 121.47 };
    const all = nearestWithin(sites, centre, 5, sites.length);
    const byId = new Map(sites.map((site) => [site.id, site]));
    const km = all.map((id) => haversineKm(byId.get(id) as (typeof sites)[number], centre));
    expect(km.every((value, i) => value <= 5 && (i === 0 || value >= (km[i - 1] as number)))).toBe(true);
    expect(nearestWithin(sites, centre, 5, 7)).toEqual(all.slice(0, 7));
  });

  it('writes points as PostgreSQL text, x = longitude', () => {
    const [batch] = [siteRows(sites.slice(0, 3), 2).next().value as (string | number)[][]];
    const first = sites[0] as (typeof sites)[number];
    expect(batch).toHaveLength(2);
    expect(batch[0]?.[2]).toBe(`(${first.longitude},${first.latitude})`);
  });

  it('asks the README query: distance ≤ 5 km and the near sort of the same point', () => {
    const query = geoQuery({ latitude: 31.23, longitude: 121.47 });
    expect(JSON.parse(query.filter as string)).toEqual({ '<=': [{ distance: [{ var: 'location' }, { latitude: 31.23, longitude: 121.47 }] }, 5] });
    expect(query.sort).toBe('location:near(31.23,121.47)');
  });

  it('reads the execution time off a plan and takes medians', () => {
    expect(executionMs('Limit …\nPlanning Time: 0.4 ms\nExecution Time: 15.644 ms')).toBe(15.644);
    expect(() => executionMs('Limit …')).toThrow(/no Execution Time/);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
