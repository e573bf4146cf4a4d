// `pnpm bench [-- --rows N --duration S --ops list,get --quick --baseline-only]`: runs the
// benchmark, prints the markdown table, writes bench/results/latest.{md,json}. Exit 1 when no
// PostgreSQL answers (the bench needs a real server) or the runtime is missing.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseBenchOptions } from './bench-options.ts';
import { PostgresUnavailableError } from './database/bench-database.ts';
import { renderMarkdown } from './report/render-markdown.ts';
import { RuntimeMissingError, runBench } from './run-bench.ts';

const DEFAULT_RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));

async function main(): Promise<number> {
  let options: ReturnType<typeof parseBenchOptions>;
  try {
    options = parseBenchOptions(process.argv.slice(2), DEFAULT_RESULTS_DIR);
  } catch (error) {
    console.error(`bench: ${(error as Error).message}`);
    return 2;
  }
  try {
    const report = await runBench(options, (line) => console.error(line));
    const markdown = renderMarkdown(report);
    mkdirSync(options.resultsDir, { recursive: true });
    writeFileSync(`${options.resultsDir}/latest.md`, markdown);
    writeFileSync(`${options.resultsDir}/latest.json`, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(markdown);
    return 0;
  } catch (error) {
    if (error instanceof PostgresUnavailableError || error instanceof RuntimeMissingError) {
      console.error(`bench: ${error.message}`);
      return 1;
    }
    console.error('bench failed:', error);
    return 1;
  }
}

process.exitCode = await main();
