// Names the metadata a JSON pointer points into, for messages: `opportunity.amount`, `opportunity`.
import { valueAtPointer } from './json-pointer.ts';

const apiNameAt = (root: unknown, pointer: string): string | undefined => {
  const value = valueAtPointer(root, `${pointer}/apiName`);
  return typeof value === 'string' && value !== '' ? value : undefined;
};

export function describeLocation(root: unknown, pointer: string): string {
  const objectMatch = /^(\/objects\/\d+)?/.exec(pointer);
  const objectPointer = objectMatch?.[1] ?? '';
  const objectName = apiNameAt(root, objectPointer) ?? (objectPointer === '' ? 'object' : `object ${objectPointer.slice(9)}`);
  const fieldMatch = /^(?:\/objects\/\d+)?(\/fields\/(\d+))/.exec(pointer);
  if (!fieldMatch) return objectName;
  const fieldName = apiNameAt(root, objectPointer + (fieldMatch[1] ?? '')) ?? `field ${fieldMatch[2]}`;
  return `${objectName}.${fieldName}`;
}
