// Field kinds per definition, and the single write's check of whether the ref resolvers can apply
// (bulk/external-refs.ts mayHoldRefs): what the write steps and record-service skip on.
import { EMPTY_SNAPSHOT, type ObjectDef, validateDocument } from '@tessera/metadata';
import { describe, expect, it } from 'vitest';
import { compileCatalog } from '../../catalog/compile-catalog.ts';
import { mayHoldRefs } from '../bulk/external-refs.ts';
import { fieldKinds } from './field-kinds.ts';

const label = (en: string) => ({ en });
const note: ObjectDef = {
  apiName: 'note',
  labels: label('Note'),
  fields: [
    { apiName: 'title', type: 'text', labels: label('Title') },
    { apiName: 'reviewer', type: 'user', labels: label('Reviewer') },
    { apiName: 'scan', type: 'file', labels: label('Scan') },
    { apiName: 'photo', type: 'image', labels: label('Photo') },
  ],
};
const plain: ObjectDef = { apiName: 'plain', labels: label('Plain'), fields: [{ apiName: 'title', type: 'text', labels: label('Title') }] };
const validated = validateDocument({ objects: [note, plain] }, EMPTY_SNAPSHOT);
if (!validated.ok) throw new Error(JSON.stringify(validated.errors));
const catalog = compileCatalog({ tenant: 't', schema: 't_t', revision: 1, snapshot: { objects: validated.value } });
const object = (name: string) => catalog.objects.get(name) as NonNullable<ReturnType<typeof catalog.objects.get>>;

describe('fieldKinds', () => {
  it('names the user and file fields, and is computed once per definition', () => {
    const kinds = fieldKinds(object('note').definition);
    expect(kinds.user).toEqual(['reviewer']);
    expect([...kinds.file]).toEqual(['scan', 'photo']);
    expect(kinds.polylookup.size).toBe(0);
    expect([kinds.manytomany.size, kinds.recordTypeNumbered.size]).toEqual([0, 0]);
    expect(fieldKinds(object('note').definition)).toBe(kinds);
    expect(fieldKinds(object('plain').definition)).toMatchObject({ user: [], file: new Set() });
  });
});

describe('mayHoldRefs', () => {
  it('is false for a body of plain values, so the resolvers are skipped', () => {
    expect(mayHoldRefs(object('note'), { title: 'a', reviewer: '01900000-0000-7000-8000-000000000001', scan: null })).toBe(false);
    expect(mayHoldRefs(object('note'), { title: 'a', tags: ['x'] })).toBe(false);
    expect(mayHoldRefs(object('note'), 'not an object')).toBe(false);
  });

  it('is true for any object value (a lookup or user by key) and any non-null file field', () => {
    expect(mayHoldRefs(object('note'), { reviewer: { email: 'li@example.cn' } })).toBe(true);
    expect(mayHoldRefs(object('plain'), { account: { code: 'A1' } })).toBe(true);
    expect(mayHoldRefs(object('note'), { scan: '01900000-0000-7000-8000-000000000001' })).toBe(true);
    expect(mayHoldRefs(object('note'), { photo: [] })).toBe(true);
  });
});
