import { Op, type WhereOptions } from 'sequelize';
import { foldDiacritics } from './text';

/** Text to store in a `searchText` column: every part folded (no diacritics, lower case). */
export function searchTextOf(...parts: (string | null | undefined)[]): string {
  return foldDiacritics(parts.filter(Boolean).join(' '));
}

/** A LIKE condition on `searchText` for every word of q, with or without diacritics ("krong pac"). */
export function searchWhere(q: unknown): WhereOptions | null {
  if (typeof q !== 'string' || !q.trim()) return null;
  const words = foldDiacritics(q).split(' ').filter(Boolean).slice(0, 8);
  return { [Op.and]: words.map((w) => ({ searchText: { [Op.like]: `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%` } })) };
}
