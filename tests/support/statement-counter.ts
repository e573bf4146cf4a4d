// The database handle of a statement-count test: every statement run through it is counted (a
// Kysely plugin sees each query as it is compiled to run), so a test can tell set-based work from
// a loop of one statement per record.
import type { Kysely } from 'kysely';

export function countingDb<T>(db: Kysely<T>): { db: Kysely<T>; count: () => number } {
  let statements = 0;
  const counted = db.withPlugin({
    transformQuery(args) {
      statements += 1;
      return args.node;
    },
    transformResult: async (args) => args.result,
  });
  return { db: counted, count: () => statements };
}
