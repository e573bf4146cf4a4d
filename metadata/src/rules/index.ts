export { FILTER_OPERATORS, type FilterOperator, isFilterOperator } from './filter-operators.ts';
export {
  type JsonLogicHost,
  registerTesseraOperators,
  TESSERA_CUSTOM_OPERATORS,
  TESSERA_OPERATOR_IMPLEMENTATIONS,
  type TesseraCustomOperator,
} from './operators.ts';
