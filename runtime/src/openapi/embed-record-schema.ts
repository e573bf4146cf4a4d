// NormalisedField → the human text an API reader needs: labels (en/zh), description, help text,
// picklist value labels, lookup target and delete behaviour, autonumber format.
import type { NormalisedField, NormalisedObject, NormalisedPicklistValue } from '@tessera/metadata';
import { labelText } from './object-names.ts';
import type { SchemaObject } from './openapi-types.ts';

export function describeField(field: NormalisedField, objects: ReadonlyMap<string, NormalisedObject>): string {
  const paragraphs = [`**${labelText(field.labels, field.apiName)}** (\`${field.type}\`)`];
  if (field.description) paragraphs.push(field.description);
  if (field.helpText && labelText(field.helpText, '') !== '') paragraphs.push(`Help: ${labelText(field.helpText, '')}`);
  switch (field.type) {
    case 'picklist':
    case 'multipicklist':
      paragraphs.push(`Values:\n${field.values.map(describeValue).join('\n')}`);
      break;
    case 'lookup': {
      const target = objects.get(field.target);
      const targetText = labelText(target?.labels, field.target);
      paragraphs.push(
        `The id of the referenced ${targetText} (\`${field.target}\`) record; with \`expand=${field.apiName}\`, the record itself ` +
          `(null when it is deleted). When the target is deleted: ${field.onDelete}.`,
      );
      break;
    }
    case 'user':
      paragraphs.push(USER_TEXT);
      break;
    case 'polylookup':
      paragraphs.push(
        `A reference to one record of ${field.targets.map((target) => `\`${target}\``).join(', ')}: \`{"object": "<api name>", "id": "<record id>"}\`; ` +
          `with \`expand=${field.apiName}\`, also the target's \`name\`. Filter on \`${field.apiName}.object\` and \`${field.apiName}.id\`. ` +
          'Cleared when the target is purged from the recycle bin.',
      );
      break;
    case 'manytomany':
      paragraphs.push(
        `The ids of the linked \`${field.target}\` records in link order, null when there are none; writes take the whole set. ` +
          `With \`expand=${field.apiName}\`, \`[{id, name}]\` (name null for a record the reader may not see).` +
          (field.junction === undefined
            ? ''
            : ` Each link is a live \`${field.junction}\` record: linking creates one and unlinking deletes it through that object's own ` +
              'defaults, rules and permissions (403 TSR179 without create or delete access to it).'),
      );
      break;
    case 'autonumber':
      paragraphs.push(`Read-only, generated from \`${field.format}\` starting at ${field.startAt}.`);
      break;
    default:
      break;
  }
  return paragraphs.join('\n\n');
}

const USER_TEXT =
  'A user of the tenant (`user` field): the user id; with `expand=<field>`, `{id, name, email}`. Writes take the id, ' +
  '`{"email": "…"}` or `{"name": "…"}` of an active user (unknown or inactive: 422 TSR425/TSR426). Filter "mine" with `{"var": "$user.id"}`.';

/** The standard columns that hold a user: described, and expandable, like a `user` field. */
const STANDARD_USER_COLUMNS: Record<string, string> = { owner_id: 'Owner', created_by: 'Created by' };

/** What `expand` gives for a user field, owner_id or created_by. */
export const USER_REF_SCHEMAS: Record<'UserRef', SchemaObject> = {
  UserRef: {
    type: 'object',
    description: 'The user a user field (or owner_id, created_by) names, with `expand`.',
    required: ['id', 'name', 'email'],
    properties: { id: { type: 'string', format: 'uuid' }, name: { type: 'string' }, email: { type: 'string' } },
    additionalProperties: false,
  },
};

const describeValue = (value: NormalisedPicklistValue): string =>
  `- \`${value.apiName}\`: ${labelText(value.labels, value.apiName)}` +
  (value.default ? ' (default)' : '') +
  (value.inactive ? ' (inactive: kept on existing records, refused on writes)' : '');

/**
 * Prepares a record JSON Schema from @tessera/metadata for `components.schemas/<name>`: copies
 * it, drops `$schema`/`$id` (the document decides both), rebases local `$ref`s onto the new
 * location (without `$id`, `#/...` would resolve against the OpenAPI document root) and writes
 * each field's title and description, so the schema reads the same in every viewer.
 */
export function embedRecordSchema(
  name: string,
  source: SchemaObject,
  object: NormalisedObject,
  objects: ReadonlyMap<string, NormalisedObject>,
  /** Output schemas only: component name of each lookup target, to document `expand`. */
  outputSchemaOf?: (objectApiName: string) => string | undefined,
): SchemaObject {
  const { $schema: _dialect, $id: _id, ...rest } = structuredClone(source);
  const schema = rebaseRefs(rest, `#/components/schemas/${name}`) as SchemaObject;
  const properties = isSchema(schema.properties) ? schema.properties : {};
  for (const field of object.fields) {
    const property = properties[field.apiName];
    if (!isSchema(property)) continue;
    property.title ??= labelText(field.labels, field.apiName);
    property.description = describeField(field, objects);
    const target = field.type === 'lookup' ? outputSchemaOf?.(field.target) : field.type === 'user' && outputSchemaOf ? 'UserRef' : undefined;
    if (target !== undefined) properties[field.apiName] = allowExpanded(property, target);
    if (field.type === 'manytomany' && outputSchemaOf) properties[field.apiName] = allowExpanded(property, EXPANDED_LINKS);
  }
  for (const [column, title] of Object.entries(STANDARD_USER_COLUMNS)) {
    const property = properties[column];
    if (!isSchema(property)) continue;
    property.description = `**${title}** (\`user\`)\n\n${USER_TEXT}`;
    if (outputSchemaOf) properties[column] = allowExpanded(property, 'UserRef');
  }
  return schema;
}

/** What `expand` gives for a many-to-many field: the linked records' ids and names (null when hidden). */
const EXPANDED_LINKS: SchemaObject = {
  type: 'array',
  items: {
    type: 'object',
    required: ['id', 'name'],
    properties: { id: { type: 'string', format: 'uuid' }, name: { description: "The linked record's name field; null when the reader may not see it." } },
  },
};

/**
 * With `expand`, a lookup comes back as the target record instead of its id. The builder only
 * knows the id form (it has no other objects), so the document adds the record form here.
 */
function allowExpanded(property: SchemaObject, targetSchema: string | SchemaObject): SchemaObject {
  const { title, description, readOnly, ...idForm } = property;
  return {
    ...(title === undefined ? {} : { title }),
    ...(description === undefined ? {} : { description }),
    ...(readOnly === undefined ? {} : { readOnly }),
    oneOf: [idForm, typeof targetSchema === 'string' ? { $ref: `#/components/schemas/${targetSchema}` } : targetSchema],
  };
}

function rebaseRefs(node: unknown, base: string): unknown {
  if (Array.isArray(node)) return node.map((item) => rebaseRefs(item, base));
  if (!isSchema(node)) return node;
  const copy: SchemaObject = {};
  for (const [key, value] of Object.entries(node)) {
    copy[key] = key === '$ref' && typeof value === 'string' && value.startsWith('#') ? base + value.slice(1) : rebaseRefs(value, base);
  }
  return copy;
}

const isSchema = (value: unknown): value is SchemaObject => typeof value === 'object' && value !== null && !Array.isArray(value);
