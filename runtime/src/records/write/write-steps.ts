// THE ORDER OF A RECORD WRITE. Every create, patch, stage move, delete and restore — one record or
// many — runs the steps below that apply to it, in this order, inside one transaction when any of
// them needs one (a write with no rules, history or access checks is a single statement).
//
// A new write-time behaviour (upsert matching, automation, lead assignment…) is a new step module
// placed in this list where its inputs exist: before `writeRows` if it decides on the stored row
// or the values (it can refuse without writing), after it if it needs the row as written. It
// declares what it needs (`needs`) instead of reading rows itself, so the stored row is still read
// once per write.
import { applyDeleteRules, restoreCascade } from './steps/apply-delete-rules.ts';
import { attachFiles } from './steps/attach-files.ts';
import { checkAccess } from './steps/check-access.ts';
import { checkDependentPicklists } from './steps/check-dependent-picklists.ts';
import { checkApprovalLock } from './steps/check-approval-lock.ts';
import { checkPolylookupTargets } from './steps/check-polylookup-targets.ts';
import { checkLinkTargets } from './steps/check-link-targets.ts';
import { writeLinks } from './steps/write-links.ts';
import { checkRecordType } from './steps/check-record-type.ts';
import { checkUserRefs } from './steps/check-user-refs.ts';
import { checkValidationRules } from './steps/check-validation-rules.ts';
import { lockAndRead } from './steps/lock-and-read.ts';
import { recordFieldHistory } from './steps/record-field-history.ts';
import { recordStageMove } from './steps/record-stage-move.ts';
import { refuseHiddenLookups } from './steps/refuse-hidden-lookups.ts';
import { storeDuplicateKeys } from './steps/store-duplicate-keys.ts';
import { writeRows } from './steps/write-rows.ts';
import type { WriteStep } from './write-context.ts';

export const WRITE_STEPS: readonly WriteStep[] = Object.freeze([
  lockAndRead, //          the stored rows, FOR UPDATE, once
  checkAccess, //          row access (404/403), versions (409)
  checkApprovalLock, //    a pending approval locks the record (TSR559/TSR563)
  checkRecordType, //      restricted picklists against the stored record type
  refuseHiddenLookups, //  field access: lookups only to records the writer can see
  checkUserRefs, //        user fields name active users (TSR425)
  checkPolylookupTargets, // polylookups: live records the writer can see (no foreign key can)
  checkLinkTargets, //     many-to-many: linked ids are live records the writer can read
  writeRows, //            the SQL write, returning the record as written
  checkDependentPicklists, // dependent picklists on the written record (TSR415)
  writeLinks, //           many-to-many: the junction rows, then the record read again
  attachFiles, //          file fields: attach the named files, delete the ones no longer named
  checkValidationRules, // validation rules on the written record (TSR500)
  storeDuplicateKeys, //   查重 keys and duplicate refusals (TSR510/TSR511)
  recordStageMove, //      stage rules (TSR530…) and stage history
  recordFieldHistory, //   field history of tracked fields
  applyDeleteRules, //     delete: restrict / setNull / cascade
  restoreCascade, //       restore: children the same delete cascaded
]);
