// One spreadsheet cell (text) → the value the record API takes for a field, or a reason in zh and
// en. Pure: no database. Lookups come back as a reference ({lookup: text}) that the runtime
// resolves by the target's name or external id in one query per column.
import { DEFAULT_MAX_LENGTH } from '../normalise/field-defaults.ts';
import { looksLikeHtml, plainTextToRichText } from '../richtext/rich-text-plain.ts';
import { parseGeolocationText } from '../geo/geolocation.ts';
import { parseTimeOfDay } from './coerce-time.ts';
import { type FieldDef, FIELD_TYPES, type FieldType, type PicklistValue } from '../types.ts';

export interface CellReason {
  en: string;
  zh: string;
}

export type CoercedCell =
  | { ok: true; value: unknown }
  | { ok: true; lookup: string }
  /** Many-to-many: ids or names of the linked records, resolved by the runtime. */
  | { ok: true; links: string[] }
  | { ok: false; reason: CellReason };

/** How 1/2/2026-style dates are read: month first (US, the default) or day first. */
export type DateOrder = 'MDY' | 'DMY';

export interface CoerceOptions {
  dateOrder?: DateOrder;
}

/**
 * Field types a cell can be imported into: all but the computed and generated ones, and files
 * (a cell holds no file's bytes; attach files through the files API after the import).
 */
const NOT_IMPORTABLE: readonly FieldType[] = ['autonumber', 'formula', 'rollup', 'file', 'image'];
export const IMPORTABLE_TYPES: ReadonlySet<FieldType> = new Set(FIELD_TYPES.filter((type) => !NOT_IMPORTABLE.includes(type)));

const fail = (en: string, zh: string): CoercedCell => ({ ok: false, reason: { en, zh } });
const ok = (value: unknown): CoercedCell => ({ ok: true, value });

const TRUE = new Set(['true', 'yes', 'y', '1', '是', '对', '真', 'checked', 'x', '✓']);
const FALSE = new Set(['false', 'no', 'n', '0', '否', '不', '假', 'unchecked']);

/** Coerces one cell; an empty cell is null (clears the field on update). */
export function coerceCell(field: FieldDef, raw: string, options: CoerceOptions = {}): CoercedCell {
  const text = raw.trim();
  if (text === '') return ok(null);
  switch (field.type) {
    case 'text':
    case 'textarea':
    case 'email':
    case 'phone':
    case 'url':
      return coerceText(field, field.type === 'textarea' ? raw : text);
    case 'number':
    case 'currency':
    case 'percent':
      return coerceNumber(text, field.type === 'percent');
    case 'boolean': {
      const key = text.toLowerCase();
      if (TRUE.has(key)) return ok(true);
      if (FALSE.has(key)) return ok(false);
      return fail('not a yes/no value (use yes/no, true/false, 1/0, 是/否)', '不是是/否值（请用 是/否、yes/no、true/false、1/0）');
    }
    case 'date': {
      const date = parseDate(text, options.dateOrder ?? 'MDY');
      return date
        ? ok(date)
        : fail('not a date (e.g. 2026-12-07, 2026/12/7, 2026年12月7日, 12/07/2026)', '不是日期（例如 2026-12-07、2026/12/7、2026年12月7日、12/07/2026）');
    }
    case 'datetime':
      return coerceDatetime(text, options.dateOrder ?? 'MDY');
    case 'picklist': {
      const value = findPicklistValue(field.values, text);
      return value ? ok(value) : fail(`not a value of the list (${listOf(field.values)})`, `不是可选值（${listOf(field.values, 'zh')}）`);
    }
    case 'multipicklist': {
      const parts = text
        .split(/[;,；，]/)
        .map((part) => part.trim())
        .filter((part) => part !== '');
      const values = parts.map((part) => findPicklistValue(field.values, part));
      const missing = parts.filter((_, index) => values[index] === undefined);
      if (missing.length > 0) return fail(`not values of the list: ${missing.join(', ')}`, `不是可选值：${missing.join('、')}`);
      return ok([...new Set(values)]);
    }
    case 'lookup':
      return { ok: true, lookup: text };
    case 'user':
      return coerceUser(text);
    case 'richtext':
      // A cell with tags is HTML (the runtime sanitises it like any write); other text becomes paragraphs.
      return coerceText(field, looksLikeHtml(raw) ? raw : plainTextToRichText(raw));
    case 'time': {
      const time = parseTimeOfDay(text);
      return time ? ok(time) : fail('not a time of day (e.g. 09:30, 9:30:15, 9:30 PM, 下午3:05)', '不是时间（例如 09:30、9:30:15、9:30 PM、下午3:05）');
    }
    case 'polylookup':
      return coercePolylookup(field.targets, text);
    case 'manytomany':
      return coerceLinks(text);
    case 'geolocation': {
      const location = parseGeolocationText(text);
      return location
        ? ok(location)
        : fail(
            'not a location "latitude,longitude" (e.g. 31.2304,121.4737; latitude −90..90, longitude −180..180)',
            '不是“纬度,经度”位置（例如 31.2304,121.4737；纬度 −90..90，经度 −180..180）',
          );
    }
    case 'file':
    case 'image':
      return fail(
        `${field.type} fields cannot be imported: a cell holds no file; upload files to the records after the import`,
        `${field.type === 'image' ? '图片' : '文件'}字段不能导入：单元格不含文件，请在导入后为记录上传文件`,
      );
    default:
      return fail(`${field.type} fields are computed and cannot be imported`, `${field.type} 字段由系统计算，不能导入`);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A user cell is the user's id, email or name; the write pipeline resolves `{email}` and `{name}`
 * among the tenant's active users (records/user-refs.ts), so import and the API share one rule.
 */
function coerceUser(text: string): CoercedCell {
  if (UUID.test(text)) return ok(text.toLowerCase());
  // What Tessera's export writes: "Name <email>"; the email decides.
  const named = /^.*<([^<>\s]+@[^<>\s]+)>$/.exec(text);
  if (named) return ok({ email: named[1] });
  if ([...text].length > 320) return fail("longer than any user's email or name", '超过用户邮箱或姓名的长度');
  return ok(text.includes('@') ? { email: text } : { name: text });
}

/** "account:<uuid>" (what the export writes) → {object, id}; the runtime then checks the record exists. */
function coercePolylookup(targets: readonly string[], text: string): CoercedCell {
  const match = /^([a-z][a-z0-9_]*)\s*[:：]\s*(\S+)$/.exec(text);
  const [object, id] = match ? [match[1] as string, match[2] as string] : ['', ''];
  if (!targets.includes(object) || !UUID.test(id))
    return fail(
      `not an object:id reference (e.g. ${targets[0]}:<record id>; objects: ${targets.join(', ')})`,
      `不是“对象:记录ID”引用（例如 ${targets[0]}:<记录ID>；对象：${targets.join('、')}）`,
    );
  return ok({ object, id: id.toLowerCase() });
}

/**
 * A many-to-many cell: ids or names of the linked records separated by `;` (export writes names
 * the same way). Ids pass as they are; names come back as `links` for the runtime to resolve
 * among the records the importer can read, like a lookup's name.
 */
function coerceLinks(text: string): CoercedCell {
  const parts = [
    ...new Set(
      text
        .split(/[;；]/)
        .map((part) => part.trim())
        .filter((part) => part !== ''),
    ),
  ];
  if (parts.every((part) => UUID.test(part))) return ok(parts.map((part) => part.toLowerCase()));
  return { ok: true, links: parts };
}

function coerceText(field: FieldDef, text: string): CoercedCell {
  const max =
    'maxLength' in field && typeof field.maxLength === 'number' ? field.maxLength : ((DEFAULT_MAX_LENGTH as Record<string, number>)[field.type] ?? 255);
  if ([...text].length > max) return fail(`longer than ${max} characters`, `超过 ${max} 个字符`);
  if (field.type === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) return fail('not an email address', '不是邮箱地址');
  if (field.type === 'url' && !/^https?:\/\/\S+$/i.test(text))
    return fail('not a web address (http:// or https://)', '不是网址（需以 http:// 或 https:// 开头）');
  if (field.type === 'phone' && !/^[+\d][\d\s\-().]*$/.test(text)) return fail('not a phone number', '不是电话号码');
  return ok(text);
}

/** ¥1,234.50 · $1,234 · 1 234,5 is not guessed: a comma is a thousands separator. · 12.5% · (100) is −100. */
function coerceNumber(text: string, percent: boolean): CoercedCell {
  let body = text.replace(/[\s\u00a0]/g, '');
  let negative = false;
  if (/^\(.*\)$/.test(body)) {
    negative = true;
    body = body.slice(1, -1);
  }
  body = body.replace(/^(-?)(?:[¥￥$€£]|RMB|CNY|USD|EUR|GBP)/i, '$1').replace(/(?:元|[¥￥$€£]|RMB|CNY|USD|EUR|GBP)$/i, '');
  if (body.endsWith('%')) body = body.slice(0, -1);
  else if (percent === false && body.endsWith('％')) body = body.slice(0, -1);
  if (!/^[-+]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$/.test(body) || !/\d/.test(body)) return fail('not a number', '不是数字');
  const value = Number(body.replace(/,/g, ''));
  if (!Number.isFinite(value)) return fail('not a number', '不是数字');
  return ok(negative ? -value : value);
}

const pad = (value: number) => String(value).padStart(2, '0');

/** A calendar date as YYYY-MM-DD, or undefined when the text is none (or not a real day). */
export function parseDate(text: string, order: DateOrder = 'MDY'): string | undefined {
  let year: number;
  let month: number;
  let day: number;
  let match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  if (match) [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text);
    if (!match) return undefined;
    const [first, second] = [Number(match[1]), Number(match[2])];
    [month, day] = order === 'MDY' ? [first, second] : [second, first];
    year = Number(match[3]);
  }
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

function coerceDatetime(text: string, order: DateOrder): CoercedCell {
  const date = parseDate(text, order);
  if (date) return ok(`${date}T00:00:00Z`);
  // Seconds may carry a fraction (2024-01-31T22:02:28.016Z, as Tessera's own exports write instants).
  const split = /^(.+?)[ T](\d{1,2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  const day = split ? parseDate(split[1] as string, order) : undefined;
  if (split && day && Number(split[2]) < 24) {
    const zone = split[6] ?? 'Z';
    const fraction = split[5] ? split[5].slice(0, 4).padEnd(4, '0') : '';
    const instant = new Date(
      `${day}T${pad(Number(split[2]))}:${split[3]}:${split[4] ?? '00'}${fraction}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`,
    );
    if (!Number.isNaN(instant.getTime())) return ok(instant.toISOString());
  }
  return fail('not a date and time (e.g. 2026-12-07 14:30)', '不是日期时间（例如 2026-12-07 14:30）');
}

const fold = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_-]+/g, '');

/** A picklist value by api name or label in either language (case- and space-insensitive). */
export function findPicklistValue(values: readonly PicklistValue[], text: string): string | undefined {
  return foldedValues(values).get(fold(text));
}

// Folded api name and labels → the first active value that has them, per picklist: an import folds
// each cell once instead of every value's names for every cell.
const folded = new WeakMap<readonly PicklistValue[], Map<string, string>>();
function foldedValues(values: readonly PicklistValue[]): Map<string, string> {
  let byKey = folded.get(values);
  if (!byKey) {
    byKey = new Map();
    for (const value of values) {
      if (value.inactive) continue;
      for (const name of [value.apiName, value.labels.en ?? '', value.labels.zh ?? '']) {
        const key = fold(name);
        if (!byKey.has(key)) byKey.set(key, value.apiName);
      }
    }
    folded.set(values, byKey);
  }
  return byKey;
}

function listOf(values: readonly PicklistValue[], language: 'en' | 'zh' = 'en'): string {
  const names = values.filter((value) => !value.inactive).map((value) => value.labels[language] ?? value.apiName);
  const separator = language === 'zh' ? '、' : ', ';
  return names.length > 6 ? `${names.slice(0, 6).join(separator)}${separator}…` : names.join(separator);
}

export { fold as foldHeader };
