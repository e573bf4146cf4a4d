// The rule shapes of an object's metadata: validation rules, duplicate rules (查重) and the
// context names rules may read. Re-exported by ../types.ts with the rest of the metamodel.
import type { JsonLogicRule, Labels } from '../leaf-types.ts';

/**
 * A record-level rule. `condition` is JsonLogic that must be TRUTHY for the record to be valid
 * (an assertion, like a CHECK constraint; the opposite of Salesforce's error condition). It sees
 * the record as the API returns it, after defaults and, for an update, merged with the stored
 * record; `previous.<field>` is the stored record (`previous` is null on create), plus `$user.id`,
 * `$today` and `$now`. Every failing rule is reported at once (422 TSR500).
 */
export interface ValidationRuleDef {
  /** Stable identifier, unique within the object. */
  apiName: string;
  condition: JsonLogicRule;
  /** The error shown when the condition fails; the request's language picks one, `en` is the fallback. */
  message: Labels;
  /** The field the error attaches to (`/<field>` in the problem); absent: the whole record (`""`). */
  field?: string;
  /** Default true. An inactive rule is kept but not evaluated. */
  active?: boolean;
  description?: string;
}

/**
 * Value normalisations before duplicate matching: `case` (Unicode lower case), `whitespace`
 * (remove all whitespace), `width` (NFKC: full-width ＡＢＣ１２３ → ABC123, 　 → space),
 * `punctuation` (remove punctuation and symbols, incl. （）【】、，。), `digits` (keep digits only, for
 * phones), `email` (trim + lower case).
 */
export type DuplicateNormaliser = 'case' | 'whitespace' | 'width' | 'punctuation' | 'digits' | 'email';
export const DUPLICATE_NORMALISERS: readonly DuplicateNormaliser[] = ['case', 'whitespace', 'width', 'punctuation', 'digits', 'email'] as const;

export interface DuplicateMatchField {
  field: string;
  /** Applied in the fixed order width → case → email → punctuation → whitespace → digits. Default: none (exact). */
  normalise?: DuplicateNormaliser[];
}

/**
 * 查重: two live records are duplicates when every listed field matches after normalisation; a
 * record with any of these fields empty (after normalisation) is never a duplicate. `block`
 * refuses the write (409 TSR510, enforced by a unique index, so concurrent writes cannot both
 * pass); `warn` answers 409 TSR511 with the candidates unless the request confirms.
 */
export interface DuplicateRuleDef {
  apiName: string;
  /** 1 to 5 fields of type text, textarea, email, phone, url, picklist, number, date or lookup. */
  fields: DuplicateMatchField[];
  action: 'block' | 'warn';
  message?: Labels;
  /** Default true. */
  active?: boolean;
}

/**
 * Names a rule may read besides the record's own fields (`{"var": "$today"}`). `previous.*` only
 * in validation rules; `$today` is the date (YYYY-MM-DD, UTC) and `$now` the instant of the request.
 */
export const RULE_CONTEXT_VARS = ['$today', '$now', '$user.id'] as const;
export type RuleContextVar = (typeof RULE_CONTEXT_VARS)[number];
