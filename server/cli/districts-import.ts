/**
 * npm run districts:import -- FILE [--code-prop code] [--name-prop name] [--valid-from YYYY-MM-DD]
 *   [--replace] [--dry-run]
 * Validates the whole file first; a bad file is refused whole with each feature and reason.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateBoundaries } from '../../geo/districts/validate';
import { SYSTEM_ACTOR } from '../lib/actor';
import { todayIso } from '../lib/dates';
import { openForCli, parseArgs } from './common';

const USAGE =
  'usage: npm run districts:import -- FILE [--code-prop code] [--name-prop name] [--valid-from YYYY-MM-DD] ' +
  '[--replace] [--dry-run]';

async function main(): Promise<number> {
  const { positional, flags } = parseArgs(process.argv.slice(2));
  const file = positional[0];
  if (!file) {
    console.error(USAGE);
    return 2;
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    console.error(`Cannot read ${file} as JSON: ${(e as Error).message}`);
    return 1;
  }
  const validFrom = typeof flags['valid-from'] === 'string' ? flags['valid-from'] : todayIso();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(validFrom)) {
    console.error('--valid-from must be YYYY-MM-DD');
    return 2;
  }
  const result = validateBoundaries(json, {
    codeProp: typeof flags['code-prop'] === 'string' ? flags['code-prop'] : undefined,
    nameProp: typeof flags['name-prop'] === 'string' ? flags['name-prop'] : undefined,
  });
  if (!result.ok) {
    console.error(`Refused: ${file} has ${result.problems.length} problem(s); nothing was imported.`);
    for (const p of result.problems)
      console.error(
        `  ${p.index < 0 ? 'file' : `feature ${p.index}`}${p.code ? ` (code ${p.code})` : ''}: ${p.reason}`,
      );
    return 1;
  }
  if (flags['dry-run']) {
    console.log(`${file}: ${result.features.length} valid features (dry run, nothing imported).`);
    return 0;
  }
  const { db, districts } = await openForCli();
  try {
    const s = await districts.importBoundaries(
      result.features,
      { source: `Imported from ${path.basename(file)}`, validFrom, replace: Boolean(flags.replace) },
      { ...SYSTEM_ACTOR, userAgent: 'districts:import' },
    );
    console.log(
      `Imported ${result.features.length} districts from ${file} (valid from ${validFrom}): ` +
        `${s.created.length} new, ${s.updated.length} changed, ${s.unchanged.length} unchanged, ` +
        `${s.retired.length} retired.`,
    );
    const total = (await districts.current()).reduce((sum, d) => sum + d.areaKm2, 0);
    console.log(
      `Current geography: ${(await districts.current()).length} ` +
        `districts, ${Math.round(total).toLocaleString('en-US')} km².`,
    );
  } finally {
    await db.close();
  }
  return 0;
}
main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
