// The one ajv factory: draft 2020-12, every error at once, the formats Tessera uses.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export type Ajv = InstanceType<typeof Ajv2020>;

export function createAjv(): Ajv {
  const ajv = new Ajv2020({
    allErrors: true,
    // Type unions such as ["string", "null"] are intended; keep the rest of strict mode.
    strictTypes: false,
    // Decimal `multipleOf` (0.01) needs a tolerance: 0.07 / 0.01 is 7.000000000000001.
    multipleOfPrecision: 8,
  });
  addFormats(ajv, ['date', 'date-time', 'email', 'uri', 'uuid']);
  return ajv;
}
