import { describe, expect, it } from 'vitest';
import { translateDatabaseError } from './translate-database-error.ts';

// The database going away is an outage the client may retry (503 TSR901), not an internal error:
// a dropped database (3D000) and connection exceptions (class 08) answered 500 TSR900 (issue #15).
describe('translateDatabaseError: the database is unavailable', () => {
  it.each(['ECONNREFUSED', '57P01', '57P03', '3D000', '08000', '08003', '08006', '08P01'])('%s → 503 TSR901', (code) => {
    const translated = translateDatabaseError({ code });
    expect({ code: translated?.code, status: translated?.status }).toEqual({ code: 'TSR901', status: 503 });
  });

  it('leaves other unknown codes to the 500 path', () => {
    expect(translateDatabaseError({ code: '42P01' })).toBeUndefined();
    expect(translateDatabaseError({ code: 'XX000' })).toBeUndefined();
  });
});
