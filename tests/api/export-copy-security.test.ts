// The CSV export on PostgreSQL is one COPY whose cells PostgreSQL renders (runtime/src/export/
// export-copy-sql.ts); on PGlite it is the paged path rendering cells in Node. This suite checks
// both against the list API for a restricted user, over the generated document with every field
// type of the registries (the conformance suite's specimen: each stored type's fixture, every
// formula return type, every roll-up): the same records (row access: the user's own specimens;
// lookups to accounts they may not see come out as ids), the same fields (a hidden field is
// neither a column nor a value), and each cell as the export promises, computed here from the
// list API's JSON by an oracle that does not share the runtime's code. Numbers are compared with
// the exact decimal the API sent (the record's JSON text).
import type { NormalisedField, NormalisedObject } from '@tessera/metadata';
import { FIELD_TYPES } from '@tessera/metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT, conformanceDocument, LINE, SPECIMEN } from '../conformance/surfaces/conformance-document.ts';
import { sampleAt } from '../conformance/surfaces/conformance-tenant.ts';
import { sampleFiles } from '../support/sample-files.ts';
import { sentDecimals } from '../conformance/surfaces/json-number-precision.ts';
import { FILE_UPLOADS_PER_FIELD, typeSamples } from '../conformance/surfaces/value-samples.ts';
import { type RunningSecurityServer, startSecurityServer, TenantAdmin } from '../security/security-server.ts';
import { parseCsv } from './export-csv.ts';

type Rec = Record<string, unknown>;
type Lang = 'en' | 'zh-CN';
const RECORDS = `/api/v1/objects/${SPECIMEN}/records`;
/** Standard columns exported beside the fields, with the headers the export gives them. */
const STANDARD: Record<string, { en: string; zh: string }> = {
  id: { en: 'Id', zh: '编号' },
  owner_id: { en: 'Owner', zh: '负责人' },
  created_at: { en: 'Created at', zh: '创建时间' },
  version: { en: 'Version', zh: '版本' },
};

const label = (labels: { en?: string; zh?: string } | undefined, lang: Lang, fallback: string) =>
  (lang === 'en' ? (labels?.en ?? labels?.zh) : (labels?.zh ?? labels?.en)) ?? fallback;

/** A decimal as a JSON number prints it: no trailing zeros after the point. */
const plainDecimal = (literal: string) => (literal.includes('.') ? literal.replace(/0+$/, '').replace(/\.$/, '') : literal);

const isBoolean = (field: NormalisedField) => field.type === 'boolean' || (field.type === 'formula' && field.returns === 'boolean');

/** Rich text's words, written here without the product's code: block tags are spaces, other tags go, entities decode. */
const plainWords = (html: string) =>
  html
    .replace(/<\/?(p|div|br|hr|li|ul|ol|h[1-6]|blockquote|pre|table|thead|tbody|tr|td|th)\b[^>]*>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t\n\r\f]+/g, ' ')
    .trim();

/** The export's cell for one value of the list API's record (expanded lookups are objects). */
function expectedCell(field: NormalisedField | undefined, value: unknown, decimal: string | undefined, lang: Lang): string {
  if (value === null || value === undefined) return '';
  if (decimal !== undefined) return plainDecimal(decimal);
  if (field?.type === 'picklist' || field?.type === 'multipicklist') {
    const one = (item: unknown) => label(field.values.find((entry) => entry.apiName === item)?.labels, lang, String(item));
    return Array.isArray(value) ? value.map(one).join('; ') : one(value);
  }
  if (field && isBoolean(field)) return value ? (lang === 'en' ? 'Yes' : '是') : lang === 'en' ? 'No' : '否';
  if (field?.type === 'lookup') return typeof value === 'object' ? String((value as Rec).name ?? (value as Rec).id) : String(value);
  if (field?.type === 'richtext') return plainWords(String(value));
  if (field?.type === 'polylookup') return `${String((value as Rec).object)}:${String((value as Rec).id)}`;
  // Expanded to [{id, name}]: names, a linked record the reader may not see by its id.
  if (field?.type === 'manytomany') return (value as Rec[]).map((linked) => String(linked.name ?? linked.id)).join('; ');
  // File names, "; "-separated: a sheet holds no file.
  if (field?.type === 'file' || field?.type === 'image') return (Array.isArray(value) ? value : [value]).map((file) => String((file as Rec).name)).join('; ');
  if (field?.type === 'geolocation') return `${String((value as Rec).latitude)},${String((value as Rec).longitude)}`;
  if (field?.type === 'user' && typeof value === 'object') {
    const user = value as Rec;
    return user.name ? `${String(user.name)} <${String(user.email)}>` : String(user.email ?? user.id);
  }
  return String(value);
}

// PostgreSQL exports through COPY; PGlite (no COPY sub-protocol in its driver) through list pages.
describe.each(['postgres', 'pglite'] as const)('CSV export (%s) = the list API, for a restricted user, on every field type', (kind) => {
  let server: RunningSecurityServer;
  let admin: TenantAdmin;
  let rep: string;
  let specimen: NormalisedObject;
  let hidden: string;
  let owned = 0;

  beforeAll(async () => {
    // A fixed clock: the specimen's clock formulas (`now` to the millisecond) read the same in the export and the list it is compared with.
    server = await startSecurityServer(kind, {}, { clock: () => new Date('2026-06-15T08:30:00.123Z') });
    admin = new TenantAdmin(server, 'export_copy', await server.createTenant('export_copy'));
    await admin.call('POST', '/api/v1/metadata/apply', conformanceDocument());
    const model = await admin.call('GET', '/api/v1/metadata');
    specimen = (model.objects as NormalisedObject[]).find((object) => object.apiName === SPECIMEN) as NormalisedObject;
    hidden = (specimen.fields.find((field) => field.type === 'email') as NormalisedField).apiName;
    const sales = await admin.permissionSet('sales', {
      [ACCOUNT]: { read: true },
      // Roll-ups show to readers of the child object.
      [LINE]: { read: true },
      [SPECIMEN]: { read: true, fields: { [hidden]: 'none' } },
    });
    const repId = await admin.user('rep@example.com', { permissionSetIds: [sales] });
    rep = await admin.signIn('rep@example.com');
    // Accounts stay private: the rep sees only the one they own, the others' names are hidden.
    const accounts = await admin.call('POST', `/api/v1/objects/${ACCOUNT}/records/bulk`, {
      operation: 'create',
      records: [{ name: '华为, "深圳"', owner_id: repId }, { name: 'Acme' }, { name: '😀 Emoji\nCo' }],
    });
    const lookupIds = (accounts.results as Rec[]).map((result) => result.id as string);
    const userIds = [repId, await admin.user('li@example.com')];
    const files = await sampleFiles(server.baseUrl, admin.token, SPECIMEN, specimen.fields, FILE_UPLOADS_PER_FIELD);
    const samples = new Map(
      specimen.fields
        .filter((field) => !typeSamples(field.type).computed)
        .map((field) => [field, typeSamples(field.type).samples(field, { lookupIds, userIds, files })]),
    );
    const rows = Math.max(...[...samples.values()].map((list) => list.length));
    const records = Array.from({ length: rows }, (_, row) => ({
      ...Object.fromEntries([...samples].map(([field, list]) => [field.apiName, sampleAt(field, list, row).input])),
      // Every other record is the rep's: row access keeps the rest out of their list and export.
      ...(row % 2 === 0 ? { owner_id: repId } : {}),
    }));
    const created = await admin.call('POST', `${RECORDS}/bulk`, { operation: 'create', records });
    expect(created.counts.created).toBe(rows);
    owned = Math.ceil(rows / 2);
  }, 180_000);
  afterAll(async () => server?.close());

  it('the specimen carries every field type of the registry', () => {
    expect(new Set(specimen.fields.map((field) => field.type))).toEqual(new Set(FIELD_TYPES));
  });

  for (const lang of ['en', 'zh-CN'] as const) {
    it(`(${lang}) same records, fields and cells as the list API; the hidden field nowhere`, async () => {
      const fields = [...Object.keys(STANDARD), ...specimen.fields.filter((field) => field.apiName !== hidden).map((field) => field.apiName)];
      const lookups = specimen.fields.filter((field) => ['lookup', 'user', 'manytomany'].includes(field.type)).map((field) => field.apiName);
      const file = await server.request('GET', `/api/v1/objects/${SPECIMEN}/export?format=csv&lang=${lang}&fields=${fields.join(',')}&sort=-created_at`, {
        cookie: rep,
      });
      expect(file.status, file.text.slice(0, 500)).toBe(200);
      const rows = parseCsv(file.text.replace(/^\uFEFF/, ''));
      const byName = new Map(specimen.fields.map((field) => [field.apiName, field]));
      expect(rows[0]).toEqual(fields.map((name) => label(byName.get(name)?.labels ?? STANDARD[name], lang, name)));

      const listed = await server.request('GET', `${RECORDS}?limit=200&fields=${fields.join(',')}&expand=${lookups.join(',')}&sort=-created_at`, {
        cookie: rep,
      });
      expect(listed.status).toBe(200);
      const records = listed.body.data as Rec[];
      expect(listed.body.nextCursor).toBeNull();
      expect(records.length).toBe(owned);
      const numeric = fields.filter((name) => typeof records.find((record) => typeof record[name] === 'number')?.[name] === 'number');
      const expected = await Promise.all(
        records.map(async (record) => {
          // The exact decimals the API sent (a JSON client reads doubles).
          const decimals = sentDecimals((await server.request('GET', `${RECORDS}/${record.id}`, { cookie: rep })).text, numeric);
          return fields.map((name) => expectedCell(byName.get(name), record[name], decimals.get(name), lang));
        }),
      );
      expect(rows.slice(1)).toEqual(expected);
      // Some lookups show the rep's account by name, others (accounts they may not read) by id.
      const lookupColumn = fields.indexOf(specimen.fields.find((field) => field.type === 'lookup')?.apiName as string);
      const shown = new Set(rows.slice(1).map((row) => row[lookupColumn]));
      expect(shown.has('华为, "深圳"')).toBe(true);
      expect([...shown].some((cell) => /^[0-9a-f-]{36}$/.test(cell ?? ''))).toBe(true);
      // Many-to-many cells name the linked accounts the rep may read, and give the others' ids.
      const linksColumn = fields.indexOf(specimen.fields.find((field) => field.type === 'manytomany')?.apiName as string);
      const linked = rows.slice(1).flatMap((row) => (row[linksColumn] ?? '').split('; '));
      expect(linked).toContain('华为, "深圳"');
      expect(linked.some((cell) => /^[0-9a-f-]{36}$/.test(cell))).toBe(true);

      const all = await server.request('GET', `/api/v1/objects/${SPECIMEN}/export?format=csv&lang=${lang}`, { cookie: rep });
      const header = parseCsv(all.text.replace(/^\uFEFF/, ''))[0];
      expect(header).not.toContain(label(byName.get(hidden)?.labels, lang, hidden));
      const refused = await server.request('GET', `/api/v1/objects/${SPECIMEN}/export?fields=id,${hidden}`, { cookie: rep });
      expect(refused.status).toBe(400);
    }, 120_000);
  }
});
