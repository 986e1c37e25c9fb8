/**
 * `tsx server/cli/open-data.ts [DIR]`: writes the open-data files of the public register (SPEC §10.2) into DIR
 * (default OPEN_DATA_DIR) and exits. The `opendata.refresh` job runs this in a process of its own with a small
 * heap, so that the files' garbage never grows the worker (peak RSS stays flat at any register size). Prints
 * one JSON line per batch (`{"done":n,"text":…}`) and a last one with the files (`{"files":…}`).
 */
import { writeOpenData } from '../modules/public/opendata.service';
import { openForCli } from './common';

async function main(): Promise<void> {
  const { db, config } = await openForCli();
  try {
    const dir = process.argv[2] ?? config.openDataDir;
    const files = await writeOpenData(db.sequelize, dir, async (done, text) => {
      process.stdout.write(`${JSON.stringify({ done, text })}\n`);
    });
    process.stdout.write(`${JSON.stringify({ files })}\n`);
  } finally {
    await db.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
