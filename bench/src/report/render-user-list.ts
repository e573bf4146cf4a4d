// The list-user section of the markdown: the list as the tenant admin and as a team_0 user under
// sharing rules, side by side, with the user ÷ admin ratio and the result of the SQL check.
import type { UserListReport } from '../user-list/run-user-list.ts';

const fixed = (value: number | null | undefined, digits = 0): string => (value == null ? '–' : value.toFixed(digits));

export function renderUserList(userList: UserListReport, rounds: number): string[] {
  const { admin, user, ratio, setup, check, serverTiming } = userList;
  const metrics = [...new Set([...Object.keys(serverTiming.admin.meanMs), ...Object.keys(serverTiming.user.meanMs)])];
  const row = (op: string, token: string, result: UserListReport['admin'], timing: UserListReport['serverTiming']['admin']) =>
    `| ${op} | ${token} | ${fixed(result.rps)} | ${fixed(result.p50, 1)} | ${fixed(result.p99, 1)} | ${result.errors} | ` +
    `${metrics.map((metric) => fixed(timing.meanMs[metric], 2)).join(' | ')} | ${fixed(timing.clientMeanMs, 2)} |`;
  return [
    '',
    `List as a non-admin user (Tessera only; the baseline has no security, so no baseline ratio): the \`list\` requests with the tenant ` +
      `token and with a \`team_0\` user's personal token, ${rounds} runs each, interleaved (admin, user, admin, user, …). ` +
      `${setup.roles} roles (\`vp\` over \`team_0\`–\`team_9\`), ${setup.users} users with \`sales\`, opportunity \`private\`, ` +
      `${setup.sharingRules} sharing rules (amount > 990,000 → \`team_0\`; stage \`closed_won\` → \`vp\` and subordinates; read), ` +
      `${setup.ownedRows.toLocaleString('en-US')} opportunities owned round-robin. Server-Timing and client columns: mean ms over ` +
      `${serverTiming.user.requests} sequential requests after the load.`,
    '',
    `| op | token | req/s | p50 ms | p99 ms | errors | ${metrics.map((metric) => `${metric} ms`).join(' | ')} | client ms |`,
    `|---|---|---:|---:|---:|---:|${metrics.map(() => '---:|').join('')}---:|`,
    row('list', 'tenant (admin)', admin, serverTiming.admin),
    row('list-user', '`team_0` user', user, serverTiming.user),
    `| ${['**user ÷ admin**', '', fixed(ratio.rps, 2), fixed(ratio.p50, 2), fixed(ratio.p99, 2), '', ...metrics.map(() => ''), ''].join(' | ')} |`,
    '',
    `- list-user check: ${check.pages} first pages (${check.rows} ids) equal, in order, an independent SQL query of what the user may see; ` +
      `${check.narrowedPages} of them differ from the admin's page`,
  ];
}
