// The list-user case (Tessera only: the baseline has no security, so no baseline ratio). Sets up
// roles, a permission set, 50 users and two sharing rules through the API, hands the opportunities
// to the users, checks the user's pages against SQL, then measures the `list` requests with the
// tenant token (admin) and with a team_0 user's token, interleaved admin, user, admin, user, so the
// user ÷ admin ratio compares runs made under the same machine load.
import { average, type ServerOpResult } from '../load/compare-servers.ts';
import { profileServerTiming, type TimingProfile } from '../load/profile-server-timing.ts';
import { type LoadResult, runLoad } from '../load/run-load.ts';
import type { TesseraRunSettings } from '../load/tessera-run-settings.ts';
import { buildWorkload, type WorkloadData } from '../load/workloads.ts';
import { assignOwnersRoundRobin } from './assign-owners.ts';
import { checkUserList, type UserListCheck } from './check-user-list.ts';
import { setUpSalesSecurity, TEAMS, USERS } from './security-setup.ts';

export interface UserListReport {
  /** `list` with the tenant (integration admin) token, measured interleaved with the user's runs. */
  admin: ServerOpResult;
  /** `list-user`: the same requests with a team_0 user's personal token. */
  user: ServerOpResult;
  /** user ÷ admin; null where the admin's value is 0 (autocannon records whole milliseconds). */
  ratio: { rps: number | null; p50: number | null; p99: number | null };
  setup: { roles: number; users: number; sharingRules: number; ownedRows: number; ownerUpdateSeconds: number };
  check: UserListCheck;
  /** Server-Timing means over sequential requests after the load, admin and user. */
  serverTiming: { admin: TimingProfile; user: TimingProfile };
}

export type UserListSettings = TesseraRunSettings;

export async function runUserList(data: WorkloadData, settings: UserListSettings): Promise<UserListReport> {
  const { baseUrl, log } = settings;
  const security = await setUpSalesSecurity(baseUrl, data.token, settings.tenant);
  const owners = await assignOwnersRoundRobin(settings.databaseUrl, settings.schema, security.userIds);
  log(
    `list-user: ${TEAMS + 1} roles, ${USERS} users, ${security.sharingRuleIds.length} sharing rules; ${owners.rows.toLocaleString('en-US')} owners set in ${owners.seconds.toFixed(1)} s`,
  );
  const userData: WorkloadData = { ...data, token: security.listUser.token };
  const check = await checkUserList(baseUrl, settings.databaseUrl, settings.schema, userData, security.listUser.id);
  log(`list-user: ${check.pages} first pages (${check.rows} ids) match the rules in SQL, ${check.narrowedPages} narrower than the admin's`);

  const sides = [
    { name: 'admin', op: 'list', data },
    { name: 'user', op: 'list-user', data: userData },
  ] as const;
  const runs: Record<(typeof sides)[number]['name'], LoadResult[]> = { admin: [], user: [] };
  for (let round = 0; round < settings.rounds; round++) {
    for (const side of sides) {
      if (settings.warmupSeconds > 0) await runLoad(baseUrl, buildWorkload(side.op, side.data), settings.warmupSeconds, settings.connections);
      const result = await runLoad(baseUrl, buildWorkload(side.op, side.data), settings.durationSeconds, settings.connections);
      settings.assertAlive();
      runs[side.name].push(result);
      log(
        `  ${side.op.padEnd(12)} tessera  run ${round + 1}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, errors ${result.errors}`,
      );
    }
  }
  const admin = average(runs.admin);
  const user = average(runs.user);
  const divide = (a: number, b: number) => (b > 0 ? a / b : null);
  return {
    admin,
    user,
    ratio: { rps: divide(user.rps, admin.rps), p50: divide(user.p50, admin.p50), p99: divide(user.p99, admin.p99) },
    setup: { roles: TEAMS + 1, users: USERS, sharingRules: security.sharingRuleIds.length, ownedRows: owners.rows, ownerUpdateSeconds: owners.seconds },
    check,
    serverTiming: {
      admin: await profileServerTiming(baseUrl, 'list', data, settings.profileRequests),
      user: await profileServerTiming(baseUrl, 'list-user', userData, settings.profileRequests),
    },
  };
}
