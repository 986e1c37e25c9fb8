/**
 * Reminders on the legal clocks (SPEC §11) and how they reach people: a daily job makes renewal reminders
 * 180, 90 and 30 days before `validTo` (the 6-month notice of Decree 88/2021/NĐ-CP), fee due-soon and overdue
 * reminders and overdue findings. Each is made once per record and lead (a unique key in `reminders`, inserted
 * in the same transaction as what it sends), so a second run the same day, or a run after a crash, makes
 * nothing twice; after downtime only the most urgent lead still open is sent. Staff get notifications (the
 * licence's officer and the managers; for findings the inspectors and the managers); the licensee's contact
 * e-mail gets the same reminder through the outbox, sent by a job with nodemailer when SMTP_URL is set, retried
 * with back-off and marked failed after the last attempt.
 */
import nodemailer from 'nodemailer';
import { Op, type Sequelize, type Transaction } from 'sequelize';
import { execute, IdRow, sql } from '../../db/sql';
import type { CurrentUser } from '../../lib/actor';
import { addDays, clock, todayIso } from '../../lib/dates';
import { NotFoundError } from '../../lib/errors';
import { en } from '../../lib/i18n/en';
import { vi } from '../../lib/i18n/vi';
import type { PageRequest } from '../../lib/pagination';
import { FeeNotice } from '../../models/fee-models';
import { Finding } from '../../models/Finding';
import { InspectionInspector } from '../../models/InspectionInspector';
import { Licence } from '../../models/Licence';
import { Licensee } from '../../models/Licensee';
import { Notification, OutboxMessage, type ReminderKind } from '../../models/notification-models';
import { User } from '../../models/User';

export const RENEWAL_LEADS = [30, 90, 180] as const;
/** Days before a fee notice's due date when the due-soon reminder goes out. */
export const FEE_DUE_LEAD = 7;
export const OUTBOX_MAX_ATTEMPTS = 3;
export const OUTBOX_BASE_DELAY_MS = 60_000;
export const REMINDERS_JOB_KIND = 'reminders.daily';
export const OUTBOX_JOB_KIND = 'outbox.send';

const DAY_MS = 86_400_000;
const daysBetween = (a: string, b: string) =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);

type Params = Record<string, string | number>;

/** `{{name}}` placeholders filled from params (the i18n strings' syntax). */
function fill(template: string, params: Params): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, k: string) => String(params[k] ?? ''));
}

/** The e-mail of a reminder: Vietnamese first, the English below (SPEC §11). */
export function reminderEmail(kind: ReminderKind, params: Params): { subject: string; text: string } {
  const v = vi.notifications.email;
  const e = en.notifications.email;
  const subject = `${fill(v.subjects[kind], params)} / ${fill(e.subjects[kind], params)}`;
  const text = [
    fill(v.greeting, params),
    '',
    fill(v.bodies[kind], params),
    '',
    v.footer,
    '',
    '----------------------------------------',
    '',
    fill(e.greeting, params),
    '',
    fill(e.bodies[kind], params),
    '',
    e.footer,
  ]
    .join('\n')
    .normalize('NFC');
  return { subject: subject.normalize('NFC'), text };
}

async function managerIds(transaction: Transaction): Promise<number[]> {
  const users = await User.findAll({ where: { role: 'manager', active: true }, attributes: ['id'], transaction });
  return users.map((u) => u.id);
}

async function activeIds(ids: (number | null | undefined)[], transaction: Transaction): Promise<number[]> {
  const wanted = [...new Set(ids.filter((x): x is number => typeof x === 'number'))];
  if (!wanted.length) return [];
  const users = await User.findAll({ where: { id: wanted, active: true }, attributes: ['id'], transaction });
  return users.map((u) => u.id);
}

interface ReminderSpec {
  key: string;
  kind: ReminderKind;
  entity: string;
  entityId: number;
  lead: number | null;
  link: string;
  params: Params;
  /** Extra staff besides the managers (the licence's officer, the inspectors). */
  staff: (number | null | undefined)[];
  email: string | null;
}

/** One reminder in one transaction: its key row, the notifications and the e-mail; false if it already exists. */
async function remind(sequelize: Sequelize, r: ReminderSpec): Promise<boolean> {
  return sequelize.transaction(async (transaction) => {
    const now = clock.now();
    const [row] = await execute(
      sequelize,
      sql`INSERT INTO reminders ("uniqueKey", kind, entity, "entityId", lead, "createdAt")
          VALUES (${r.key}, ${r.kind}, ${r.entity}, ${r.entityId}, ${r.lead}, ${now})
          ON CONFLICT DO NOTHING RETURNING id`,
      { transaction, row: IdRow },
    );
    if (!row) return false;
    const users = [...new Set([...(await managerIds(transaction)), ...(await activeIds(r.staff, transaction))])];
    for (const userId of users)
      await Notification.create(
        { userId, reminderId: row.id, kind: r.kind, params: r.params, link: r.link, readAt: null },
        { transaction },
      );
    if (r.email) {
      const mail = reminderEmail(r.kind, r.params);
      await OutboxMessage.create(
        { reminderId: row.id, to: r.email, ...mail, status: 'queued', nextAttemptAt: now },
        { transaction },
      );
    }
    return true;
  });
}

const validEmail = (s: string | null | undefined): string | null =>
  s && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s.trim()) ? s.trim() : null;

async function renewalReminders(sequelize: Sequelize, today: string): Promise<number> {
  const licences = await Licence.findAll({
    where: {
      status: ['issued', 'suspended'],
      validTo: { [Op.gte]: today, [Op.lte]: addDays(today, Math.max(...RENEWAL_LEADS)) },
    },
    include: [{ model: Licensee, as: 'licensee' }],
    order: [['id', 'ASC']],
  });
  let n = 0;
  for (const l of licences) {
    const left = daysBetween(today, l.validTo);
    // After downtime, only the most urgent lead still open (never the 180-day notice with 20 days left).
    const lead = RENEWAL_LEADS.find((d) => left <= d);
    if (lead === undefined) continue;
    const made = await remind(sequelize, {
      key: `renewal:${l.id}:${l.validTo}:${lead}`,
      kind: 'renewal',
      entity: 'licence',
      entityId: l.id,
      lead,
      link: `/licences/${l.id}`,
      params: { number: l.number ?? `#${l.id}`, validTo: l.validTo, days: left, licensee: l.licensee?.name ?? '' },
      staff: [l.draftedById],
      email: validEmail(l.licensee?.email),
    });
    if (made) n += 1;
  }
  return n;
}

async function feeReminders(sequelize: Sequelize, today: string): Promise<{ due: number; overdue: number }> {
  const notices = await FeeNotice.findAll({
    where: {
      [Op.or]: [
        { status: 'due', dueDate: { [Op.gte]: today, [Op.lte]: addDays(today, FEE_DUE_LEAD) } },
        { status: 'overdue' },
      ],
    },
    include: [{ model: Licence, as: 'licence', include: [{ model: Licensee, as: 'licensee' }] }],
    order: [['id', 'ASC']],
  });
  const out = { due: 0, overdue: 0 };
  for (const n of notices) {
    const overdue = n.status === 'overdue';
    const made = await remind(sequelize, {
      key: overdue ? `fee_overdue:${n.id}` : `fee_due:${n.id}:${n.dueDate}`,
      kind: overdue ? 'fee_overdue' : 'fee_due',
      entity: 'fee_notice',
      entityId: n.id,
      lead: overdue ? null : FEE_DUE_LEAD,
      link: `/fee-notices/${n.id}`,
      params: {
        number: n.number,
        licence: n.licence?.number ?? `#${n.licenceId}`,
        dueDate: n.dueDate,
        amount: String(Number(n.totalVnd) - Number(n.paidVnd)).replace(/\B(?=(\d{3})+(?!\d))/g, '.'),
        licensee: n.licence?.licensee?.name ?? '',
      },
      staff: [n.licence?.draftedById],
      email: validEmail(n.licence?.licensee?.email),
    });
    if (made) out[overdue ? 'overdue' : 'due'] += 1;
  }
  return out;
}

async function findingReminders(sequelize: Sequelize, today: string): Promise<number> {
  const findings = await Finding.findAll({
    where: { status: ['open', 'action_required'], dueDate: { [Op.lt]: today } },
    order: [['id', 'ASC']],
  });
  let n = 0;
  for (const f of findings) {
    const inspectors = await InspectionInspector.findAll({ where: { inspectionId: f.inspectionId } });
    const made = await remind(sequelize, {
      key: `finding_overdue:${f.id}:${f.dueDate}`,
      kind: 'finding_overdue',
      entity: 'finding',
      entityId: f.id,
      lead: null,
      link: `/findings/${f.id}`,
      params: { id: f.id, dueDate: f.dueDate ?? '', category: f.category },
      staff: inspectors.map((i) => i.userId),
      email: null,
    });
    if (made) n += 1;
  }
  return n;
}

export interface ReminderRun {
  renewal: number;
  feeDue: number;
  feeOverdue: number;
  findingOverdue: number;
}

/** The daily reminder job (idempotent: run it as often as you like). */
export async function runReminders(sequelize: Sequelize): Promise<ReminderRun> {
  const today = todayIso();
  const renewal = await renewalReminders(sequelize, today);
  const fees = await feeReminders(sequelize, today);
  const findingOverdue = await findingReminders(sequelize, today);
  return { renewal, feeDue: fees.due, feeOverdue: fees.overdue, findingOverdue };
}

// ---------------------------------------------------------------- the outbox

export interface OutboxOptions {
  smtpUrl: string | null | undefined;
  from: string;
  maxAttempts?: number;
  baseDelayMs?: number;
}

/**
 * Sends the queued e-mails whose time has come, one by one: sent → `sent`; refused → retried after
 * base × 2^(attempts−1), and `failed` with the error after the last attempt. Without SMTP_URL nothing is sent
 * (the messages wait). Delivery is at least once: a process killed between sending and recording sends again.
 */
export async function sendOutbox(o: OutboxOptions): Promise<{ sent: number; retried: number; failed: number }> {
  const out = { sent: 0, retried: 0, failed: 0 };
  if (!o.smtpUrl) return out;
  const max = o.maxAttempts ?? OUTBOX_MAX_ATTEMPTS;
  const base = o.baseDelayMs ?? OUTBOX_BASE_DELAY_MS;
  const due = await OutboxMessage.findAll({
    where: { status: 'queued', nextAttemptAt: { [Op.lte]: clock.now() } },
    order: [['id', 'ASC']],
    limit: 200,
  });
  if (!due.length) return out;
  const transport = nodemailer.createTransport(o.smtpUrl);
  try {
    for (const m of due) {
      const attempts = m.attempts + 1;
      try {
        await transport.sendMail({ from: o.from, to: m.to, subject: m.subject, text: m.text });
        await m.update({ status: 'sent', attempts, sentAt: clock.now(), lastError: null });
        out.sent += 1;
      } catch (err) {
        const error = (err instanceof Error ? err.message : String(err)).slice(0, 2000);
        if (attempts >= max) {
          await m.update({ status: 'failed', attempts, lastError: error });
          out.failed += 1;
        } else {
          const next = new Date(clock.now().getTime() + base * 2 ** (attempts - 1));
          await m.update({ attempts, lastError: error, nextAttemptAt: next });
          out.retried += 1;
        }
      }
    }
  } finally {
    transport.close();
  }
  return out;
}

// ---------------------------------------------------------------- staff notifications

export async function listNotifications(
  user: Pick<CurrentUser, 'id'>,
  filter: { unread?: boolean },
  page: PageRequest,
): Promise<{ rows: Notification[]; total: number }> {
  const { rows, count } = await Notification.findAndCountAll({
    where: { userId: user.id, ...(filter.unread ? { readAt: null } : {}) },
    order: [['id', 'DESC']],
    limit: page.pageSize,
    offset: page.offset,
  });
  return { rows, total: count };
}

export function unreadCount(userId: number): Promise<number> {
  return Notification.count({ where: { userId, readAt: null } });
}

/** Marks one of the user's notifications read (someone else's is 404). */
export async function markRead(user: Pick<CurrentUser, 'id'>, id: number): Promise<Notification> {
  const n = Number.isInteger(id) ? await Notification.findOne({ where: { id, userId: user.id } }) : null;
  if (!n) throw new NotFoundError('notifications.notFound');
  if (!n.readAt) await n.update({ readAt: clock.now() });
  return n;
}

export async function markAllRead(user: Pick<CurrentUser, 'id'>): Promise<number> {
  const [n] = await Notification.update({ readAt: clock.now() }, { where: { userId: user.id, readAt: null } });
  return n;
}
