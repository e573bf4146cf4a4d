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
    case 'autonumber':
      paragraphs.push(`Read-only, generated from \`${field.format}\` starting at ${field.startAt}.`);
      break;
    default:
      break;
  }
  return paragraphs.join('\n\n');
}

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
    const target = field.type === 'lookup' ? outputSchemaOf?.(field.target) : undefined;
    if (target !== undefined) properties[field.apiName] = allowExpanded(property, target);
  }
  return schema;
}

/**
 * With `expand`, a lookup comes back as the target record instead of its id. The builder only
 * knows the id form (it has no other objects), so the document adds the record form here.
 */
function allowExpanded(property: SchemaObject, targetSchema: string): SchemaObject {
  const { title, description, readOnly, ...idForm } = property;
  return {
    ...(title === undefined ? {} : { title }),
    ...(description === undefined ? {} : { description }),
    ...(readOnly === undefined ? {} : { readOnly }),
    oneOf: [idForm, { $ref: `#/components/schemas/${targetSchema}` }],
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

const isSchema = (value: unknown): value is SchemaObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
