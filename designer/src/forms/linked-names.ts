// Names of the records a many-to-many value links to, for the form's chips: one list request per
// 200 ids (the list's page limit), not one read per record. An id the user cannot read has no row
// and keeps its id as its name, as the lookup widget does.
import type { ApiClient } from '../api/index.ts';

const PAGE = 200;

export async function linkedNames(client: ApiClient, target: string, nameField: string | undefined, ids: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (let start = 0; start < ids.length; start += PAGE) {
    const chunk = ids.slice(start, start + PAGE);
    const page = await client.listRecords(target, {
      filter: { in: [{ var: 'id' }, chunk] },
      limit: PAGE,
      ...(nameField ? { fields: [nameField] } : {}),
    });
    for (const record of page.data) {
      const name = nameField ? record[nameField] : undefined;
      names.set(String(record.id), typeof name === 'string' && name !== '' ? name : String(record.id));
    }
  }
  return names;
}
