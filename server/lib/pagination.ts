import { z } from 'zod';

export interface PageRequest {
  page: number;
  pageSize: number;
  offset: number;
}

const PageQuery = z.object({
  page: z.coerce.number().int().min(1).catch(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).catch(25).default(25),
});

/** page/pageSize from a query string; out-of-range values fall back to defaults rather than fail. */
export function pageRequest(query: unknown, defaultSize = 25): PageRequest {
  const raw = (query ?? {}) as Record<string, unknown>;
  const p = PageQuery.parse({ page: raw.page, pageSize: raw.pageSize ?? defaultSize });
  return { page: p.page, pageSize: p.pageSize, offset: (p.page - 1) * p.pageSize };
}

export interface Page<T> {
  data: T[];
  page: number;
  pageSize: number;
  total: number;
}

export function pageOf<T>(data: T[], total: number, req: PageRequest): Page<T> {
  return { data, page: req.page, pageSize: req.pageSize, total };
}

/** Parses `sort=field` or `sort=-field` against an allowed list. */
export function sortOrder<F extends string>(
  sort: unknown,
  allowed: readonly F[],
  fallback: F,
): { field: F; dir: 'ASC' | 'DESC'; param: string } {
  const s = typeof sort === 'string' ? sort : '';
  const desc = s.startsWith('-');
  const name = (desc ? s.slice(1) : s) as F;
  if (allowed.includes(name)) return { field: name, dir: desc ? 'DESC' : 'ASC', param: s };
  return { field: fallback, dir: 'ASC', param: fallback };
}
