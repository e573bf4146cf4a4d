// JSON pointers (RFC 6901) into the rule, for error paths like /and/1/==/0.
export const childPath = (path: string, key: string | number): string => `${path}/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`;
