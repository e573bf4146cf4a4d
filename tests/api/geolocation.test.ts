// Issue #21, geolocation fields on both drivers: what the API takes ({latitude, longitude} in range)
// and refuses (400 naming /location/latitude, nothing saved), `distance` filters against a JS
// haversine over the same rows (near the poles and across the antimeridian too), the GiST
// prefilter in the plan, sorting nearest first with cursors, import and export as
// "latitude,longitude", formulas and field history.
import { haversineKm } from '@tessera/metadata';
import { testDriverKinds } from '@tessera/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';
import { parseCsv } from './export-csv.ts';
import { upload } from './import-support.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are dynamic JSON
type Json = Record<string, any>;
type Place = { latitude: number; longitude: number };
const RECORDS = '/api/v1/objects/site/records';
const SHANGHAI = { latitude: 31.2304, longitude: 121.4737 };
const site = {
  apiName: 'site',
  labels: { en: 'Site', zh: '站点' },
  nameField: 'name',
  fields: [
    { type: 'text', apiName: 'name', labels: { en: 'Name', zh: '名称' } },
    { type: 'geolocation', apiName: 'location', labels: { en: 'Location', zh: '位置' } },
    {
      type: 'formula',
      apiName: 'km_to_shanghai',
      labels: { en: 'Km to Shanghai', zh: '距上海公里数' },
      returns: 'number',
      scale: 3,
      expression: { distance: [{ var: 'location' }, SHANGHAI] },
    },
  ],
};

/** Shanghai at growing distances, the poles' neighbourhoods and both sides of the antimeridian. */
const PLACES: Array<[string, Place | null]> = [
  ['people-square', { latitude: 31.2304, longitude: 121.4737 }],
  ['bund', { latitude: 31.24, longitude: 121.49 }],
  ['pudong', { latitude: 31.22, longitude: 121.54 }],
  ['hongqiao', { latitude: 31.1979, longitude: 121.3363 }],
  ['suzhou', { latitude: 31.2989, longitude: 120.5853 }],
  ['beijing', { latitude: 39.9042, longitude: 116.4074 }],
  ['north-a', { latitude: 89.99, longitude: 0 }],
  ['north-b', { latitude: 89.95, longitude: 179.5 }],
  ['north-c', { latitude: 89.5, longitude: -90 }],
  ['south', { latitude: -89.98, longitude: 45 }],
  ['fiji-east', { latitude: -17.7, longitude: 179.95 }],
  ['fiji-west', { latitude: -17.7, longitude: -179.95 }],
  ['fiji-far', { latitude: -17.7, longitude: -178 }],
  ['null-island', { latitude: 0, longitude: 0 }],
  ['nowhere', null],
];

const CENTRES: Array<[Place, number[]]> = [
  [SHANGHAI, [0, 2, 5, 20, 100, 1200]],
  [{ latitude: 90, longitude: 0 }, [2, 10, 60]],
  [{ latitude: 89.97, longitude: -170 }, [5, 10, 60]],
  [{ latitude: -90, longitude: 0 }, [3]],
  [{ latitude: -17.7, longitude: 180 }, [3, 10, 250]],
  [{ latitude: -17.7, longitude: -179.99 }, [6, 10]],
  [{ latitude: 0, longitude: 0 }, [0, 1]],
];

describe.each(await testDriverKinds())('geolocation fields (%s)', (kind) => {
  let server: TestServer;
  let api: TenantClient;
  let token: string;
  const ids = new Map<string, string>();
  const count = async () => (await api.list('site', { limit: 200 })).body.data.length;

  beforeAll(async () => {
    server = await startTestServer(kind);
    token = await server.createTenant(`geo${kind === 'postgres' ? 'pg' : 'lite'}`);
    api = server.tenant(token);
    const applied = await api.apply({ objects: [site] });
    expect(applied.status, applied.text).toBe(200);
    for (const [name, location] of PLACES) {
      const created = await api.post(RECORDS, { name, location });
      expect(created.status, created.text).toBe(201);
      ids.set(name, created.body.id);
    }
  }, 180_000);
  afterAll(async () => server?.close(), 180_000);

  it('reads back exactly what was written, with a formula measuring from Shanghai', async () => {
    const listed = (await api.list('site', { limit: 200, sort: 'name' })).body.data;
    for (const [name, location] of PLACES) {
      const record = listed.find((candidate: Json) => candidate.name === name);
      expect(record.location).toEqual(location);
      const expected = location ? Math.round(haversineKm(location, SHANGHAI) * 1000) / 1000 : null;
      if (expected === null) expect(record.km_to_shanghai).toBeNull();
      else expect(record.km_to_shanghai).toBeCloseTo(expected, 3);
    }
    const one = await api.get(`${RECORDS}/${ids.get('bund')}`);
    expect(one.body.location).toEqual({ latitude: 31.24, longitude: 121.49 });
    const projected = await api.list('site', { fields: 'location', limit: 1, filter: JSON.stringify({ '==': [{ var: 'name' }, 'bund'] }) });
    expect(projected.body.data).toEqual([{ id: ids.get('bund'), location: { latitude: 31.24, longitude: 121.49 } }]);
  });

  it.each([
    [{ latitude: 91, longitude: 0 }, '/location/latitude'],
    [{ latitude: -90.0001, longitude: 0 }, '/location/latitude'],
    [{ latitude: 0, longitude: 180.5 }, '/location/longitude'],
    [{ latitude: '31', longitude: 121 }, '/location/latitude'],
    [{ latitude: 31 }, '/location/longitude'],
    [{ latitude: 31, longitude: 121, altitude: 5 }, '/location/altitude'],
    ['31.23,121.47', '/location'],
    [[31.23, 121.47], '/location'],
  ])('refuses %j with a 400 naming %s; nothing is saved', async (location, path) => {
    const before = await count();
    const refused = await api.post(RECORDS, { name: 'bad', location });
    expect(refused.status, refused.text).toBe(400);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.errors.map((error: Json) => error.path)).toContain(path);
    expect(await count()).toBe(before);
  });

  it('patches and clears a location', async () => {
    const created = await api.post(RECORDS, { name: 'moving', location: SHANGHAI });
    const moved = await api.patch(`${RECORDS}/${created.body.id}`, { location: { latitude: -33.8688, longitude: 151.2093 } });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body.location).toEqual({ latitude: -33.8688, longitude: 151.2093 });
    const cleared = await api.patch(`${RECORDS}/${created.body.id}`, { location: null });
    expect(cleared.body.location).toBeNull();
    expect((await api.delete(`${RECORDS}/${created.body.id}`)).status).toBe(204);
  });

  const within = (centre: Place, km: number) => ({ '<=': [{ distance: [{ var: 'location' }, centre] }, km] });
  const cases = CENTRES.flatMap(([centre, radii]) => radii.map((km) => [`${km} km of ${centre.latitude},${centre.longitude}`, centre, km] as const));
  it.each(cases)('within %s selects what a JS haversine selects', async (_name, centre, km) => {
    const page = await api.list('site', { filter: JSON.stringify(within(centre, km)), limit: 200, fields: 'name' });
    expect(page.status, page.text).toBe(200);
    const expected = PLACES.filter(([, location]) => location !== null && haversineKm(location, centre) <= km).map(([name]) => name);
    expect(page.body.data.map((record: Json) => record.name).sort()).toEqual(expected.sort());
  });

  it('a radius never selects records without a location; its negation does, as json-logic-js (NaN <= r is false)', async () => {
    const huge = await api.list('site', { filter: JSON.stringify(within(SHANGHAI, 30000)), limit: 200, fields: 'name' });
    expect(huge.body.data.map((record: Json) => record.name)).not.toContain('nowhere');
    expect(huge.body.data).toHaveLength(PLACES.length - 1);
    const rule = { '!': within(SHANGHAI, 20) };
    const page = await api.list('site', { filter: JSON.stringify(rule), limit: 200, fields: 'name' });
    const expected = PLACES.filter(([, location]) => location === null || haversineKm(location, SHANGHAI) > 20).map(([name]) => name);
    expect(page.body.data.map((record: Json) => record.name).sort()).toEqual(expected.sort());
    const empty = await api.list('site', { filter: JSON.stringify({ '==': [{ var: 'location' }, null] }), fields: 'name' });
    expect(empty.body.data.map((record: Json) => record.name)).toEqual(['nowhere']);
  });

  it.each([
    [{ distance: [{ var: 'location' }, { latitude: 95, longitude: 0 }] }, '/distance/1/latitude', 'TSR103'],
    [{ distance: [{ var: 'location' }, { lat: 1, longitude: 0 }] }, '/distance/1/latitude', 'TSR103'],
    [{ distance: [{ var: 'name' }, SHANGHAI] }, '/distance/0', 'TSR115'],
    [{ distance: [{ var: 'location' }] }, '/distance', 'TSR103'],
    // A location literal is data only inside 'distance'; elsewhere it is no operation.
    [{ '==': [{ var: 'location' }, SHANGHAI] }, '/==/1', 'TSR103'],
    [{ '==': [{ var: 'location' }, 'x'] }, '/==', 'TSR115'],
  ])('refuses the filter %j naming its path', async (rule, path, code) => {
    const page = await api.list('site', { filter: JSON.stringify({ '<=': [rule, 5] }) });
    expect(page.status, page.text).toBe(400);
    expect((page.body as Json).errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: `filter/<=/0${path}`, code })]));
  });

  it('sorts nearest first with nulls last, page by page through cursors', async () => {
    const sort = 'location:near(31.2304,121.4737)';
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string | number> = { sort, limit: 4, fields: 'name' };
      if (cursor) query.cursor = cursor;
      const page = await api.list('site', query);
      expect(page.status, page.text).toBe(200);
      seen.push(...page.body.data.map((record: Json) => record.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    const expected = [...PLACES]
      .sort(([nameA, a], [nameB, b]) => {
        if (!a || !b) return a ? -1 : b ? 1 : 0;
        return haversineKm(a, SHANGHAI) - haversineKm(b, SHANGHAI) || (ids.get(nameA) as string).localeCompare(ids.get(nameB) as string);
      })
      .map(([name]) => name);
    expect(seen).toEqual(expected);
    const farthest = await api.list('site', { sort: '-location:near(31.2304,121.4737),name', limit: 2, fields: 'name' });
    expect(farthest.body.data.map((record: Json) => record.name)).toEqual(expected.slice(0, -1).reverse().slice(0, 2));
  });

  it.each([
    ['location', 'location:near('],
    ['location:near(91,0)', 'latitude'],
    ['name:near(1,2)', 'no geolocation field'],
    ['location:near(1;2)', 'not a distance sort'],
  ])('refuses sort=%s with a 400 on sort', async (sort, words) => {
    const page = await api.list('site', { sort });
    expect(page.status, page.text).toBe(400);
    expect((page.body as Json).errors[0]).toMatchObject({ path: 'sort', code: 'TSR104' });
    expect((page.body as Json).errors[0].message).toContain(words);
  });

  // On both drivers: on PGlite (one connection) an import once waited for ever for a second
  // connection its progress writes needed; they are written inside its transaction there now.
  it('imports "lat,lon" cells and exports the same text', async () => {
    const csv = ['名称,位置', 'imp1,"31.2304,121.4737"', 'imp2,"-17.7, -179.95"', 'imp3,', 'imp4,"91,0"'].join('\r\n');
    const run = await upload(server.baseUrl, '/api/v1/imports/site?mode=skip-bad-rows&wait=true&lang=zh', { token }, csv);
    expect(run.status, run.text).toBe(200);
    expect(run.body.counts).toMatchObject({ create: 3, error: 1 });
    const filter = JSON.stringify({ starts_with: [{ var: 'name' }, 'imp'] });
    const imported = (await api.list('site', { filter, sort: 'name', fields: 'name,location' })).body.data;
    expect(imported.map((record: Json) => record.location)).toEqual([SHANGHAI, { latitude: -17.7, longitude: -179.95 }, null]);
    const query = `format=csv&lang=en&fields=name,location&sort=name&filter=${encodeURIComponent(filter)}`;
    const response = await fetch(`${server.baseUrl}/api/v1/objects/site/export?${query}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const rows = parseCsv((await response.text()).replace(/^\uFEFF/, ''));
    expect(rows.slice(1)).toEqual([
      ['imp1', '31.2304,121.4737'],
      ['imp2', '-17.7,-179.95'],
      ['imp3', ''],
    ]);
  }, 180_000);

  it('field history keeps the old and new location', async () => {
    const put = await server.request('PUT', '/api/v1/audit/tracked-fields/site', { token, body: { fields: ['location'] } });
    expect(put.status, put.text).toBe(200);
    const created = await api.post(RECORDS, { name: 'history', location: SHANGHAI });
    await api.patch(`${RECORDS}/${created.body.id}`, { location: { latitude: 39.9042, longitude: 116.4074 } });
    const history = await api.get(`${RECORDS}/${created.body.id}/history`);
    expect(history.status, history.text).toBe(200);
    const change = history.body.data.find((entry: Json) => entry.field === 'location' && entry.operation === 'update');
    expect(change).toMatchObject({ oldValue: SHANGHAI, newValue: { latitude: 39.9042, longitude: 116.4074 } });
  }, 180_000);
});
