import { Op, type Transaction, type WhereOptions } from 'sequelize';
import type { z } from 'zod';
import type { Actor } from '../../lib/actor';
import { ConflictError } from '../../lib/errors';
import { inListOrder, mapBatches, type ExportSource, type ListQuery } from '../../lib/export';
import type { PageRequest } from '../../lib/pagination';
import { isStaleVersion, mergeForUpdate } from '../../lib/schema-helpers';
import { parseInput } from '../../lib/validation';
import { clock } from '../../lib/dates';
import { AuditEvent, type AuditChanges } from '../../models/AuditEvent';
import { User } from '../../models/User';
import { isVersioned, recordVersions } from '../history/history.service';
import { registerChangedOnCommit } from '../../lib/register-changes';

/** Fields never copied into the audit trail; a change to them is recorded as "[changed]". */
const SECRET_FIELDS = new Set(['passwordHash', 'tokenHash']);
const IGNORED_FIELDS = new Set(['updatedAt', 'createdAt']);

type Plain = Record<string, unknown>;

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) return new Date(a as Date).getTime() === new Date(b as Date).getTime();
  return JSON.stringify(a) === JSON.stringify(b);
}

/** before/after of the fields that differ; with no `before` every field of `after` is listed. */
export function diffRecords(before: Plain | null, after: Plain | null): AuditChanges {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const out: AuditChanges = {};
  for (const k of keys) {
    if (IGNORED_FIELDS.has(k)) continue;
    const b = before ? before[k] : null;
    const a = after ? after[k] : null;
    if (before && after && same(a, b)) continue;
    if (!before && (a === null || a === undefined)) continue;
    out[k] = SECRET_FIELDS.has(k)
      ? { before: before ? '[secret]' : null, after: after ? '[changed]' : null }
      : { before: b ?? null, after: a ?? null };
  }
  return out;
}

export interface AuditInput {
  actor: Actor;
  entity: string;
  entityId: string | number;
  action: string;
  before?: Plain | null;
  after?: Plain | null;
  changes?: AuditChanges;
}

/**
 * Writes one AuditEvent inside the caller's transaction, after the change. A licence, station or assignment
 * also gets its new version in the register's history (history.service), at the same instant.
 */
export async function recordAudit(tx: Transaction, input: AuditInput): Promise<AuditEvent> {
  const at = clock.now();
  const event = await AuditEvent.create(
    {
      at,
      actorId: input.actor.userId,
      ip: input.actor.ip,
      userAgent: input.actor.userAgent,
      entity: input.entity,
      entityId: String(input.entityId),
      action: input.action,
      changes: input.changes ?? diffRecords(input.before ?? null, input.after ?? null),
    },
    { transaction: tx },
  );
  registerChangedOnCommit(tx, input.entity);
  if (isVersioned(input.entity))
    await recordVersions(tx, input.entity, [input.entityId], { at, deleted: input.action === 'delete' });
  return event;
}

/** A record under optimistic locking (SPEC §2): a stale edit is refused with 409, never overwritten. */
export interface Versioned {
  version: number;
}

/** Refuses a version sent with a delete or an action (optional there) that is not the current one. */
export function assertFresh(sent: unknown, record: Versioned): void {
  if (isStaleVersion(sent, record.version)) throw new ConflictError('errors.conflict', {}, record);
}

/** How one record is edited by `updateAudited`; the hooks run in this order, all in `transaction`. */
export interface AuditedUpdate<R extends Versioned, S extends z.ZodType<Versioned>> {
  transaction: Transaction;
  actor: Actor;
  /** The AuditEvent's entity ('licensee'), id (the record's `id` unless given) and action ('update'). */
  entity: string;
  entityId?: (record: R) => string | number;
  action?: string;
  /** The record, loaded in the transaction by the module's getter (which answers 404). */
  load: (transaction: Transaction) => Promise<R>;
  /** Policy on the loaded record (403/409), and anything else read before the input. */
  check?: (record: R) => void | Promise<void>;
  /** The editable values: the body is merged over them (PATCH), and they are the audit's before/after. */
  values: (record: R) => Record<string, unknown>;
  body: unknown;
  schema: S;
  /** Rules on the parsed input that answer before the version is compared (422). */
  validate?: (input: z.output<S>, record: R) => Promise<void>;
  /** Writes the change (and rules checked after the version); 'unchanged' writes no audit row. */
  apply: (record: R, change: Omit<z.output<S>, 'version'>, input: z.output<S>) => Promise<void | 'unchanged'>;
  /** What the audit row shows, when it is not `values`. */
  audit?: {
    before?: (record: R) => Record<string, unknown>;
    after?: (record: R, input: z.output<S>) => Record<string, unknown>;
  };
}

/**
 * One edit of a versioned record inside the caller's transaction: load (404) → check → merge the body
 * over the current values and parse (422) → validate → version (409 with the record as it stands) →
 * apply → one AuditEvent with before/after.
 */
export async function updateAudited<R extends Versioned & { id: number }, S extends z.ZodType<Versioned>>(
  u: AuditedUpdate<R, S>,
): Promise<R> {
  const record = await u.load(u.transaction);
  await u.check?.(record);
  const input = parseInput(u.schema, mergeForUpdate(u.values(record), u.body));
  await u.validate?.(input, record);
  if (input.version !== record.version) throw new ConflictError('errors.conflict', {}, record);
  const before = (u.audit?.before ?? u.values)(record);
  const { version: _v, ...change } = input;
  if ((await u.apply(record, change, input)) === 'unchanged') return record;
  await recordAudit(u.transaction, {
    actor: u.actor,
    entity: u.entity,
    entityId: u.entityId ? u.entityId(record) : record.id,
    action: u.action ?? 'update',
    before,
    after: u.audit?.after ? u.audit.after(record, input) : u.values(record),
  });
  return record;
}

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  action?: string;
  actorId?: number;
  from?: string;
  to?: string;
}

/** The audit log's filter and order (newest first), shared by the page, the JSON list and the export. */
function auditListQuery(filter: AuditFilter): ListQuery {
  const where: WhereOptions<AuditEvent> = {};
  const and: WhereOptions<AuditEvent>[] = [];
  if (filter.entity) and.push({ entity: filter.entity });
  if (filter.entityId) and.push({ entityId: filter.entityId });
  if (filter.action) and.push({ action: filter.action });
  if (filter.actorId) and.push({ actorId: filter.actorId });
  if (filter.from) and.push({ at: { [Op.gte]: new Date(`${filter.from}T00:00:00+07:00`) } });
  if (filter.to)
    and.push({ at: { [Op.lt]: new Date(new Date(`${filter.to}T00:00:00+07:00`).getTime() + 86_400_000) } });
  if (and.length) Object.assign(where, { [Op.and]: and });
  return {
    where,
    order: [
      ['at', 'DESC'],
      ['id', 'DESC'],
    ],
  };
}

/** The usernames of the events' actors. */
async function actorsOf(rows: AuditEvent[]): Promise<Map<number, string>> {
  const ids = [...new Set(rows.map((r) => r.actorId).filter((x): x is number => x != null))];
  const users = ids.length ? await User.findAll({ where: { id: ids }, attributes: ['id', 'username'] }) : [];
  return new Map(users.map((u) => [u.id, u.username]));
}

export async function listAuditEvents(
  filter: AuditFilter,
  page: PageRequest,
): Promise<{ rows: AuditEvent[]; total: number; actors: Map<number, string> }> {
  const { rows, count } = await AuditEvent.findAndCountAll({
    ...auditListQuery(filter),
    limit: page.pageSize,
    offset: page.offset,
  });
  return { rows, total: count, actors: await actorsOf(rows) };
}

/** The whole filtered log, batch by batch (SPEC §10.3), each batch with its actors' usernames. */
export async function exportAuditEvents(
  filter: AuditFilter,
): Promise<ExportSource<{ event: AuditEvent; actors: Map<number, string> }>> {
  const source = await inListOrder(AuditEvent, auditListQuery(filter));
  return mapBatches(source, async (rows) => {
    const actors = await actorsOf(rows);
    return rows.map((event) => ({ event, actors }));
  });
}

export async function historyOf(entity: string, entityId: string | number): Promise<AuditEvent[]> {
  return AuditEvent.findAll({
    where: { entity, entityId: String(entityId) },
    // Who, by name (not "#6"): the acting user comes with each event.
    include: [{ model: User, as: 'actor', attributes: ['id', 'fullName'], required: false }],
    order: [
      ['at', 'ASC'],
      ['id', 'ASC'],
    ],
  });
}
