/**
 * Fees (SPEC §11): the dated schedule and exemptions (admins), the settings, fee notices made on approval for
 * issue and before each anniversary (numbered gap-free per year), payments (officers and managers), waivers
 * (managers), the daily job (overdue notices, annual notices) and the figures. Every change is audited.
 * The calculation itself is pure, in fees.calc.ts.
 */
import { Op, UniqueConstraintError, type Sequelize, type Transaction, type WhereOptions } from 'sequelize';
import { z } from 'zod';
import { nextInYear, yearlyReference } from '../../db/counters';
import { execute, selectRows, sql } from '../../db/sql';
import { SYSTEM_ACTOR, type Actor, type CurrentUser } from '../../lib/actor';
import { addDays, todayIso } from '../../lib/dates';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors';
import type { PageRequest } from '../../lib/pagination';
import { parseInput } from '../../lib/validation';
import {
  FeeExemption,
  FeeNotice,
  FeePayment,
  FeeScheduleRow,
  FeeSettings,
  NOTICE_STATUSES,
  type NoticeKind,
} from '../../models/fee-models';
import { Licence } from '../../models/Licence';
import { LicenceRevision } from '../../models/LicenceRevision';
import { Licensee } from '../../models/Licensee';
import type { Role } from '../../models/User';
import { assertFresh, recordAudit, updateAudited } from '../audit/audit.service';
import {
  annualFeeVnd,
  calculateNotice,
  feeYearOf,
  useFeeLines,
  type ExemptionRow,
  type FeeStation,
  type FeeSubject,
  type RateRow,
} from './fees.calc';
import {
  ExemptionInput,
  ExemptionUpdate,
  PaymentInput,
  ScheduleRowInput,
  ScheduleRowUpdate,
  SettingsUpdate,
  WaiveInput,
} from './fees.schema';

export const NOTICE_PREFIX = 'TBP';
/** Who records payments, who waives. Everyone signed in reads. */
export const PAYMENT_ROLES: readonly Role[] = ['licensing_officer', 'manager'];
export const WAIVE_ROLES: readonly Role[] = ['manager'];
export const OPEN_STATUSES = ['due', 'overdue'] as const;
/** Licence states that owe the yearly use fee. */
const BILLED_LICENCE_STATUSES = ['issued', 'suspended'] as const;

// ---------------------------------------------------------------- schedule, exemptions, settings

export function listSchedule(): Promise<FeeScheduleRow[]> {
  return FeeScheduleRow.findAll({
    order: [
      ['licenceType', 'ASC'],
      ['service', 'ASC'],
      ['kind', 'ASC'],
      ['effectiveFrom', 'DESC'],
      ['id', 'ASC'],
    ],
  });
}

export async function getScheduleRow(id: number, transaction?: Transaction): Promise<FeeScheduleRow> {
  const r = Number.isInteger(id) ? await FeeScheduleRow.findByPk(id, { transaction }) : null;
  if (!r) throw new NotFoundError('fees.rowNotFound');
  return r;
}

function rowPlain(r: FeeScheduleRow): Record<string, unknown> {
  return {
    effectiveFrom: r.effectiveFrom,
    kind: r.kind,
    licenceType: r.licenceType,
    service: r.service,
    bandwidthMinHz: r.bandwidthMinHz == null ? null : Number(r.bandwidthMinHz),
    bandwidthMaxHz: r.bandwidthMaxHz == null ? null : Number(r.bandwidthMaxHz),
    erpMinW: r.erpMinW,
    erpMaxW: r.erpMaxW,
    amountVnd: Number(r.amountVnd),
    placeholder: Boolean(r.placeholder),
    legalBasis: r.legalBasis,
    version: r.version,
  };
}

function checkBounds(i: {
  bandwidthMinHz: number | null;
  bandwidthMaxHz: number | null;
  erpMinW: number | null;
  erpMaxW: number | null;
}) {
  const fields: Record<string, { key: string }> = {};
  if (i.bandwidthMinHz != null && i.bandwidthMaxHz != null && i.bandwidthMaxHz <= i.bandwidthMinHz)
    fields.bandwidthMaxHz = { key: 'v.rangeInverted' };
  if (i.erpMinW != null && i.erpMaxW != null && i.erpMaxW <= i.erpMinW) fields.erpMaxW = { key: 'v.rangeInverted' };
  if (Object.keys(fields).length) throw new ValidationError(fields);
}

export async function createScheduleRow(sequelize: Sequelize, body: unknown, actor: Actor): Promise<FeeScheduleRow> {
  const input = parseInput(ScheduleRowInput, body);
  checkBounds(input);
  return sequelize.transaction(async (transaction) => {
    const r = await FeeScheduleRow.create(input, { transaction });
    await recordAudit(transaction, {
      actor,
      entity: 'fee_schedule',
      entityId: r.id,
      action: 'create',
      after: rowPlain(r),
    });
    return r;
  });
}

export async function updateScheduleRow(
  sequelize: Sequelize,
  id: number,
  body: unknown,
  actor: Actor,
): Promise<FeeScheduleRow> {
  return sequelize.transaction((transaction) =>
    updateAudited({
      transaction,
      actor,
      entity: 'fee_schedule',
      load: (tx) => getScheduleRow(id, tx),
      values: rowPlain,
      body,
      schema: ScheduleRowUpdate,
      validate: async (input) => checkBounds(input),
      apply: async (r, change) => {
        await r.update(change, { transaction });
      },
    }),
  );
}

export function listExemptions(): Promise<FeeExemption[]> {
  return FeeExemption.findAll({
    order: [
      ['effectiveFrom', 'DESC'],
      ['id', 'ASC'],
    ],
  });
}

export async function getExemption(id: number, transaction?: Transaction): Promise<FeeExemption> {
  const e = Number.isInteger(id) ? await FeeExemption.findByPk(id, { transaction }) : null;
  if (!e) throw new NotFoundError('fees.exemptionNotFound');
  return e;
}

function exemptionPlain(e: FeeExemption): Record<string, unknown> {
  return {
    effectiveFrom: e.effectiveFrom,
    service: e.service,
    licenseeKind: e.licenseeKind,
    legalBasis: e.legalBasis,
    note: e.note,
    version: e.version,
  };
}

function checkExemption(i: { service: string | null; licenseeKind: string | null }) {
  if (!i.service && !i.licenseeKind) throw new ValidationError({ service: { key: 'fees.v.exemptionWho' } });
}

export async function createExemption(sequelize: Sequelize, body: unknown, actor: Actor): Promise<FeeExemption> {
  const input = parseInput(ExemptionInput, body);
  checkExemption(input);
  return sequelize.transaction(async (transaction) => {
    const e = await FeeExemption.create(input, { transaction });
    await recordAudit(transaction, {
      actor,
      entity: 'fee_exemption',
      entityId: e.id,
      action: 'create',
      after: exemptionPlain(e),
    });
    return e;
  });
}

export async function updateExemption(
  sequelize: Sequelize,
  id: number,
  body: unknown,
  actor: Actor,
): Promise<FeeExemption> {
  return sequelize.transaction((transaction) =>
    updateAudited({
      transaction,
      actor,
      entity: 'fee_exemption',
      load: (tx) => getExemption(id, tx),
      values: exemptionPlain,
      body,
      schema: ExemptionUpdate,
      validate: async (input) => checkExemption(input),
      apply: async (e, change) => {
        await e.update(change, { transaction });
      },
    }),
  );
}

export async function getSettings(transaction?: Transaction): Promise<FeeSettings> {
  const s = await FeeSettings.findOne({ order: [['id', 'ASC']], transaction });
  if (!s) throw new Error('fee_settings has no row (migration 010 seeds one)');
  return s;
}

const settingsPlain = (s: FeeSettings) => ({
  requirePaymentBeforeIssue: Boolean(s.requirePaymentBeforeIssue),
  dueDays: s.dueDays,
  version: s.version,
});

export async function updateSettings(sequelize: Sequelize, body: unknown, actor: Actor): Promise<FeeSettings> {
  return sequelize.transaction((transaction) =>
    updateAudited({
      transaction,
      actor,
      entity: 'fee_settings',
      load: (tx) => getSettings(tx),
      values: settingsPlain,
      // A form leaves an unticked checkbox out: the form sends `requirePaymentBeforeIssue` as '' then.
      body,
      schema: SettingsUpdate,
      apply: async (s, change) => {
        await s.update(change, { transaction });
      },
    }),
  );
}

// ---------------------------------------------------------------- a licence's facts and rates

async function rates(transaction?: Transaction): Promise<{ rows: RateRow[]; exemptions: ExemptionRow[] }> {
  // One after the other: queries of one transaction share its connection.
  const rows = await FeeScheduleRow.findAll({ transaction });
  const exemptions = await FeeExemption.findAll({ transaction });
  return {
    rows: rows.map((r) => ({
      id: r.id,
      effectiveFrom: r.effectiveFrom,
      kind: r.kind,
      licenceType: r.licenceType,
      service: r.service,
      bandwidthMinHz: r.bandwidthMinHz == null ? null : Number(r.bandwidthMinHz),
      bandwidthMaxHz: r.bandwidthMaxHz == null ? null : Number(r.bandwidthMaxHz),
      erpMinW: r.erpMinW == null ? null : Number(r.erpMinW),
      erpMaxW: r.erpMaxW == null ? null : Number(r.erpMaxW),
      amountVnd: Number(r.amountVnd),
      placeholder: Boolean(r.placeholder),
      legalBasis: r.legalBasis,
    })),
    exemptions: exemptions.map((e) => ({
      id: e.id,
      effectiveFrom: e.effectiveFrom,
      service: e.service,
      licenseeKind: e.licenseeKind,
      legalBasis: e.legalBasis,
    })),
  };
}

const StationRow = z.object({
  id: z.coerce.number().int(),
  name: z.string(),
  erpW: z.coerce.number().nullable(),
  bw: z.coerce.number().nullable(),
});

/** What the calculation needs of a licence: type, service, licensee kind, term, stations with their classes. */
export async function feeSubject(l: Licence, transaction?: Transaction): Promise<FeeSubject> {
  const sequelize = Licence.sequelize as Sequelize;
  const licensee = l.licensee ?? (await Licensee.findByPk(l.licenseeId, { transaction }));
  const stations = await selectRows(
    sequelize,
    sql`SELECT s.id, s.name, s."erpW",
          MAX(CASE WHEN a.direction = 'tx' THEN a."bandwidthHz" END) AS bw
        FROM stations s LEFT JOIN assignments a ON a."stationId" = s.id
        WHERE s."licenceId" = ${l.id}
        GROUP BY s.id, s.name, s."erpW" ORDER BY s.id`,
    StationRow,
    { transaction },
  );
  return {
    type: l.type,
    service: l.service,
    licenseeKind: licensee?.kind ?? 'other',
    validFrom: l.validFrom,
    validTo: l.validTo,
    stations: stations.map((s): FeeStation => ({ id: s.id, name: s.name, erpW: s.erpW, bandwidthHz: s.bw })),
  };
}

/** The fee breakdown of a licence today: the annual use fee in force (lines and total) and its notices. */
export async function licenceFeeView(licenceId: number) {
  const l = await Licence.findByPk(licenceId, { include: [{ model: Licensee, as: 'licensee' }] });
  if (!l) throw new NotFoundError('errors.licenceNotFound');
  const subject = await feeSubject(l);
  const { rows, exemptions } = await rates();
  const today = todayIso();
  const year = { from: today, to: addDays(today, 364) };
  const lines = useFeeLines({ ...subject, validFrom: today, validTo: year.to }, rows, exemptions, year);
  const grant = calculateNotice('grant', { ...subject, validFrom: today }, rows, exemptions, today).lines[0];
  const notices = await FeeNotice.findAll({ where: { licenceId }, order: [['id', 'DESC']] });
  return {
    feeVnd: lines.reduce((s, x) => s + x.amountVnd, 0),
    storedFeeVnd: l.feeVnd == null ? null : Number(l.feeVnd),
    lines,
    grant: grant ?? null,
    placeholder: lines.some((x) => x.placeholder) || Boolean(grant?.placeholder),
    notices,
  };
}

// ---------------------------------------------------------------- notices

/** The notice a revision's issue makes: the grant for revision 1, else the renewal or amendment fee. */
async function noticeKindFor(l: Licence, transaction: Transaction): Promise<NoticeKind> {
  if (l.revision <= 1) return 'grant';
  const kept = await LicenceRevision.findOne({ where: { licenceId: l.id, revision: l.revision - 1 }, transaction });
  return kept?.reason === 'amend' ? 'amendment' : 'renewal';
}

async function makeNotice(
  sequelize: Sequelize,
  transaction: Transaction,
  l: Licence,
  kind: NoticeKind,
  on: string,
  actor: Actor,
): Promise<FeeNotice> {
  const today = todayIso();
  const subject = await feeSubject(l, transaction);
  const { rows, exemptions } = await rates(transaction);
  const settings = await getSettings(transaction);
  const calc = calculateNotice(kind, subject, rows, exemptions, on);
  const year = Number(today.slice(0, 4));
  const number = yearlyReference(
    NOTICE_PREFIX,
    year,
    await nextInYear(sequelize, transaction, 'fee_notice_counters', year),
  );
  const due = addDays(today, settings.dueDays);
  const notice = await FeeNotice.create(
    {
      number,
      licenceId: l.id,
      revision: l.revision,
      kind,
      periodFrom: calc.period.from,
      periodTo: calc.period.to,
      issuedOn: today,
      dueDate: kind === 'annual' && on > due ? on : due,
      lines: calc.lines,
      totalVnd: calc.totalVnd,
      paidVnd: 0,
      status: calc.totalVnd === 0 ? 'paid' : 'due',
      paidAt: calc.totalVnd === 0 ? today : null,
      service: l.service,
      placeholder: calc.placeholder,
    },
    { transaction },
  );
  await recordAudit(transaction, {
    actor,
    entity: 'fee_notice',
    entityId: notice.id,
    action: 'create',
    after: { number, licenceId: l.id, kind, totalVnd: calc.totalVnd, dueDate: notice.dueDate, status: notice.status },
  });
  const feeVnd = annualFeeVnd(subject, rows, exemptions, today);
  await execute(sequelize, sql`UPDATE licences SET "feeVnd" = ${feeVnd} WHERE id = ${l.id}`, { transaction });
  return notice;
}

/** The issue/approval notice of the licence's current revision, if made. */
async function approvalNotice(l: Licence, transaction: Transaction): Promise<FeeNotice | null> {
  const kind = await noticeKindFor(l, transaction);
  return FeeNotice.findOne({ where: { licenceId: l.id, revision: l.revision, kind }, transaction });
}

/**
 * With `requirePaymentBeforeIssue`, issuing waits until the notice of the revision (made by a manager's fee
 * approval) is paid or waived (409 otherwise). Called by the licence's issue transition, in its transaction.
 */
export async function assertFeesAllowIssue(l: Licence, transaction: Transaction): Promise<void> {
  const settings = await getSettings(transaction);
  if (!settings.requirePaymentBeforeIssue) return;
  const n = await approvalNotice(l, transaction);
  if (!n) throw new ConflictError('fees.refused.noNotice');
  if (n.status !== 'paid' && n.status !== 'waived')
    throw new ConflictError('fees.refused.unpaid', { number: n.number });
}

/** On issue (in the transition's transaction): the revision's notice, unless already made at approval. */
export async function noticeOnIssue(
  sequelize: Sequelize,
  l: Licence,
  transaction: Transaction,
  actor: Actor,
): Promise<FeeNotice> {
  const existing = await approvalNotice(l, transaction);
  if (existing) return existing;
  return makeNotice(sequelize, transaction, l, await noticeKindFor(l, transaction), todayIso(), actor);
}

/** A manager approves a submitted licence's fees ahead of issue: its notice is made now (idempotent). */
export async function approveFees(
  sequelize: Sequelize,
  licenceId: number,
  user: CurrentUser,
  actor: Actor,
): Promise<FeeNotice> {
  if (user.role !== 'manager') throw new ForbiddenError('fees.refused.role');
  return sequelize.transaction(async (transaction) => {
    const l = await Licence.findByPk(licenceId, { transaction });
    if (!l) throw new NotFoundError('errors.licenceNotFound');
    if (l.status !== 'submitted') throw new ConflictError('fees.refused.notSubmitted');
    return noticeOnIssue(sequelize, l, transaction, actor);
  });
}

export async function getNotice(id: number, transaction?: Transaction): Promise<FeeNotice> {
  const n = Number.isInteger(id)
    ? await FeeNotice.findByPk(id, {
        include: [
          { model: Licence, as: 'licence', include: [{ model: Licensee, as: 'licensee' }] },
          { model: FeePayment, as: 'payments' },
        ],
        order: [[{ model: FeePayment, as: 'payments' }, 'id', 'ASC']],
        transaction,
      })
    : null;
  if (!n) throw new NotFoundError('fees.noticeNotFound');
  return n;
}

export const NOTICE_SORTS = ['number', 'dueDate', 'issuedOn', 'totalVnd', 'status'] as const;

export interface NoticeFilter {
  status?: unknown;
  licenceId?: unknown;
  service?: unknown;
  year?: unknown;
  q?: unknown;
  sort: { field: (typeof NOTICE_SORTS)[number]; dir: 'ASC' | 'DESC' };
}

function noticeWhere(f: Omit<NoticeFilter, 'sort'>): WhereOptions {
  const and: WhereOptions[] = [];
  if (typeof f.status === 'string' && (NOTICE_STATUSES as readonly string[]).includes(f.status))
    and.push({ status: f.status });
  if (f.licenceId !== undefined && f.licenceId !== '' && Number.isInteger(Number(f.licenceId)))
    and.push({ licenceId: Number(f.licenceId) });
  if (typeof f.service === 'string' && /^[a-z_]{1,32}$/.test(f.service)) and.push({ service: f.service });
  if (typeof f.year === 'string' && /^\d{4}$/.test(f.year))
    and.push({ issuedOn: { [Op.gte]: `${f.year}-01-01`, [Op.lte]: `${f.year}-12-31` } });
  if (typeof f.q === 'string' && f.q.trim()) and.push({ number: { [Op.like]: `%${f.q.trim().toUpperCase()}%` } });
  return { [Op.and]: and };
}

export async function listNotices(f: NoticeFilter, page: PageRequest): Promise<{ rows: FeeNotice[]; total: number }> {
  const { rows, count } = await FeeNotice.findAndCountAll({
    where: noticeWhere(f),
    include: [{ model: Licence, as: 'licence', include: [{ model: Licensee, as: 'licensee' }] }],
    order: [
      [f.sort.field, f.sort.dir],
      ['id', 'DESC'],
    ],
    limit: page.pageSize,
    offset: page.offset,
  });
  return { rows, total: count };
}

function assertRole(user: Pick<CurrentUser, 'role'>, roles: readonly Role[]): void {
  if (!roles.includes(user.role)) throw new ForbiddenError('fees.refused.role');
}

/**
 * Records a payment (officers and managers): partial payments add up; the notice is `paid` once they reach
 * the total; more than what remains is refused (422), as is a payment on a paid or waived notice (409).
 */
export async function recordPayment(
  sequelize: Sequelize,
  id: number,
  body: unknown,
  user: CurrentUser,
  actor: Actor,
): Promise<{ notice: FeeNotice; payment: FeePayment }> {
  assertRole(user, PAYMENT_ROLES);
  const input = parseInput(PaymentInput, body);
  if (input.paidOn > todayIso()) throw new ValidationError({ paidOn: { key: 'fees.v.future' } });
  const ids = await sequelize.transaction(async (transaction) => {
    const n = await getNotice(id, transaction);
    assertFresh(input.version, n);
    if (!(OPEN_STATUSES as readonly string[]).includes(n.status))
      throw new ConflictError('fees.refused.closed', { status: n.status }, n);
    const paid = Number(n.paidVnd);
    const remaining = Number(n.totalVnd) - paid;
    if (input.amountVnd > remaining)
      throw new ValidationError({ amountVnd: { key: 'fees.v.overpayment', params: { remaining } } });
    const payment = await FeePayment.create(
      {
        noticeId: n.id,
        paidOn: input.paidOn,
        amountVnd: input.amountVnd,
        reference: input.reference,
        recordedById: user.id,
      },
      { transaction },
    );
    const before = { paidVnd: paid, status: n.status };
    const full = paid + input.amountVnd === Number(n.totalVnd);
    await n.update(
      { paidVnd: paid + input.amountVnd, ...(full ? { status: 'paid' as const, paidAt: input.paidOn } : {}) },
      { transaction },
    );
    await recordAudit(transaction, {
      actor,
      entity: 'fee_notice',
      entityId: n.id,
      action: 'payment',
      changes: {
        paidVnd: { before: before.paidVnd, after: Number(n.paidVnd) },
        ...(full ? { status: { before: before.status, after: 'paid' } } : {}),
        payment: {
          before: null,
          after: { amountVnd: input.amountVnd, paidOn: input.paidOn, reference: input.reference },
        },
      },
    });
    return { notice: n.id, payment: payment.id };
  });
  return { notice: await getNotice(ids.notice), payment: (await FeePayment.findByPk(ids.payment)) as FeePayment };
}

/** A manager waives an open notice, with a reason. */
export async function waiveNotice(
  sequelize: Sequelize,
  id: number,
  body: unknown,
  user: CurrentUser,
  actor: Actor,
): Promise<FeeNotice> {
  assertRole(user, WAIVE_ROLES);
  const input = parseInput(WaiveInput, body);
  await sequelize.transaction(async (transaction) => {
    const n = await getNotice(id, transaction);
    assertFresh(input.version, n);
    if (!(OPEN_STATUSES as readonly string[]).includes(n.status))
      throw new ConflictError('fees.refused.closed', { status: n.status }, n);
    const before = n.status;
    await n.update(
      { status: 'waived', waivedReason: input.reason, waivedById: user.id, waivedAt: new Date() },
      { transaction },
    );
    await recordAudit(transaction, {
      actor,
      entity: 'fee_notice',
      entityId: n.id,
      action: 'waive',
      changes: { status: { before, after: 'waived' }, waivedReason: { before: null, after: input.reason } },
    });
  });
  return getNotice(id);
}

export async function paymentsOf(noticeId: number): Promise<FeePayment[]> {
  return FeePayment.findAll({ where: { noticeId }, order: [['id', 'ASC']] });
}

// ---------------------------------------------------------------- the daily job

/** Due notices whose due date has passed become overdue, one short transaction each (audited, by the system). */
export async function markOverdue(sequelize: Sequelize): Promise<number> {
  const today = todayIso();
  const due = await FeeNotice.findAll({ where: { status: 'due', dueDate: { [Op.lt]: today } }, attributes: ['id'] });
  let n = 0;
  for (const { id } of due) {
    n += await sequelize.transaction(async (transaction) => {
      const notice = await FeeNotice.findByPk(id, { transaction });
      if (!notice || notice.status !== 'due' || notice.dueDate >= today) return 0;
      await notice.update({ status: 'overdue' }, { transaction });
      await recordAudit(transaction, {
        actor: SYSTEM_ACTOR,
        entity: 'fee_notice',
        entityId: id,
        action: 'overdue',
        changes: { status: { before: 'due', after: 'overdue' } },
      });
      return 1;
    });
  }
  return n;
}

/**
 * The anniversary notice a licence needs today, if any: the fee year that starts on or before `today + lead`,
 * when it starts after the licence was issued (the grant notice covers the first period) and within the term.
 */
export function annualNoticeStart(
  l: { validFrom: string; validTo: string; issuedOn: string },
  today: string,
  lead: number,
): string | null {
  const start = feeYearOf(l.validFrom, addDays(today, lead)).from;
  if (start <= l.validFrom || start > l.validTo || start <= l.issuedOn) return null;
  return start;
}

/**
 * Makes the annual notices due before the coming anniversaries (`dueDays` ahead), one licence per
 * transaction. Idempotent: a licence whose notice for that fee year exists is skipped (and the unique index
 * on licence, revision, kind and period refuses a second one), so a run killed midway and run again ends
 * as one clean run.
 */
export async function makeAnnualNotices(sequelize: Sequelize): Promise<number> {
  const today = todayIso();
  const { dueDays } = await getSettings();
  const licences = await Licence.findAll({
    where: { status: [...BILLED_LICENCE_STATUSES], issuedAt: { [Op.ne]: null } },
    attributes: ['id'],
    order: [['id', 'ASC']],
  });
  let made = 0;
  for (const { id } of licences) {
    made += await annualNoticeOf(sequelize, id, today, dueDays);
  }
  return made;
}

/** One licence's annual notice in its own transaction; 0 when none is due or another run made it first. */
async function annualNoticeOf(sequelize: Sequelize, id: number, today: string, dueDays: number): Promise<number> {
  try {
    return await sequelize.transaction(async (transaction) => {
      const l = await Licence.findByPk(id, { transaction });
      if (!l || !l.issuedAt || !(BILLED_LICENCE_STATUSES as readonly string[]).includes(l.status)) return 0;
      const issuedOn = l.issuedAt.toISOString().slice(0, 10);
      const start = annualNoticeStart({ validFrom: l.validFrom, validTo: l.validTo, issuedOn }, today, dueDays);
      if (!start) return 0;
      const exists = await FeeNotice.count({
        where: { licenceId: l.id, kind: 'annual', periodFrom: start },
        transaction,
      });
      if (exists) return 0;
      await makeNotice(sequelize, transaction, l, 'annual', start, SYSTEM_ACTOR);
      return 1;
    });
  } catch (err) {
    // A concurrent run made the same notice (the unique index): its number rolled back with this transaction.
    if (err instanceof UniqueConstraintError) return 0;
    throw err;
  }
}

export const FEES_JOB_KIND = 'fees.daily';

/** The daily fee job: overdue first (so that a notice made today is never marked), then annual notices. */
export async function runFeesDaily(sequelize: Sequelize): Promise<{ overdue: number; annual: number }> {
  const overdue = await markOverdue(sequelize);
  const annual = await makeAnnualNotices(sequelize);
  return { overdue, annual };
}

// ---------------------------------------------------------------- figures

const SumRow = z.object({
  service: z.string(),
  status: z.string(),
  n: z.coerce.number().int(),
  total: z.coerce.number(),
  paid: z.coerce.number(),
});
const CollectedRow = z.object({ service: z.string(), collected: z.coerce.number() });

export interface FeeFigures {
  year: number;
  due: { count: number; vnd: number };
  overdue: { count: number; vnd: number };
  collectedVnd: number;
  byService: { service: string; dueVnd: number; overdueVnd: number; collectedVnd: number }[];
}

/** Outstanding amounts (total − paid) of due and overdue notices, and payments received this year, by service. */
export async function feeFigures(sequelize: Sequelize): Promise<FeeFigures> {
  const year = Number(todayIso().slice(0, 4));
  const open = await selectRows(
    sequelize,
    sql`SELECT service, status, COUNT(*) AS n, COALESCE(SUM("totalVnd"), 0) AS total,
          COALESCE(SUM("paidVnd"), 0) AS paid
        FROM fee_notices WHERE status IN ('due', 'overdue') GROUP BY service, status`,
    SumRow,
  );
  const collected = await selectRows(
    sequelize,
    sql`SELECT n.service, COALESCE(SUM(p."amountVnd"), 0) AS collected
        FROM fee_payments p JOIN fee_notices n ON n.id = p."noticeId"
        WHERE p."paidOn" >= ${`${year}-01-01`} AND p."paidOn" <= ${`${year}-12-31`}
        GROUP BY n.service`,
    CollectedRow,
  );
  const by = new Map<string, { service: string; dueVnd: number; overdueVnd: number; collectedVnd: number }>();
  const entry = (service: string) => {
    const e = by.get(service) ?? { service, dueVnd: 0, overdueVnd: 0, collectedVnd: 0 };
    by.set(service, e);
    return e;
  };
  const out: FeeFigures = {
    year,
    due: { count: 0, vnd: 0 },
    overdue: { count: 0, vnd: 0 },
    collectedVnd: 0,
    byService: [],
  };
  for (const r of open) {
    const left = r.total - r.paid;
    const bucket = r.status === 'overdue' ? out.overdue : out.due;
    bucket.count += r.n;
    bucket.vnd += left;
    if (r.status === 'overdue') entry(r.service).overdueVnd += left;
    else entry(r.service).dueVnd += left;
  }
  for (const r of collected) {
    out.collectedVnd += r.collected;
    entry(r.service).collectedVnd += r.collected;
  }
  out.byService = [...by.values()].sort((a, b) => a.service.localeCompare(b.service));
  return out;
}
