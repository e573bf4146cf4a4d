// Geolocation values (issue #21): the API's `{latitude, longitude}`, the great-circle distance
// both rule engines compute, and the text form import reads and export writes. Pure.
import type { JsonSchema } from '../schemas/json-schema.ts';

export interface Geolocation {
  latitude: number;
  longitude: number;
}

/** The IUGG mean Earth radius: the `distance` operator's kilometres, in JS and in SQL alike. */
export const EARTH_RADIUS_KM = 6371.0088;

/** The value a client writes and reads; ajv names `/location/latitude` when a part is out of range. */
export const GEOLOCATION_VALUE_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    latitude: { type: 'number', minimum: -90, maximum: 90 },
    longitude: { type: 'number', minimum: -180, maximum: 180 },
  },
  required: ['latitude', 'longitude'],
  additionalProperties: false,
};

/** Whether a value is a geolocation the API accepts (finite, in range, nothing else). */
export function isGeolocation(value: unknown): value is Geolocation {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const { latitude, longitude, ...rest } = value as Record<string, unknown>;
  return (
    Object.keys(rest).length === 0 &&
    typeof latitude === 'number' &&
    typeof longitude === 'number' &&
    Number.isFinite(latitude) &&
    Number.isFinite(longitude) &&
    Math.abs(latitude) <= 90 &&
    Math.abs(longitude) <= 180
  );
}

const RADIANS = Math.PI / 180;

/**
 * Great-circle kilometres by the haversine formula, written in the same steps as the SQL
 * (runtime/src/filter/geo-distance.ts), so both sides round alike except in the last bits of a
 * double (PostgreSQL's sin/cos/asin come from the C library, V8's are its own: see the property
 * divergences). asin's argument is clamped to 1 so rounding past it cannot give NaN.
 */
export function haversineKm(a: Geolocation, b: Geolocation): number {
  const sinLat = Math.sin(((b.latitude - a.latitude) * RADIANS) / 2);
  const sinLon = Math.sin(((b.longitude - a.longitude) * RADIANS) / 2);
  const h = sinLat * sinLat + Math.cos(a.latitude * RADIANS) * Math.cos(b.latitude * RADIANS) * sinLon * sinLon;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** `31.2304,121.4737` (export's text; a space after the comma and the full-width comma are read too). */
export function parseGeolocationText(text: string): Geolocation | undefined {
  const number = '([-+]?\\d+(?:\\.\\d*)?(?:[eE][-+]?\\d+)?)';
  const match = new RegExp(`^\\s*${number}\\s*[,，]\\s*${number}\\s*$`).exec(text);
  if (!match) return undefined;
  const value = { latitude: Number(match[1]), longitude: Number(match[2]) };
  return isGeolocation(value) ? value : undefined;
}

/** The text export writes and import reads back: `latitude,longitude`, numbers as JSON prints them. */
export const formatGeolocationText = (value: Geolocation): string => `${value.latitude},${value.longitude}`;
