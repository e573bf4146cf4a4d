// Writes the published JSON Schemas from their TypeScript source: `npx tsx scripts/write-schemas.ts`.
// A test fails when the committed files drift from the source.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderSchemaFiles } from '../src/schemas/render-schema-files.ts';

for (const [name, text] of Object.entries(renderSchemaFiles())) {
  const target = fileURLToPath(new URL(`../schemas/${name}`, import.meta.url));
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}
