/**
 * Licences: drafting, the lifecycle (SPEC §2), revisions, gap-free numbering and automatic expiry.
 * Every transition runs in one transaction with its audit row; a forbidden one is refused with 409.
 */
import { literal, Op, type Sequelize, type Transaction, type WhereOptions } from 'sequelize';
import type { Actor, CurrentUser } from '../../lib/actor';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors';
import type { PageRequest } from '../../lib/pagination';
import { mergeForUpdate, isStaleVersion } from '../../lib/schema-helpers';
import { searchTextOf, searchWhere } from '../../lib/search';
import { parseInput } from '../../lib/validation';
import { Assignment } from '../../models/Assignment';
import { Licence, LICENCE_STATUSES, type LicenceStatus } from '../../models/Licence';
import { LicenceRevision, type LicenceSnapshot } from '../../models/LicenceRevision';
import { Licensee } from '../../models/Licensee';
import { SERVICE_CODES } from '../../models/Service';
import { Station } from '../../models/Station';
import { SYSTEM_ACTOR } from '../../lib/actor';
import { recordAudit } from '../audit/audit.service';
import { ACTIVE_LICENCE_STATUSES } from '../conflicts/conflicts.engine';
import {
  assignmentIdsOfLicence,
  blockingConflicts,
  refreshConflictsFor,
  resolveConflictsOf,
} from '../conflicts/conflicts.service';
import { todayIso } from '../districts/districts.service';
import { nextLicenceNumber } from './licence-number';
import { canDo, type LicenceAction } from './licences.policy';
import {
  addDays,
  IssueInput,
  LicenceInput,
  LicenceUpdate,
  PlainActionInput,
  ReasonInput,
  RenewInput,
  termProblem,
} from './licences.schema';

export const LICENCE_SORTS = ['number', 'status', 'validTo', 'validFrom', 'service', 'updatedAt', 'createdAt'] as const;

export function licencePlain(l: Licence): Record<string, unknown> {
  return {
    number: l.number,
    revision: l.revision,
    licenseeId: l.licenseeId,
    type: l.type,
    service: l.service,
    status: l.status,
    validFrom: l.validFrom,
    validTo: l.validTo,
    issuedAt: l.issuedAt,
    issuedById: l.issuedById,
    draftedById: l.draftedById,
    conditions: l.conditions,
    rejectionReason: l.rejectionReason,
    returnReason: l.returnReason,
    statusReason: l.statusReason,
    warningsAcknowledgedById: l.warningsAcknowledgedById,
    warningsNote: l.warningsNote,
  };
}

async function licenceSearchText(
  l: { number: string | null; licenseeId: number; conditions: string },
  transaction?: Transaction,
): Promise<string> {
  const who = await Licensee.findByPk(l.licenseeId, { transaction });
  return searchTextOf(l.number, who?.name, who?.taxCode, l.conditions);
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
  sort: { field: (typeof LICENCE_SORTS)[number]; dir: 'ASC' | 'DESC' };
}

export async function listLicences(f: LicenceFilter, page: PageRequest): Promise<{ rows: Licence[]; total: number }> {
  const and: WhereOptions[] = [];
  const s = searchWhere(f.q);
  if (s) and.push(s);
  if (typeof f.status === 'string' && (LICENCE_STATUSES as readonly string[]).includes(f.status))
    and.push({ status: f.status });
  if (typeof f.service === 'string' && (SERVICE_CODES as readonly string[]).includes(f.service))
    and.push({ service: f.service });
  if (f.licenseeId !== undefined && f.licenseeId !== '' && Number.isInteger(Number(f.licenseeId)))
    and.push({ licenseeId: Number(f.licenseeId) });
  if (f.district === 'none') {
    // Licences with no station yet (the dashboard's "no station" row links here).
    and.push({ id: { [Op.notIn]: literal('(SELECT "licenceId" FROM stations)') } });
  } else if (typeof f.district === 'string' && f.district) {
    const code = Licence.sequelize?.escape(f.district) ?? "''";
    and.push({ id: { [Op.in]: literal(`(SELECT "licenceId" FROM stations WHERE "districtCode" = ${code})`) } });
  }
  if (f.freqFromHz != null || f.freqToHz != null) {
    // Licences with an assignment whose occupied range overlaps [from, to); both bounds are integers.
    const conds = [
      f.freqToHz != null ? `a."occupiedLowHz" < ${Math.trunc(f.freqToHz)}` : '',
      f.freqFromHz != null ? `a."occupiedHighHz" > ${Math.trunc(f.freqFromHz)}` : '',
    ]
      .filter(Boolean)
      .join(' AND ');
    and.push({
      id: {
        [Op.in]: literal(
          `(SELECT s."licenceId" FROM stations s JOIN assignments a ON a."stationId" = s.id WHERE ${conds})`,
        ),
      },
    });
  }
  if (f.expiringDays != null) {
    const today = todayIso();
    and.push({
      status: ['issued', 'suspended'],
      validTo: { [Op.gte]: today, [Op.lte]: addDays(today, f.expiringDays) },
    });
  }
  const { rows, count } = await Licence.findAndCountAll({
    where: { [Op.and]: and },
    include: [{ model: Licensee, as: 'licensee' }],
    distinct: true,
    order: [
      [f.sort.field, f.sort.dir],
      ['id', 'DESC'],
    ],
    limit: page.pageSize,
    offset: page.offset,
  });
  return { rows, total: count };
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
  await sequelize.transaction(async (transaction) => {
    const l = await getLicence(id, transaction);
    check(user, 'edit', l);
    const input = parseInput(LicenceUpdate, mergeForUpdate(licencePlain(l), body));
    if (input.version !== l.version) throw new ConflictError('errors.conflict', {}, l);
    await checkLicensee(input.licenseeId, transaction);
    const before = licencePlain(l);
    const { version: _v, ...changes } = input;
    await l.update(
      {
        ...changes,
        searchText: await licenceSearchText(
          { number: l.number, licenseeId: changes.licenseeId, conditions: changes.conditions },
          transaction,
        ),
      },
      { transaction },
    );
    await recordAudit(transaction, {
      actor,
      entity: 'licence',
      entityId: l.id,
      action: 'update',
      before,
      after: licencePlain(l),
    });
  });
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
    if (isStaleVersion(version, l.version)) throw new ConflictError('errors.conflict', {}, l);
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

/** The licence with its stations and assignments, as a revision snapshot. */
export async function snapshotOf(l: Licence, transaction?: Transaction): Promise<LicenceSnapshot> {
  const stations = await Station.findAll({
    where: { licenceId: l.id },
    include: [{ model: Assignment, as: 'assignments' }],
    order: [['id', 'ASC']],
    transaction,
  });
  return {
    licence: { id: l.id, ...licencePlain(l), licenseeName: l.licensee?.name ?? null },
    stations: stations.map((s) => {
      const { assignments, ...plain } = s.get({ plain: true }) as Station & { assignments: Assignment[] };
      return {
        ...plain,
        assignments: (assignments ?? []).map((a) => ({ ...a })),
      } as LicenceSnapshot['stations'][number];
    }),
  };
}

/** Assignments of the licence whose band-plan check warns (TX only). */
export async function bandPlanWarnings(licenceId: number, transaction?: Transaction): Promise<Assignment[]> {
  const rows = await Assignment.findAll({
    include: [{ model: Station, as: 'station', where: { licenceId }, attributes: ['id', 'name'] }],
    where: { direction: 'tx' },
    transaction,
  });
  return rows.filter((a) => a.bandPlanCheck?.status === 'warning');
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

export async function transition(
  ctx: TransitionContext,
  id: number,
  action: Exclude<LicenceAction, 'edit' | 'delete'>,
  body: unknown,
  user: CurrentUser,
  actor: Actor,
): Promise<Licence> {
  await ctx.sequelize.transaction(async (transaction) => {
    const l = await getLicence(id, transaction);
    await expireIfDue(l, transaction);
    check(user, action, l);
    const version = (body as { version?: unknown } | undefined)?.version;
    if (isStaleVersion(version, l.version)) throw new ConflictError('errors.conflict', {}, l);
    const before = licencePlain(l);
    const from: LicenceStatus = l.status;
    let auditNote: string | null = null;
    switch (action) {
      case 'submit': {
        parseInput(PlainActionInput, body ?? {});
        const stations = await Station.count({ where: { licenceId: l.id }, transaction });
        if (l.type === 'frequency_equipment' && stations === 0) throw new ConflictError('licences.refused.noStations');
        await l.update({ status: 'submitted', submittedAt: new Date(), returnReason: null }, { transaction });
        break;
      }
      case 'return': {
        const { reason } = parseInput(ReasonInput, body ?? {});
        await l.update({ status: 'draft', returnReason: reason }, { transaction });
        auditNote = reason;
        break;
      }
      case 'reject': {
        const { reason } = parseInput(ReasonInput, body ?? {});
        await l.update({ status: 'rejected', rejectionReason: reason }, { transaction });
        auditNote = reason;
        break;
      }
      case 'issue': {
        const input = parseInput(IssueInput, body ?? {});
        const blocking = await blockingConflicts(l.id, transaction);
        if (blocking.length)
          throw new ConflictError('licences.refused.conflicts', {
            count: blocking.length,
            ids: blocking.map((c) => `#${c.id}`).join(', '),
          });
        const warnings = await bandPlanWarnings(l.id, transaction);
        if (warnings.length && !input.acknowledgeWarnings)
          throw new ConflictError('licences.refused.warnings', { count: warnings.length });
        if (warnings.length && !input.note) throw new ValidationError({ note: { key: 'v.ackNoteRequired' } });
        const now = new Date();
        const number =
          l.number ?? (await nextLicenceNumber(ctx.sequelize, transaction, ctx.licencePrefix, now.getFullYear()));
        await l.update(
          {
            status: 'issued',
            number,
            issuedAt: now,
            issuedById: user.id,
            ...(warnings.length
              ? { warningsAcknowledgedById: user.id, warningsAcknowledgedAt: now, warningsNote: input.note }
              : {}),
            searchText: await licenceSearchText(
              { number, licenseeId: l.licenseeId, conditions: l.conditions },
              transaction,
            ),
          },
          { transaction },
        );
        auditNote = input.note;
        break;
      }
      case 'suspend':
      case 'revoke': {
        const { reason } = parseInput(ReasonInput, body ?? {});
        await l.update(
          { status: action === 'suspend' ? 'suspended' : 'revoked', statusReason: reason },
          { transaction },
        );
        auditNote = reason;
        break;
      }
      case 'reinstate': {
        const input = parseInput(PlainActionInput, body ?? {});
        await l.update({ status: l.validTo < todayIso() ? 'expired' : 'issued', statusReason: null }, { transaction });
        auditNote = input.note;
        break;
      }
      case 'renew':
      case 'amend': {
        let validFrom = l.validFrom;
        let validTo = l.validTo;
        if (action === 'renew') {
          const input = parseInput(RenewInput, body ?? {});
          validFrom = l.status === 'expired' ? todayIso() : addDays(l.validTo, 1);
          validTo = input.validTo;
          const p = termProblem(l.type, validFrom, validTo);
          if (p) throw new ValidationError({ validTo: p });
        } else {
          parseInput(PlainActionInput, body ?? {});
        }
        await LicenceRevision.create(
          { licenceId: l.id, revision: l.revision, reason: action, snapshot: await snapshotOf(l, transaction) },
          { transaction },
        );
        await l.update(
          {
            revision: l.revision + 1,
            status: 'draft',
            draftedById: user.id,
            validFrom,
            validTo,
            returnReason: null,
            rejectionReason: null,
            warningsAcknowledgedById: null,
            warningsAcknowledgedAt: null,
            warningsNote: null,
            submittedAt: null,
          },
          { transaction },
        );
        break;
      }
    }
    const changes = Object.fromEntries(
      Object.entries(licencePlain(l))
        .filter(([k, v]) => JSON.stringify(before[k]) !== JSON.stringify(v))
        .map(([k, v]) => [k, { before: before[k] ?? null, after: v ?? null }]),
    );
    if (auditNote) changes.note = { before: null, after: auditNote };
    await recordAudit(transaction, {
      actor,
      entity: 'licence',
      entityId: l.id,
      action,
      changes: { ...changes, status: { before: from, after: l.status } },
    });
    // Whether its assignments take part in conflict checks depends on the licence status.
    const active = (st: string) => (ACTIVE_LICENCE_STATUSES as readonly string[]).includes(st);
    if (active(from) !== active(l.status))
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

export function revisionsOf(licenceId: number): Promise<LicenceRevision[]> {
  return LicenceRevision.findAll({ where: { licenceId }, order: [['revision', 'DESC']] });
}

export async function getRevision(licenceId: number, revision: number): Promise<LicenceRevision> {
  const r = await LicenceRevision.findOne({ where: { licenceId, revision } });
  if (!r) throw new NotFoundError('errors.revisionNotFound');
  return r;
}
