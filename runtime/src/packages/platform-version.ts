// The Tessera version packages' `platform` ranges are checked against: the runtime's package.json.
import { readFileSync } from 'node:fs';

export const PLATFORM_VERSION: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
