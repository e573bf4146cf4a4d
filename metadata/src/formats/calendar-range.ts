// RFC 3339 dates and date-times (ajv-formats' full checks: real days of real months, leap years)
// limited to the years PostgreSQL stores and the API prints as YYYY: 1 to 9999. Year 0 passes
// RFC 3339 but is no year in PostgreSQL (1 BC), so its cast failed with a 500; an instant is judged
// by its UTC year, since `0001-01-01T00:30:00+01:00` is still year 0 in UTC.
import addFormats from 'ajv-formats';

type Validate = (value: string) => boolean;
const rfc3339Date = (addFormats.get('date') as { validate: Validate }).validate;
const rfc3339DateTime = (addFormats.get('date-time') as { validate: Validate }).validate;

export const MIN_YEAR = 1;
export const MAX_YEAR = 9999;

// Only the first and last years can leave the range through a time zone offset.
const EDGE_INSTANT = /^(\d{4})-(\d\d)-(\d\d).(\d\d):(\d\d):(\d\d)(?:\.\d+)?(?:z|([+-])(\d\d)(?::?(\d\d))?)$/i;

/**
 * The longest instant taken: `2024-01-01T00:00:00.123456789+08:00` is 35 characters. ajv-formats
 * allows any number of fractional digits (a 1 MB instant passed), and PostgreSQL refuses a field
 * over 128 characters with an error, not a 4xx; the guard also spares split() a 1 MB input.
 */
export const MAX_DATETIME_LENGTH = 64;

export const isStorableDate: Validate = (value) => value.length === 10 && rfc3339Date(value) && Number(value.slice(0, 4)) >= MIN_YEAR;

export const isStorableDatetime: Validate = (value) => {
  if (value.length > MAX_DATETIME_LENGTH || !rfc3339DateTime(value)) return false;
  const year = Number(value.slice(0, 4));
  if (year > MIN_YEAR && year < MAX_YEAR) return true;
  const parts = EDGE_INSTANT.exec(value);
  if (!parts) return false;
  const [y, mo, d, h, mi, s] = parts.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const offset = parts[7] === undefined ? 0 : (parts[7] === '-' ? -1 : 1) * (Number(parts[8]) * 60 + Number(parts[9] ?? 0));
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  const instant = new Date(0);
  instant.setUTCFullYear(y, mo - 1, d);
  instant.setUTCHours(h, mi - offset, s);
  const utcYear = instant.getUTCFullYear();
  return utcYear >= MIN_YEAR && utcYear <= MAX_YEAR;
};
