// The leaf types every metadata module shares: labels and JsonLogic rules. This module imports
// nothing, so a types module (pipelines, approvals, layouts) can use them without a cycle back
// through types.ts, which re-exports them as part of the metamodel.

/** Labels in the languages Tessera ships with. At least one is required; `en` is the fallback. */
export interface Labels {
  en?: string;
  zh?: string;
}

/**
 * A JsonLogic rule (https://jsonlogic.com): a literal, an array, or `{ "<operator>": args }`.
 * Tessera's rules (validation, defaults, formulas, roll-up filters, visibility, list filters) are
 * all written in it; see RULE_CONTEXT_VARS (types.ts) and TESSERA_CUSTOM_OPERATORS for what they may read.
 */
export type JsonLogicRule = null | boolean | number | string | JsonLogicRule[] | { [operator: string]: JsonLogicRule };
