// Autonumber formats by record type (issue #21): every key names a record type of the object
// (TSR236), every format parses (TSR207), and no two formats of the field are the same, the
// field's own `format` included (TSR236): each format has its own counter, so two equal formats
// would hand out the same numbers.
import { parseAutonumberFormat } from '../autonumber/parse-autonumber-format.ts';
import { type ProblemDetail, problem } from '../error-codes.ts';
import { joinPointer } from './json-pointer.ts';
import type { ObjectUnderCheck } from './object-under-check.ts';

export function checkAutonumberFormats(objects: readonly ObjectUnderCheck[]): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  for (const { def, normalised, path } of objects) {
    const recordTypes = (normalised.recordTypes ?? []).map((recordType) => recordType.apiName);
    normalised.fields.forEach((field, index) => {
      if (field.type !== 'autonumber' || field.formatsByRecordType === undefined) return;
      const name = `${def.apiName}.${field.apiName}`;
      const seen = new Map<string, string>([[field.format, 'format']]);
      for (const [recordType, format] of Object.entries(field.formatsByRecordType)) {
        const at = joinPointer(path, 'fields', index, 'formatsByRecordType', recordType);
        if (!recordTypes.includes(recordType)) {
          const expected = recordTypes.length > 0 ? `expected one of ${recordTypes.join(', ')}` : `${def.apiName} has no record types`;
          problems.push(problem(at, 'TSR236', `${name}: '${recordType}' is not a record type of ${def.apiName}; ${expected}`));
          continue;
        }
        const parsed = parseAutonumberFormat(format);
        if (!parsed.ok) {
          problems.push(problem(at, 'TSR207', `${name} (record type ${recordType}): ${parsed.message}`));
          continue;
        }
        const twin = seen.get(format);
        if (twin) {
          const other = twin === 'format' ? 'the field format' : `record type ${twin}`;
          problems.push(
            problem(
              at,
              'TSR236',
              `${name}: record type ${recordType} uses '${format}', already used by ${other}; each format keeps its own counter, so formats must differ`,
            ),
          );
        }
        seen.set(format, recordType);
      }
    });
  }
  return problems;
}
