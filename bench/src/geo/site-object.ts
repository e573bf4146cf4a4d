// The geo op's object: `site`, a name and a geolocation field. Added to the bench's model only when
// the geo op runs, so --baseline-only (tables from the storage contract, which has no point type)
// and the other ops see the model they always saw.
import type { BenchObject } from '../metadata/bench-metadata.ts';

export const SITE_OBJECT: BenchObject = {
  apiName: 'site',
  labels: { en: 'Site', zh: '站点' },
  pluralLabels: { en: 'Sites', zh: '站点' },
  description: 'Benchmark site: points clustered around east-coast Chinese cities (geo op, issue #21)',
  nameField: 'name',
  fields: [
    { type: 'text', apiName: 'name', labels: { en: 'Name', zh: '名称' }, required: true, maxLength: 80 },
    { type: 'geolocation', apiName: 'location', labels: { en: 'Location', zh: '位置' } },
  ],
};

/** The model with `site` appended when the geo op is asked for. */
export const withSites = (objects: BenchObject[], geo: boolean): BenchObject[] => (geo ? [...objects, SITE_OBJECT] : objects);
