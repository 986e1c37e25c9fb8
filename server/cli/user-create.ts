/**
 * npm run user:create -- --username X --role admin [--full-name "…"] [--districts 643,644]
 * The password is read from USER_PASSWORD or asked for on the terminal (never an argument).
 */
import { createInterface } from 'node:readline/promises';
import { SYSTEM_ACTOR } from '../lib/actor';
import { ValidationError } from '../lib/errors';
import { createI18n } from '../lib/i18n';
import { createUser } from '../modules/users/users.service';
import { openForCli, parseArgs } from './common';

async function askPassword(): Promise<string> {
  if (process.env.USER_PASSWORD) return process.env.USER_PASSWORD;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const pw = await rl.question('Password (at least 10 characters): ');
  rl.close();
  return pw;
}

async function main(): Promise<number> {
  const { flags } = parseArgs(process.argv.slice(2));
  if (typeof flags.username !== 'string' || typeof flags.role !== 'string') {
    console.error(
      'usage: npm run user:create -- --username X --role admin|licensing_officer|inspector|manager ' +
        '[--full-name "…"] [--districts 643,644]',
    );
    return 2;
  }
  const password = await askPassword();
  const { db, districts } = await openForCli({ seed: false });
  try {
    const u = await createUser(
      db.sequelize,
      districts,
      {
        username: flags.username,
        role: flags.role,
        password,
        fullName: typeof flags['full-name'] === 'string' ? flags['full-name'] : flags.username,
        districtCodes: typeof flags.districts === 'string' ? flags.districts : [],
      },
      { ...SYSTEM_ACTOR, userAgent: 'user:create' },
    );
    console.log(`Created ${u.role} "${u.username}" (id ${u.id}).`);
    return 0;
  } catch (e) {
    if (e instanceof ValidationError) {
      const t = (await createI18n()).getFixedT('en');
      for (const [field, m] of Object.entries(e.fields)) console.error(`  ${field}: ${t(m.key, m.params ?? {})}`);
      return 1;
    }
    throw e;
  } finally {
    await db.close();
  }
}
main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
