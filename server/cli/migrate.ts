/** npm run db:migrate (all pending) | npm run db:rollback [-- --to NAME | --all] */
import { openDatabase } from '../db';
import { loadConfig } from '../config';
import { parseArgs } from './common';

async function main(): Promise<void> {
  const [direction = 'up', ...rest] = process.argv.slice(2);
  const { flags } = parseArgs(rest);
  const config = loadConfig();
  const db = await openDatabase(config.database);
  try {
    if (direction === 'up') {
      const done = await db.migrator.up();
      console.log(done.length ? `Applied: ${done.map((m) => m.name).join(', ')}` : 'Nothing to migrate.');
    } else {
      const done = flags.all
        ? await db.migrator.down({ to: 0 })
        : typeof flags.to === 'string'
          ? await db.migrator.down({ to: flags.to })
          : await db.migrator.down();
      console.log(done.length ? `Rolled back: ${done.map((m) => m.name).join(', ')}` : 'Nothing to roll back.');
    }
  } finally {
    await db.close();
  }
}
main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
