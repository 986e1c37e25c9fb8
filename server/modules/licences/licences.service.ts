/**
 * Licences: drafting, the lifecycle (SPEC §2), revisions, gap-free numbering and automatic expiry.
 * Every transition runs in one transaction with its audit row; a forbidden one is refused with 409.
 */
import { Op, type Sequelize, type Transaction, type WhereOptions } from 'sequelize';
import { sql, sqlLiteral, type Sql } from '../../db/sql';
import type { Actor, CurrentUser } from '../../lib/actor';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors';
import { inListOrder, type ExportSource, type ListQuery } from '../../lib/export';
import type { PageRequest } from '../../lib/pagination';
import { searchWhere } from '../../lib/search';
import { parseInput } from '../../lib/validation';
import { Assignment } from '../../models/Assignment';
import { Licence, LICENCE_STATUSES, type LicenceStatus } from '../../models/Licence';
import { LicenceRevision, type LicenceSnapshot } from '../../models/LicenceRevision';
import { Licensee } from '../../models/Licensee';
import { SERVICE_CODES } from '../../models/Service';
import { Station } from '../../models/Station';
import { SYSTEM_ACTOR } from '../../lib/actor';
import { assertFresh, recordAudit, updateAudited } from '../audit/audit.service';
import {
  assignmentIdsOfLicence,
  refreshConflictsFor,
  resolveConflictsOf,
  ACTIVE_LICENCE_STATUSES,
} from '../conflicts/conflicts.service';
import { todayIso } from '../../lib/dates';
import { assertFeesAllowIssue, noticeOnIssue } from '../fees/fees.service';
import { bandPlanWarnings, licencePlain, licenceSearchText, snapshotOf } from './licence-records';
import { canDo, LICENCE_RULES, type LicenceAction } from './licences.policy';
import { LicenceInput, LicenceUpdate } from './licences.schema';
import { LICENCE_TRANSITIONS, transitionChanges, type TransitionAction } from './licences.transitions';
import { addDays } from '../../lib/dates';
import { readAsOf, registerDatabase } from '../history/history.service';

export const LICENCE_SORTS = ['number', 'status', 'validTo', 'validFrom', 'service', 'updatedAt', 'createdAt'] as const;

export { bandPlanWarnings, licencePlain, licenceSearchText, snapshotOf };
export { canDo } from './licences.policy';

/**
 * Role first: a role that may never do `action` to a licence (or to its stations and assignments) is
 * refused with 403 before any input is read, so it never sees a validation answer or a form it cannot send.
 */
export function assertLicenceRole(user: Pick<CurrentUser, 'role'>, action: LicenceAction): void {
  if (!LICENCE_RULES[action].roles.includes(user.role)) throw new ForbiddenError('licences.refused.role', { action });
}

export async function getLicence(id: number, transaction?: Transaction): Promise<Licence> {
  const l = Number.isInteger(id)
    ? await Licence.findByPk(id, { include: [{ model: Licensee, as: 'licensee' }], transaction })
    : null;
  if (!l) throw new NotFoundError('errors.licenceNotFound');
  return l;
}

export interface LicenceFilter {
  q?: unknown;
  status?: unknown;
  service?: unknown;
  district?: unknown;
  licenseeId?: unknown;
  freqFromHz?: number | null;
  freqToHz?: number | null;
  expiringDays?: number | null;
  /** The end of a past day: the register as it stood then (history.service); absent: as it is. */
  asOf?: Date | null;
  sort: { field: (typeof LICENCE_SORTS)[number]; dir: 'ASC' | 'DESC' };
}

/** The list's filter and order, shared by the page, the JSON list and the export. */
function licenceListQuery(f: LicenceFilter): ListQuery {
  const and: WhereOptions[] = [];
  const s = searchWhere(f.q);
  if (s) and.push(s);
  if (typeof f.status === 'string' && (LICENCE_STATUSES as readonly string[]).includes(f.status))
    and.push({ status: f.status });
  if (typeof f.service === 'string' && (SERVICE_CODES as readonly string[]).includes(f.service))
    and.push({ service: f.service });
  if (f.licenseeId !== undefined && f.licenseeId !== '' && Number.isInteger(Number(f.licenseeId)))
    and.push({ licenseeId: Number(f.licenseeId) });
  // The licence ids a subquery selects, as a literal for `id IN (…)` (values escaped by sqlLiteral).
  const licenceIds = (subquery: Sql) => {
    if (!Licence.sequelize) throw new Error('the Licence model is not initialised');
    return sqlLiteral(Licence.sequelize, sql`(${subquery})`);
  };
  if (f.district === 'none') {
    // Licences with no station yet (the dashboard's "no station" row links here).
    and.push({ id: { [Op.notIn]: licenceIds(sql`SELECT "licenceId" FROM stations`) } });
  } else if (typeof f.district === 'string' && f.district) {
    const inDistrict = sql`SELECT "licenceId" FROM stations WHERE "districtCode" = ${f.district}`;
    and.push({ id: { [Op.in]: licenceIds(inDistrict) } });
  }
  if (f.freqFromHz != null || f.freqToHz != null) {
    // Licences with an assignment whose occupied range overlaps [from, to); both bounds are integers.
    const overlap = sql.join(
      [
        f.freqToHz != null ? sql`a."occupiedLowHz" < ${Math.trunc(f.freqToHz)}` : sql.raw(''),
        f.freqFromHz != null ? sql`a."occupiedHighHz" > ${Math.trunc(f.freqFromHz)}` : sql.raw(''),
      ],
      ' AND ',
    );
    const overlapping = sql`SELECT s."licenceId" FROM stations s JOIN assignments a ON a."stationId" = s.id
      WHERE ${overlap}`;
    and.push({ id: { [Op.in]: licenceIds(overlapping) } });
  }
  if (f.expiringDays != null) {
    const today = todayIso();
    and.push({
      status: ['issued', 'suspended'],
      validTo: { [Op.gte]: today, [Op.lte]: addDays(today, f.expiringDays) },
    });
  }
  return {
    where: { [Op.and]: and },
    include: [{ model: Licensee, as: 'licensee' }],
    distinct: true,
    order: [
      [f.sort.field, f.sort.dir],
      ['id', 'DESC'],
    ],
  };
}

export async function listLicences(f: LicenceFilter, page: PageRequest): Promise<{ rows: Licence[]; total: number }> {
  const { rows, count } = await readAsOf(registerDatabase(), f.asOf, ({ transaction }) =>
    Licence.findAndCountAll({
      ...licenceListQuery(f),
      limit: page.pageSize,
      offset: page.offset,
      transaction,
    }),
  );
  return { rows, total: count };
}

/**
 * The whole filtered and sorted list, batch by batch (SPEC §10.3), handed to `send`; as of `f.asOf` when
 * given, every batch read in the one as-of transaction, which stays open until `send` has written the last.
 */
export function exportLicences(
  f: LicenceFilter,
  send: (source: ExportSource<Licence>) => Promise<void>,
): Promise<void> {
  return readAsOf(registerDatabase(), f.asOf, async ({ transaction }) =>
    send(await inListOrder(Licence, licenceListQuery(f), { transaction })),
  );
}

async function checkLicensee(id: number, transaction: Transaction): Promise<void> {
  if (!(await Licensee.findByPk(id, { transaction })))
    throw new ValidationError({ licenseeId: { key: 'v.licenseeUnknown' } });
}

function check(user: CurrentUser, action: LicenceAction, l: Licence): void {
  const v = canDo(user, action, l);
  if (v.ok) return;
  if (v.status === 403) throw new ForbiddenError(v.key, v.params);
  throw new ConflictError(v.key, v.params);
}

export async function createLicence(
  sequelize: Sequelize,
  body: unknown,
  user: CurrentUser,
  actor: Actor,
): Promise<Licence> {
  if (user.role !== 'licensing_officer') throw new ForbiddenError('licences.refused.role', { action: 'create' });
  const input = parseInput(LicenceInput, body);
  const id = await sequelize.transaction(async (transaction) => {
    await checkLicensee(input.licenseeId, transaction);
    const l = await Licence.create(
      {
        ...input,
        number: null,
        status: 'draft',
        draftedById: user.id,
        issuedAt: null,
        issuedById: null,
        submittedAt: null,
        rejectionReason: null,
        returnReason: null,
        statusReason: null,
        warningsAcknowledgedById: null,
        warningsAcknowledgedAt: null,
        warningsNote: null,
        feeVnd: null,
        searchText: await licenceSearchText(
          { number: null, licenseeId: input.licenseeId, conditions: input.conditions },
          transaction,
        ),
      },
      { transaction },
    );
    await recordAudit(transaction, {
      actor,
      entity: 'licence',
      entityId: l.id,
      action: 'create',
      after: licencePlain(l),
    });
    return l.id;
  });
  return getLicence(id);
}

export async function updateLicence(
  sequelize: Sequelize,
  id: number,
  body: unknown,
  user: CurrentUser,
  actor: Actor,
): Promise<Licence> {
  await sequelize.transaction((transaction) =>
    updateAudited({
      transaction,
      actor,
      entity: 'licence',
      load: (tx) => getLicence(id, tx),
      check: (l) => check(user, 'edit', l),
      values: licencePlain,
      body,
      schema: LicenceUpdate,
      apply: async (l, change) => {
        await checkLicensee(change.licenseeId, transaction);
        const { licenseeId, conditions } = change;
        const searchText = await licenceSearchText({ number: l.number, licenseeId, conditions }, transaction);
        await l.update({ ...change, searchText }, { transaction });
      },
    }),
  );
  return getLicence(id);
}

export async function deleteLicence(
  sequelize: Sequelize,
  id: number,
  version: unknown,
  user: CurrentUser,
  actor: Actor,
): Promise<void> {
  await sequelize.transaction(async (transaction) => {
    const l = await getLicence(id, transaction);
    check(user, 'delete', l);
    assertFresh(version, l);
    await resolveConflictsOf(await assignmentIdsOfLicence(l.id, transaction), transaction, actor);
    const stations = await Station.findAll({ where: { licenceId: l.id }, transaction });
    for (const s of stations) {
      const n = await Assignment.destroy({ where: { stationId: s.id }, transaction });
      await s.destroy({ transaction });
      await recordAudit(transaction, {
        actor,
        entity: 'station',
        entityId: s.id,
        action: 'delete',
        changes: { name: { before: s.name, after: null }, assignments: { before: n, after: 0 } },
      });
    }
    await recordAudit(transaction, {
      actor,
      entity: 'licence',
      entityId: l.id,
      action: 'delete',
      before: licencePlain(l),
      after: null,
    });
    await l.destroy({ transaction });
  });
}

export interface TransitionContext {
  sequelize: Sequelize;
  licencePrefix: string;
}

/** Expires an issued licence whose validTo has passed (inside the caller's transaction). */
async function expireIfDue(l: Licence, transaction: Transaction): Promise<void> {
  if (l.status === 'issued' && l.validTo < todayIso()) {
    await l.update({ status: 'expired' }, { transaction });
    await recordAudit(transaction, {
      actor: SYSTEM_ACTOR,
      entity: 'licence',
      entityId: l.id,
      action: 'expire',
      changes: { status: { before: 'issued', after: 'expired' } },
    });
    await refreshConflictsFor(await assignmentIdsOfLicence(l.id, transaction), transaction, SYSTEM_ACTOR);
  }
}

/** Whether a licence's assignments take part in conflict checks depends on its status. */
const takesPart = (status: LicenceStatus): boolean => (ACTIVE_LICENCE_STATUSES as readonly string[]).includes(status);

/**
 * Runs one lifecycle command (licences.transitions.ts) in one transaction: load → expire if due →
 * policy (403/409) → stale version (409) → the command (input 422, its refusals, its change) → audit →
 * conflicts refreshed when the licence starts or stops taking part in them.
 */
export async function transition(
  ctx: TransitionContext,
  id: number,
  action: TransitionAction,
  body: unknown,
  user: CurrentUser,
  actor: Actor,
): Promise<Licence> {
  await ctx.sequelize.transaction(async (transaction) => {
    const l = await getLicence(id, transaction);
    await expireIfDue(l, transaction);
    check(user, action, l);
    assertFresh((body as { version?: unknown } | undefined)?.version, l);
    const before = licencePlain(l);
    const from = l.status;
    const clock = { userId: user.id, now: new Date(), today: todayIso() };
    const env = { sequelize: ctx.sequelize, licencePrefix: ctx.licencePrefix, transaction, clock };
    // Fees (SPEC §11): with requirePaymentBeforeIssue, issuing waits for the fee notice to be paid.
    if (action === 'issue') await assertFeesAllowIssue(l, transaction);
    const { change, note } = await LICENCE_TRANSITIONS[action].run(l, body ?? {}, env);
    await l.update(change, { transaction });
    const changes = transitionChanges(before, licencePlain(l), note);
    await recordAudit(transaction, { actor, entity: 'licence', entityId: l.id, action, changes });
    // The fee notice of the issued revision (grant, renewal or amendment), unless made at fee approval.
    if (action === 'issue') await noticeOnIssue(ctx.sequelize, l, transaction, actor);
    if (takesPart(from) !== takesPart(l.status))
      await refreshConflictsFor(await assignmentIdsOfLicence(l.id, transaction), transaction, actor);
  });
  return getLicence(id);
}

/** Marks every issued licence whose validTo has passed as expired (run at start and on a timer). */
export async function expireDueLicences(sequelize: Sequelize): Promise<number> {
  const today = todayIso();
  return sequelize.transaction(async (transaction) => {
    const due = await Licence.findAll({ where: { status: 'issued', validTo: { [Op.lt]: today } }, transaction });
    for (const l of due) await expireIfDue(l, transaction);
    return due.length;
  });
}

/** A revision as issued: a superseded one as it was kept, or the one in force now. */
export interface IssuedRevision {
  revision: number;
  /** Why it was superseded, or 'issue' for the revision in force. */
  reason: 'amend' | 'renew' | 'issue';
  createdAt: Date;
  current: boolean;
  snapshot: LicenceSnapshot;
}

/** States in which the licence's current revision is one that was issued. */
const ISSUED_STATES: readonly LicenceStatus[] = ['issued', 'suspended', 'revoked', 'expired'];

/** The current revision when it is an issued one (revision 1 of a licence never amended, too), as it is now. */
async function currentIssued(l: Licence): Promise<IssuedRevision | null> {
  if (!ISSUED_STATES.includes(l.status) || !l.issuedAt) return null;
  return { revision: l.revision, reason: 'issue', createdAt: l.issuedAt, current: true, snapshot: await snapshotOf(l) };
}

const kept = (r: LicenceRevision): IssuedRevision => ({
  revision: r.revision,
  reason: r.reason,
  createdAt: r.createdAt,
  current: false,
  snapshot: r.snapshot,
});

/** Every issued revision of a licence, newest first: the one in force (if issued) and those it superseded. */
export async function revisionsOf(l: Licence): Promise<IssuedRevision[]> {
  const rows = await LicenceRevision.findAll({ where: { licenceId: l.id }, order: [['revision', 'DESC']] });
  const current = await currentIssued(l);
  const older = rows.map(kept).filter((r) => r.revision !== current?.revision);
  return current ? [current, ...older] : older;
}

export async function getRevision(l: Licence, revision: number): Promise<IssuedRevision> {
  const current = await currentIssued(l);
  if (current && current.revision === revision) return current;
  const r = Number.isInteger(revision) ? await LicenceRevision.findOne({ where: { licenceId: l.id, revision } }) : null;
  if (!r) throw new NotFoundError('errors.revisionNotFound');
  return kept(r);
}
