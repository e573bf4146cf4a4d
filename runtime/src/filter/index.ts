export { MAX_RULE_DEPTH, MAX_RULE_NODES } from './check-limits.ts';
export { compileFilter, compileValue } from './compile-filter.ts';
export { canonicalDate, canonicalDatetime } from './js-coerce.ts';
export type { CompiledValue, FilterField, FilterScope, FilterValueType } from './types.ts';
