// Query parameters validated with Zod; any failure is a 400 naming the parameter.
import type { z } from 'zod';
import { HttpError, type InvalidParam } from './problem';

export function parseQuery<S extends z.ZodType>(url: URL, schema: S): z.infer<S> {
  // A prototype-less object: names like "constructor" or "__proto__" are just names.
  const raw: Record<string, string> = Object.create(null) as Record<string, string>;
  const repeated: InvalidParam[] = [];
  for (const [name, value] of url.searchParams) {
    if (Object.hasOwn(raw, name)) repeated.push({ name, reason: 'must be given at most once' });
    raw[name] = value;
  }
  if (repeated.length > 0) throw invalidParams(repeated);
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw invalidParams(
      result.error.issues.map((issue) => ({ name: String(issue.path[0] ?? 'query'), reason: issue.message })),
    );
  }
  return result.data;
}

export function invalidParams(params: InvalidParam[]): HttpError {
  const names = [...new Set(params.map((p) => p.name))];
  return new HttpError(400, `Invalid query parameter${names.length > 1 ? 's' : ''}: ${names.join(', ')}.`, {
    'invalid-params': params,
  });
}
