// The small open → won / lost stage picklist the access suites build their `deal` objects on.
import type { FieldDef } from '@tessera/metadata';

export const labels = (en: string) => ({ en, zh: en });

export const STAGE_FIELD: FieldDef = {
  apiName: 'stage',
  type: 'picklist',
  labels: labels('Stage'),
  values: [
    { apiName: 'open', labels: labels('Open'), default: true },
    { apiName: 'won', labels: labels('Won') },
    { apiName: 'lost', labels: labels('Lost') },
  ],
};
