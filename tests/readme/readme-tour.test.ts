// Runs the README's 5-minute tour, exactly as written, against a freshly started `tessera serve`
// on the embedded database: if the README drifts from the product, this fails.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, type SpawnedServer, spawnServer } from '../support/spawn-server.ts';

const run = promisify(execFile);

function tourScript(): string {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('<!-- tour:start -->'), readme.indexOf('<!-- tour:end -->'));
  const blocks = [...section.matchAll(/```bash\n([\s\S]*?)```/g)].map((match) => match[1]);
  return blocks.join('\n');
}

describe('README tour', () => {
  let server: SpawnedServer;
  beforeAll(async () => {
    server = await spawnServer();
  });
  afterAll(async () => server?.stop());

  it('has the blocks it promises', () => {
    const script = tourScript();
    expect(script).toContain('/api/v1/admin/tenants');
    expect(script).toContain('/api/v1/metadata/apply');
    expect(script.match(/objects\/(account|opportunity)\/records/g)?.length).toBeGreaterThanOrEqual(4);
    expect(script).toContain('openapi.json');
  });

  it('works as written against a fresh server', async () => {
    // The tour runs from the repository root: give it a root with the server's admin token.
    const cwd = join(server.stateDir, 'root');
    mkdirSync(cwd);
    symlinkSync(join(server.stateDir, '.tessera'), join(cwd, '.tessera'));
    symlinkSync(join(REPO_ROOT, 'examples'), join(cwd, 'examples'));
    const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', tourScript()], { cwd, env: { ...process.env, TESSERA: server.url } });
    const year = new Date().getUTCFullYear();
    // apply created both tables and the lookup's foreign key
    expect(stdout).toMatch(/create_table account/);
    expect(stdout).toMatch(/add_foreign_key opportunity\.account/);
    // the second opportunity got the second autonumber and the default stage
    expect(stdout).toContain(`OPP-${year}-0002 prospecting`);
    // the list: both opportunities, larger amount first, account expanded
    const listLines = stdout.split('\n').filter((line) => line.includes('@ 华为技术有限公司'));
    expect(listLines).toEqual([
      `OPP-${year}-0001  1200000  5G 核心网扩容  @ 华为技术有限公司`,
      `OPP-${year}-0002  85000.5  Campus Wi-Fi refresh  @ 华为技术有限公司`,
    ]);
    // the bad record: three errors at once
    expect(stdout).toContain('TSR402 /name');
    expect(stdout).toContain('TSR404 /amount');
    expect(stdout).toContain('TSR405 /stage');
    expect(stdout).toContain('TSR407 /close_date');
    expect(stdout).toContain('/api/v1/objects/opportunity/records/{id}');
  });
});
