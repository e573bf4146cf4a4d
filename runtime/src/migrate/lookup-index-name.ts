import { storageName } from '@tessera/metadata';

/** Name of the index that backs a lookup column (created with its foreign key). */
export const lookupIndexName = (object: string, field: string): string => storageName('lk', object, field);

/** Name of the expression index on a polylookup's (object, id), created with its column. */
/** Name of the GiST index on a geolocation's point (bounding-box prefilters of `distance`), created with its column. */
export const geolocationIndexName = (object: string, field: string): string => storageName('gl', object, field);

export const polylookupIndexName = (object: string, field: string): string => storageName('pl', object, field);
