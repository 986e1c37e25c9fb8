/** Shared start-up for commands: config, logger, database (migrated), without starting the server. */
import { boot, type Booted } from '../boot';
import { loadConfigOrExit, type Config } from '../config';
import { createLogger, type Logger } from '../lib/logger';

export async function openForCli(
  options: { seed?: boolean; demoRegister?: boolean } = {},
): Promise<Booted & { config: Config; logger: Logger }> {
  const config: Config = loadConfigOrExit();
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const booted = await boot(config, logger, {
    seed: options.seed ?? false,
    demoRegister: options.demoRegister ?? false,
  });
  return { ...booted, config, logger };
}

/** `--name value` and `--flag` arguments. */
export function parseArgs(argv: string[]): { positional: string[]; flags: Record<string, string | true> } {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a.startsWith('--')) {
      const [k, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
      const next = argv[i + 1];
      if (inline !== undefined) flags[k] = inline;
      else if (next !== undefined && !next.startsWith('--')) {
        flags[k] = next;
        i++;
      } else flags[k] = true;
    } else positional.push(a);
  }
  return { positional, flags };
}
