// Shared exit handling for CLI scripts: clear messages for known failures, no stack for them.
import { DataDirLockedError } from '../db/data-dir-lock';
import { ConfigError } from '../lib/config';
import { closeProcessDatabase } from '../db/client';

export function runScript(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    async (err: unknown) => {
      await closeProcessDatabase().catch(() => {});
      if (err instanceof ConfigError || err instanceof DataDirLockedError) console.error(err.message);
      else if (err instanceof Error) console.error(process.env.DEBUG ? err : `Error: ${err.message}`);
      else console.error(err);
      process.exit(1);
    },
  );
}
