// No browser: the field editor covers every field type of the metamodel's registry (FIELD_TYPES),
// generated from it, so a new type, or a new property of a type's JSON Schema, fails here until
// the editor has a control for it. Each type's panel is rendered (react-dom/server) and the
// properties it offers are read from the problem keys its controls ask for (`/maxLength`, …),
// the same keys that put the metamodel's errors on them.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { FIELD_TYPES, type FieldType, fieldTypeSchema } from '@tessera/metadata';
import { describe, expect, it } from 'vitest';

// The designer's modules are loaded by path, not imported: the tests compile without the DOM
// library and JSX, which the designer's files need.
const designerFile = (path: string) => fileURLToPath(new URL(`../../designer/src/${path}`, import.meta.url));
const designerRequire = createRequire(fileURLToPath(new URL('../../designer/package.json', import.meta.url)));
const { createElement } = designerRequire('react') as { createElement: (type: unknown, props: unknown, ...children: unknown[]) => unknown };
const { renderToStaticMarkup } = designerRequire('react-dom/server') as { renderToStaticMarkup: (element: unknown) => string };

interface TypeEditor {
  blank: () => Record<string, unknown>;
  Properties: unknown;
}

/** What the field editor's own controls cover for every type (field-editor.tsx). */
const COMMON = new Set(['type', 'apiName', 'labels', 'description', 'helpText', 'required', 'unique', 'externalId', 'defaultExpr', 'backfill', 'renamedFrom']);

async function loadEditors() {
  const editors = (await import(designerFile('setup/fields/field-type-editors.tsx'))) as {
    FIELD_TYPE_EDITORS: Record<string, TypeEditor | undefined>;
    commonProperties: (type: FieldType) => Record<string, boolean>;
  };
  const session = (await import(designerFile('shell/session.tsx'))) as { SessionProvider: unknown };
  return { ...editors, ...session };
}

/** The top-level properties a type's panel offers: `/values/0/apiName` and `/values$` count as `values`. */
function renderOffered(editor: TypeEditor, type: FieldType, SessionProvider: unknown): { offered: Set<string>; markup: string } {
  const offered = new Set<string>();
  const props = {
    draft: {
      field: { type, apiName: 'x', labels: { en: 'X' }, ...editor.blank() },
      values: [{ key: 'v1', value: { apiName: 'a', labels: { en: 'A' } } }],
      json: {},
      indexed: false,
    },
    setField: () => undefined,
    setValues: () => undefined,
    setJson: () => undefined,
    errors: (...keys: string[]) => {
      for (const key of keys) offered.add(key.replace(/\$$/, '').split('/')[1] ?? key);
      return [];
    },
    objectApiName: 'thing',
    liveObjects: [],
  };
  const me = { tenant: 't', principal: 'integration', admin: true, user: null, objects: {} };
  const markup = renderToStaticMarkup(
    createElement(
      SessionProvider,
      { credential: { kind: 'token', token: 'tsr_unit' }, me, onSignOut: () => undefined, onExpired: () => undefined },
      createElement(editor.Properties, props),
    ),
  );
  return { offered, markup };
}

describe('field editor registry', () => {
  it.each(FIELD_TYPES)('%s: has an editor offering every property of its schema', async (type) => {
    const { FIELD_TYPE_EDITORS, SessionProvider } = await loadEditors();
    const editor = FIELD_TYPE_EDITORS[type];
    expect(editor, `no editor for field type ${type}`).toBeDefined();
    const { offered, markup } = renderOffered(editor as TypeEditor, type, SessionProvider);
    const schemaProperties = Object.keys((fieldTypeSchema(type).properties ?? {}) as Record<string, unknown>).filter((name) => !COMMON.has(name));
    expect(schemaProperties.filter((name) => !offered.has(name))).toEqual([]);
    // Every offered key is a real property of the type (no control for something the schema refuses).
    expect([...offered].filter((name) => !schemaProperties.includes(name))).toEqual([]);
    if (schemaProperties.length > 0) expect(markup).toContain('<label');
  });

  it('knows which common properties each type takes from its schema', async () => {
    const { commonProperties } = await loadEditors();
    expect(commonProperties('text')).toEqual({ required: true, unique: true, externalId: true, defaultExpr: true, backfill: true });
    expect(commonProperties('formula')).toEqual({ required: false, unique: false, externalId: false, defaultExpr: false, backfill: false });
    // Every type whose schema takes an external id gets the checkbox (text, number, email, phone, url, autonumber).
    expect(['text', 'number', 'email', 'phone', 'url', 'autonumber'].every((type) => commonProperties(type as never).externalId)).toBe(true);
    expect(commonProperties('picklist').externalId).toBe(false);
    expect(commonProperties('autonumber')).toMatchObject({ defaultExpr: false, backfill: false });
  });
});
