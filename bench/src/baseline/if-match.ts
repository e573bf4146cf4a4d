// The version a patch expects, for both baselines: `If-Match: "N"` (weak or strong), else the body's
// `version`, else undefined (no check). Not an integer → the caller answers 400 TSR113.
export function expectedVersion(ifMatch: string | undefined, body: Record<string, unknown>): unknown {
  return ifMatch ? Number(ifMatch.replace(/^W\//, '').replaceAll('"', '')) : body.version;
}

/** The field errors of a body, as the one-line detail both baselines put in their TSR400 problem. */
export const errorDetail = (errors: readonly { path: string; message: string }[]): string => errors.map((e) => `${e.path}: ${e.message}`).join('; ');
