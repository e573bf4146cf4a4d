// A metadata document from disk: one JSON file, or every *.json of a directory (sorted) as one
// bundle. Shared by `metadata apply` and `metadata plan`, so both read exactly the same input.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../core/api-error.ts';

export function readDocument(path: string): unknown {
  if (statSync(path).isDirectory()) {
    const files = readdirSync(path)
      .filter((name) => name.endsWith('.json'))
      .sort();
    const objects = files.flatMap((name) => {
      const parsed = parseFile(join(path, name));
      return parsed && typeof parsed === 'object' && 'objects' in parsed ? (parsed as { objects: unknown[] }).objects : [parsed];
    });
    return { objects };
  }
  return parseFile(path);
}

function parseFile(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ApiError('TSR101', `${file} is not valid JSON: ${(error as Error).message}`);
  }
}
