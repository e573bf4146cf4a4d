// The pieces of @tessera/metadata the filter compiler uses, in one place.
export {
  type ErrorCode,
  fail,
  ok,
  type ProblemDetail,
  problem,
  type Result,
} from '@tessera/metadata';
export { BUSINESS_DAYS_LIMIT, dateOf, FILTER_OPERATORS, HOUR_MS, isFilterOperator, type NormalisedCalendar, reachableMs } from '@tessera/metadata';
export { EARTH_RADIUS_KM, type Geolocation, isGeolocation } from '@tessera/metadata';
