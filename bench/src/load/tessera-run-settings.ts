// What a Tessera-only measured section (list-user, geo) needs: the server, its database and
// tenant, the load settings, a liveness check and the progress log.
export interface TesseraRunSettings {
  baseUrl: string;
  databaseUrl: string;
  tenant: string;
  schema: string;
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
  rounds: number;
  /** Sequential requests read for Server-Timing after the load. */
  profileRequests: number;
  assertAlive: () => void;
  log: (line: string) => void;
}
