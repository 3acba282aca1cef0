// The two variables the database layer reads: where the database is (DATABASE_URL, else the
// embedded one in GAZETTE_DATA_DIR). Their rules live here, so db needs nothing from lib;
// lib/config.ts builds the whole configuration from the same rules (one definition of each).
import { z } from 'zod';

export const databaseEnvShape = {
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' }).optional(),
  GAZETTE_DATA_DIR: z.string().trim().min(1).default('.data/pglite'),
};

export interface DatabaseSettings {
  databaseUrl: string | undefined;
  dataDir: string;
}

/** An empty value (`NAME=` in .env) means "not set". */
export function presentEnv(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1].trim() !== ''));
}

/** The database settings from the environment; a bad value throws a message naming the variable. */
export function readDatabaseSettings(env: Record<string, string | undefined> = process.env): DatabaseSettings {
  const result = z.object(databaseEnvShape).safeParse(presentEnv(env));
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${String(issue.path[0])} ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}\nSee .env.example for every variable Gazette reads.`);
  }
  return { databaseUrl: result.data.DATABASE_URL, dataDir: result.data.GAZETTE_DATA_DIR };
}
