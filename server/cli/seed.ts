/** npm run db:seed: migrate, then seed reference data, districts and (outside production) demo users. */
import { openForCli } from './common';

async function main(): Promise<void> {
  const { db, demoUsers, config } = await openForCli({ seed: true, demoRegister: true });
  console.log('Reference data and districts are in place.');
  if (demoUsers.length)
    console.log(`Demo users made (password "${config.demoPassword}"): ${demoUsers.map((u) => u.username).join(', ')}`);
  await db.close();
}
main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
