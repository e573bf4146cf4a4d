// The names a deferred roll-up flush shares between the trigger functions (rollup-triggers.ts) and
// the import that defers them (rollup-deferral.ts): a transaction-local setting and a temp table.

/** Set to 'on' (transaction-local) while roll-ups are only recorded, not maintained. */
export const DEFERRED_SETTING = 'tessera.rollups_deferred';
/** pg_temp table of (child, parent, lookup, parent_id | inserted_id) the triggers record while deferred. */
export const PENDING_TABLE = 'tessera_rollups_pending';
