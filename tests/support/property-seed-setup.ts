// Vitest setup file (vitest.config.ts `setupFiles`): every fast-check property in the workspace,
// including unit tests beside the code that call fc.assert without parameters, runs with the seed
// of tests/property/property-config.ts (fixed per state of the code, overridable to replay or explore).
import fc from 'fast-check';
import { PROPERTY_SEED } from '../property/property-config.ts';

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: PROPERTY_SEED });
