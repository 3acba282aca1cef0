import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { responses } from './common';

export const healthSchema = z
  .object({
    status: z.literal('ok'),
    database: z.object({ status: z.literal('ok'), driver: z.enum(['pglite', 'pg', 'neon']), latencyMs: z.number().int() }),
  })
  .meta({ id: 'Health' });

export function registerHealth(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/api/health',
    operationId: 'getHealth',
    summary: 'Liveness and database readiness',
    description: 'Runs one bounded database query. Never cached (`Cache-Control: no-store`).',
    tags: ['Operations'],
    responses: {
      200: { description: 'Up, with the database reachable.', content: { 'application/json': { schema: healthSchema } } },
      405: responses.methodNotAllowed,
      503: { ...responses.unavailable, description: 'The database is not reachable.' },
    },
  });
}
