/**
 * A list's whole result, read in batches (SPEC §10.3: an export never holds all rows in memory). The list's own
 * query (its where, filtering includes and order) selects the ids of the result once, in the list's order (eight
 * bytes a row: a snapshot that rows saved meanwhile do not shift, whatever the sort — CASE expressions and NULLs
 * order differently on SQLite and PostgreSQL, which a keyset on arbitrary columns would have to mimic); then the
 * records are loaded `size` ids at a time, with the list's includes, and handed over in that order.
 */
import { col, Op, where, type FindAttributeOptions, type Includeable, type Model, type ModelStatic } from 'sequelize';
import type { Order, Transaction, WhereOptions } from 'sequelize';

/** What a list page queries, without its page: shared by the list and its export. */
export interface ListQuery {
  where: WhereOptions;
  include?: Includeable[];
  order: Order;
  attributes?: FindAttributeOptions;
  /** The list's findAndCountAll needs `distinct` when an include multiplies rows. */
  distinct?: boolean;
}

/**
 * Rows a batch: small enough that a batch's records die young (batches of 1 000 were promoted to the old
 * generation and the heap grew to ~230 MB before a full collection; 250 keeps the peak near 110 MB).
 */
export const EXPORT_BATCH = 250;

/** The rows of an export: how many, and the records batch by batch in the list's order. */
export interface ExportSource<R> {
  total: number;
  batches: AsyncIterable<R[]>;
}

function isIncludeOptions(i: Includeable): i is Extract<Includeable, { model?: unknown; where?: unknown }> {
  return typeof i === 'object' && i !== null && 'model' in i;
}

/** The includes that narrow the result (a `where` or `required`), selecting no column of their own. */
function filteringIncludes(include: Includeable[] | undefined): Includeable[] {
  return (include ?? []).filter(isIncludeOptions).flatMap((i) => {
    if (i.where === undefined && i.required !== true) return [];
    const nested = Array.isArray(i.include) ? filteringIncludes(i.include) : [];
    return [{ ...i, attributes: [], include: nested }];
  });
}

/** The ids of the whole result, in the list's order (each once). */
export async function orderedIds<M extends Model>(
  model: ModelStatic<M>,
  q: ListQuery,
  transaction?: Transaction,
): Promise<number[]> {
  const rows: unknown = await model.findAll({
    transaction,
    where: q.where,
    include: filteringIncludes(q.include),
    order: q.order,
    attributes: ['id'],
    raw: true,
  });
  // Checked row by row rather than by a schema over the array: no second array of 100 000 objects.
  if (!Array.isArray(rows)) throw new Error('orderedIds: no rows');
  const seen = new Set<number>();
  const ids: number[] = [];
  for (const r of rows) {
    const id = typeof r === 'object' && r !== null && 'id' in r ? Number(r.id) : Number.NaN;
    if (!Number.isInteger(id)) throw new Error('orderedIds: a row without an integer id');
    if (!seen.has(id)) ids.push(id);
    seen.add(id);
  }
  return ids;
}

/**
 * The list's result as an export source: the ordered ids now (so that a bad filter fails before the response
 * starts), the records later, `size` at a time, each batch in the list's order. `load` options replace the
 * list's attributes (an export may want a column the page leaves out, e.g. a conflict's geometry). With a
 * `transaction` (e.g. the register as of a past day, history.service's readAsOf), every read runs in it: the
 * caller keeps it open until the last batch is sent.
 */
export async function inListOrder<M extends Model & { id: number }>(
  model: ModelStatic<M>,
  q: ListQuery,
  options: {
    size?: number;
    attributes?: FindAttributeOptions;
    include?: Includeable[];
    transaction?: Transaction;
  } = {},
): Promise<ExportSource<M>> {
  const { transaction } = options;
  const ids = await orderedIds(model, q, transaction);
  const size = options.size ?? EXPORT_BATCH;
  async function* batches(): AsyncGenerator<M[]> {
    for (let i = 0; i < ids.length; i += size) {
      const chunk = ids.slice(i, i + size);
      const rows = await model.findAll({
        where: where(col(`${model.name}.id`), { [Op.in]: chunk }),
        include: options.include ?? q.include,
        attributes: options.attributes,
        transaction,
      });
      const byId = new Map(rows.map((r) => [r.id, r]));
      yield chunk.flatMap((id) => byId.get(id) ?? []);
    }
  }
  return { total: ids.length, batches: batches() };
}

/** Each batch of a source through `f` (e.g. adding what a batch needs from another table). */
export function mapBatches<R, T>(source: ExportSource<R>, f: (batch: R[]) => Promise<T[]> | T[]): ExportSource<T> {
  async function* batches(): AsyncGenerator<T[]> {
    for await (const b of source.batches) yield await f(b);
  }
  return { total: source.total, batches: batches() };
}

/** A record's `externalRef` (the key imports match on), '' when it has none or the model has no such column. */
export function externalRefOf(m: Model | null | undefined): string {
  const v: unknown = m ? Reflect.get(m.dataValues, 'externalRef') : undefined;
  return typeof v === 'string' ? v : '';
}
