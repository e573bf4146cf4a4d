import { EMPTY_SNAPSHOT, type NormalisedObject, validateDocument } from '@tessera/metadata';
import { describe, expect, it } from 'vitest';
import { calendarReferences, calendarsInUse } from './calendars-in-use.ts';

const cal = (apiName: string) => ({ apiName, timeZone: 'UTC', week: { mon: [['09:00', '17:00']] as [string, string][] } });
const objects = (document: unknown): NormalisedObject[] => {
  const result = validateDocument(document, EMPTY_SNAPSHOT);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
};
const ticket = objects({
  apiName: 'ticket',
  labels: { en: 'Ticket' },
  fields: [
    { type: 'datetime', apiName: 'opened_at', labels: { en: 'Opened' } },
    { type: 'formula', apiName: 'due', labels: { en: 'Due' }, returns: 'datetime', expression: { add_business_hours: [{ var: 'opened_at' }, 8, 'office'] } },
  ],
  validationRules: [
    { apiName: 'quick', condition: { '<': [{ business_hours_between: [{ var: 'opened_at' }, { now: [] }, 'night'] }, 4] }, message: { en: 'x' } },
  ],
});

describe('calendarReferences', () => {
  it('finds every calendar a rule names, at its pointer, however deep', () => {
    expect(calendarReferences(ticket[0])).toEqual([
      { name: 'office', pointer: '/fields/1/expression/add_business_hours/2' },
      { name: 'night', pointer: '/validationRules/0/condition/</0/business_hours_between/2' },
    ]);
    expect(calendarReferences({ add_business_hours: [1, 2, { var: 'x' }] })).toEqual([]);
  });
});

describe('calendarsInUse', () => {
  it('names each use of a removed calendar: in the document at its path, elsewhere at /calendars', () => {
    const live = [cal('office'), cal('night')];
    expect(calendarsInUse(live, [cal('night')], ticket, [], [], ['/objects/0']).map((found) => found.path)).toEqual([
      '/objects/0/fields/1/expression/add_business_hours/2',
    ]);
    const untouched = calendarsInUse(live, undefined, [], ticket, [], []);
    expect(untouched.map((found) => [found.path, found.code])).toEqual([
      ['/calendars', 'TSR238'],
      ['/calendars', 'TSR238'],
    ]);
    expect(untouched[0]?.message).toContain('ticket.due');
  });

  it('lets a calendar go with the object that used it, and ignores names that were never live', () => {
    expect(calendarsInUse([cal('office'), cal('night')], [], [], ticket, ['ticket'], [])).toEqual([]);
    expect(calendarsInUse([], [], ticket, [], [], ['/objects/0'])).toEqual([]);
  });
});
