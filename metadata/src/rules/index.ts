export { FILTER_OPERATORS, type FilterOperator, isFilterOperator } from './filter-operators.ts';
export {
  type JsonLogicHost,
  registerTesseraOperators,
  TESSERA_CUSTOM_OPERATORS,
  TESSERA_DATE_OPERATORS,
  TESSERA_OPERATOR_IMPLEMENTATIONS,
  TESSERA_TEXT_OPERATORS,
  TESSERA_LIST_OPERATORS,
  type TesseraCustomOperator,
} from './operators.ts';
export { dateOf, utcToday } from './rule-dates.ts';
export { analyseRule, type RuleAnalysis, type RuleNames, type RuleValueType } from './analyse-rule.ts';
export { fieldRuleType, type RuleNameOptions, ruleNamesOf } from './rule-names.ts';
export {
  applyRule,
  evaluateFormula,
  evaluateFormulas,
  expressionDefaults,
  failingValidationRules,
  formulaOrder,
  formulaResult,
  isTruthy,
  type RuleContext,
  ruleContextAt,
  ruleData,
  validationRuleErrors,
  varNames,
} from './evaluate-rules.ts';
export { roundHalfAway } from './round-half-away.ts';
export { duplicateMatchKey, NORMALISER_ORDER, normaliseMatchValue } from './normalise-match-value.ts';
export { normaliseDuplicateRule, normaliseValidationRule } from './normalise-rules.ts';
export { type FormulaReads, formulaReads } from './formula-reads.ts';
export { bindPathValues, isLookupPath, MAX_LOOKUP_HOPS, type PathEnd, type PathHop, readsLookupPath, resolveLookupPath } from './lookup-paths.ts';
