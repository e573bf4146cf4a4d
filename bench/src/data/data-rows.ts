// The data part's rows: external ids given to the seeded records (accounts `ACC-<n>`, the first
// opportunities `OPP-<n>`, both in id order), new opportunity records from the seed's own generator
// (same shape and skew as the seeded ones), and CSV text of them for import and COPY.
import pg from 'pg';
import { EXTERNAL_IDS } from '../metadata/bench-metadata.ts';
import { OPPORTUNITY_FIELDS, type OpportunityField } from '../baseline/tables.ts';
import { type AccountSeed, generateOpportunities, OPPORTUNITY_COLUMNS } from '../seed/generate-rows.ts';

export type OpportunityRecord = Record<OpportunityField, string | number | boolean | null>;

export interface DataAccounts {
  seed: AccountSeed;
  /** Account id → its external id (`code`). */
  codes: Map<string, string>;
}

/** Gives every account a code and the first `opportunities` opportunities an ext; returns the accounts. */
export async function assignExternalIds(databaseUrl: string, schema: string, opportunities: number): Promise<DataAccounts> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const s = pg.escapeIdentifier(schema);
    const numbered = (table: string, column: string, prefix: string, limit: string) => `
      with n as (select id, row_number() over (order by id) - 1 as i from ${s}.${table} order by id ${limit})
      update ${s}.${table} as t set ${column} = '${prefix}' || n.i from n where t.id = n.id`;
    await client.query(numbered('account', EXTERNAL_IDS.account, 'ACC-', ''));
    await client.query(numbered('opportunity', EXTERNAL_IDS.opportunity, 'OPP-', `limit ${Math.floor(opportunities)}`));
    const accounts = await client.query<{ id: string; name: string; code: string }>(
      `select id, name, ${EXTERNAL_IDS.account} as code from ${s}.account order by id`,
    );
    const rows = accounts.rows;
    return {
      // The seed's opportunity names start with the account's short name; the full name serves as well.
      seed: { ids: rows.map((row) => row.id), shortNames: rows.map((row) => row.name), chinese: rows.map((row) => /[\u4e00-\u9fff]/.test(row.name)) },
      codes: new Map(rows.map((row) => [row.id, row.code])),
    };
  } finally {
    await client.end();
  }
}

/** `count` new opportunity records (the 15 fields), amounts nudged so an update always changes the row. */
export function generateRecords(count: number, accounts: AccountSeed): OpportunityRecord[] {
  const records: OpportunityRecord[] = [];
  const index = OPPORTUNITY_FIELDS.map((field) => OPPORTUNITY_COLUMNS.indexOf(field));
  for (const batch of generateOpportunities(count, 5_000, accounts)) {
    for (const row of batch) {
      const record = Object.fromEntries(OPPORTUNITY_FIELDS.map((field, i) => [field, row[index[i] ?? -1] ?? null])) as OpportunityRecord;
      record.amount = Number(record.amount) + 1;
      records.push(record);
    }
  }
  return records;
}

/** One CSV line (RFC 4180 quoting; null → empty cell, which COPY reads as NULL). */
export function csvLine(cells: readonly (string | number | boolean | null)[]): string {
  return `${cells
    .map((cell) => {
      if (cell === null) return '';
      const text = String(cell);
      return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
    })
    .join(',')}\n`;
}
