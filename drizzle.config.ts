import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes SQL migrations from db/schema.ts; `npm run db:migrate` applies
// them with scripts/db-migrate.ts, which works for all three drivers (and respects the
// embedded database's lock), so drizzle-kit itself never needs a connection here.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema.ts',
  out: './db/migrations',
});
