/**
 * Fee pages and API (SPEC §11): /admin/fees (everyone reads, admins edit the schedule, exemptions and
 * settings), /fees (notices, filters, CSV, figures), /fee-notices/:id (payments, waiver, PDF), a manager's fee
 * approval of a submitted licence, and the JSON twins under /api/v1. Mounted before the admin router.
 */
import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { stringify } from 'csv-stringify/sync';
import { actorOf, currentUser } from '../../lib/actor';
import { pageOf, pageRequest, sortOrder } from '../../lib/pagination';
import type { RouteDeps } from '../../lib/route-deps';
import { handleForm } from '../../lib/forms';
import { requireLogin, requireRole } from '../../middleware/auth';
import { flash } from '../../middleware/locals';
import { FEE_KINDS, FeeExemption, FeeNotice, FeeScheduleRow, NOTICE_STATUSES } from '../../models/fee-models';
import { LICENCE_TYPES } from '../../models/Licence';
import { LICENSEE_KINDS } from '../../models/Licensee';
import { SERVICE_CODES } from '../../models/Service';
import { historyOf } from '../audit/audit.service';
import { presentAuditEvent } from '../audit/audit.presenter';
import { renderNoticePdf } from './fees.pdf';
import { presentExemption, presentNotice, presentScheduleRow, presentSettings } from './fees.presenter';
import {
  approveFees,
  createExemption,
  createScheduleRow,
  feeFigures,
  getExemption,
  getNotice,
  getScheduleRow,
  getSettings,
  licenceFeeView,
  listExemptions,
  listNotices,
  listSchedule,
  NOTICE_SORTS,
  PAYMENT_ROLES,
  recordPayment,
  updateExemption,
  updateScheduleRow,
  updateSettings,
  waiveNotice,
  WAIVE_ROLES,
} from './fees.service';

const STAFF = ['licensing_officer', 'inspector', 'manager', 'admin'] as const;

/** Form values of a schedule row as typed (empty bounds as ''). */
function rowValues(r: FeeScheduleRow | null): Record<string, unknown> {
  if (!r) return { placeholder: true, effectiveFrom: '', legalBasis: '' };
  const p = presentScheduleRow(r);
  const blank = (v: number | null) => (v == null ? '' : v);
  return {
    ...p,
    bandwidthMinHz: blank(p.bandwidthMinHz),
    bandwidthMaxHz: blank(p.bandwidthMaxHz),
    erpMinW: blank(p.erpMinW),
    erpMaxW: blank(p.erpMaxW),
  };
}

function rowForm(req: Request, mode: 'new' | 'edit') {
  return {
    view: 'fees/row',
    locals: async (current?: unknown) => {
      const r =
        mode === 'edit'
          ? current instanceof FeeScheduleRow
            ? current
            : await getScheduleRow(Number(req.params.id))
          : null;
      return {
        title: req.t(mode === 'new' ? 'fees.rowNew' : 'fees.rowEdit'),
        row: r ? presentScheduleRow(r) : null,
        values: rowValues(r),
        kinds: FEE_KINDS,
        types: LICENCE_TYPES,
        services: SERVICE_CODES,
      };
    },
  };
}

function exemptionForm(req: Request, mode: 'new' | 'edit') {
  return {
    view: 'fees/exemption',
    locals: async (current?: unknown) => {
      const e =
        mode === 'edit'
          ? current instanceof FeeExemption
            ? current
            : await getExemption(Number(req.params.id))
          : null;
      return {
        title: req.t(mode === 'new' ? 'fees.exemptionNew' : 'fees.exemptionEdit'),
        exemption: e ? presentExemption(e) : null,
        values: e ? { ...presentExemption(e), service: e.service ?? '', licenseeKind: e.licenseeKind ?? '' } : {},
        services: SERVICE_CODES,
        licenseeKinds: LICENSEE_KINDS,
      };
    },
  };
}

async function scheduleLocals(req: Request, extra: Record<string, unknown> = {}) {
  const settings = presentSettings(await getSettings());
  return {
    title: req.t('fees.scheduleTitle'),
    rows: (await listSchedule()).map(presentScheduleRow),
    exemptions: (await listExemptions()).map(presentExemption),
    // Not `settings`: Express gives views its own settings under that name (the view cache, ejs's options).
    feeSettings: settings,
    values: settings,
    ...extra,
  };
}

/** The schedule page (everyone signed in reads) and the admin's edits. */
function schedulePages(r: Router, { db }: RouteDeps): void {
  const admin = requireRole('admin');
  r.get('/admin/fees', async (req, res) => res.render('fees/schedule', await scheduleLocals(req)));
  r.get('/admin/fees/rows/new', admin, async (req, res) => res.render('fees/row', await rowForm(req, 'new').locals()));
  r.post('/admin/fees/rows', admin, async (req, res) => {
    await handleForm(req, res, rowForm(req, 'new'), async () => {
      await createScheduleRow(db.sequelize, req.body, actorOf(req));
      flash(req, { type: 'success', key: 'fees.rowSaved' });
      res.redirect(303, '/admin/fees');
    });
  });
  r.get('/admin/fees/rows/:id/edit', admin, async (req, res) =>
    res.render('fees/row', await rowForm(req, 'edit').locals()),
  );
  r.post('/admin/fees/rows/:id', admin, async (req, res) => {
    await handleForm(req, res, rowForm(req, 'edit'), async () => {
      await updateScheduleRow(db.sequelize, Number(req.params.id), req.body, actorOf(req));
      flash(req, { type: 'success', key: 'fees.rowSaved' });
      res.redirect(303, '/admin/fees');
    });
  });
  r.get('/admin/fees/exemptions/new', admin, async (req, res) =>
    res.render('fees/exemption', await exemptionForm(req, 'new').locals()),
  );
  r.post('/admin/fees/exemptions', admin, async (req, res) => {
    await handleForm(req, res, exemptionForm(req, 'new'), async () => {
      await createExemption(db.sequelize, req.body, actorOf(req));
      flash(req, { type: 'success', key: 'fees.exemptionSaved' });
      res.redirect(303, '/admin/fees');
    });
  });
  r.get('/admin/fees/exemptions/:id/edit', admin, async (req, res) =>
    res.render('fees/exemption', await exemptionForm(req, 'edit').locals()),
  );
  r.post('/admin/fees/exemptions/:id', admin, async (req, res) => {
    await handleForm(req, res, exemptionForm(req, 'edit'), async () => {
      await updateExemption(db.sequelize, Number(req.params.id), req.body, actorOf(req));
      flash(req, { type: 'success', key: 'fees.exemptionSaved' });
      res.redirect(303, '/admin/fees');
    });
  });
  r.post('/admin/fees/settings', admin, async (req, res) => {
    await handleForm(req, res, { view: 'fees/schedule', locals: async () => scheduleLocals(req) }, async () => {
      await updateSettings(db.sequelize, { requirePaymentBeforeIssue: '', ...req.body }, actorOf(req));
      flash(req, { type: 'success', key: 'fees.settingsSaved' });
      res.redirect(303, '/admin/fees');
    });
  });
}

/** The schedule's JSON API. */
function scheduleApi(r: Router, { db }: RouteDeps): void {
  const admin = requireRole('admin');
  r.get('/api/v1/fee-schedule', async (_req, res) => {
    const data = (await listSchedule()).map(presentScheduleRow);
    res.json({ data, page: 1, pageSize: data.length, total: data.length });
  });
  r.post('/api/v1/fee-schedule', admin, async (req, res) => {
    res.status(201).json({ data: presentScheduleRow(await createScheduleRow(db.sequelize, req.body, actorOf(req))) });
  });
  r.get('/api/v1/fee-schedule/:id', async (req, res) => {
    res.json({ data: presentScheduleRow(await getScheduleRow(Number(req.params.id))) });
  });
  r.patch('/api/v1/fee-schedule/:id', admin, async (req, res) => {
    const row = await updateScheduleRow(db.sequelize, Number(req.params.id), req.body, actorOf(req));
    res.json({ data: presentScheduleRow(row) });
  });
  r.get('/api/v1/fee-schedule/:id/history', async (req, res) => {
    const row = await getScheduleRow(Number(req.params.id));
    res.json({ data: (await historyOf('fee_schedule', row.id)).map((e) => presentAuditEvent(e)) });
  });
  r.get('/api/v1/fee-exemptions', async (_req, res) => {
    const data = (await listExemptions()).map(presentExemption);
    res.json({ data, page: 1, pageSize: data.length, total: data.length });
  });
  r.post('/api/v1/fee-exemptions', admin, async (req, res) => {
    res.status(201).json({ data: presentExemption(await createExemption(db.sequelize, req.body, actorOf(req))) });
  });
  r.patch('/api/v1/fee-exemptions/:id', admin, async (req, res) => {
    const e = await updateExemption(db.sequelize, Number(req.params.id), req.body, actorOf(req));
    res.json({ data: presentExemption(e) });
  });
  r.get('/api/v1/fee-settings', async (_req, res) => {
    res.json({ data: presentSettings(await getSettings()) });
  });
  r.patch('/api/v1/fee-settings', admin, async (req, res) => {
    res.json({ data: presentSettings(await updateSettings(db.sequelize, req.body, actorOf(req))) });
  });
}

async function noticeList(query: Request['query']) {
  const page = pageRequest(query, 25);
  const sort = sortOrder(query.sort, NOTICE_SORTS, 'dueDate');
  const filter = {
    status: query.status,
    licenceId: query.licenceId,
    service: query.service,
    year: query.year,
    q: query.q,
  };
  const { rows, total } = await listNotices({ ...filter, sort }, page);
  return { page, sort, total, notices: rows.map(presentNotice) };
}

async function noticeLocals(req: Request, id: number, extra: Record<string, unknown> = {}) {
  const notice = presentNotice(await getNotice(id));
  const user = currentUser(req);
  const open = notice.status === 'due' || notice.status === 'overdue';
  return {
    title: req.t('fees.noticeTitle', { number: notice.number }),
    notice,
    canPay: open && PAYMENT_ROLES.includes(user.role),
    canWaive: open && WAIVE_ROLES.includes(user.role),
    history: (await historyOf('fee_notice', id)).reverse().map((e) => presentAuditEvent(e)),
    values: {},
    ...extra,
  };
}

/** Notices: the list with figures and CSV, one notice with its payments, the PDF. */
function noticePages(r: Router, { db, config }: RouteDeps): void {
  r.get('/fees', async (req, res) => {
    const list = await noticeList(req.query);
    res.render('fees/index', {
      title: req.t('fees.title'),
      ...list,
      figures: await feeFigures(db.sequelize),
      statuses: NOTICE_STATUSES,
      services: SERVICE_CODES,
      query: req.query,
    });
  });
  r.get('/fees.csv', async (req, res) => {
    const { notices } = await noticeList({ ...req.query, page: '1', pageSize: '500' });
    const header = ['number', 'licence', 'licensee', 'service', 'kind', 'issuedOn', 'dueDate', 'status'];
    const csv = stringify(
      notices.map((n) => [
        n.number,
        n.licenceNumber ?? '',
        n.licenseeName ?? '',
        n.service,
        n.kind,
        n.issuedOn,
        n.dueDate,
        n.status,
        n.totalVnd,
        n.paidVnd,
        n.remainingVnd,
        n.placeholder ? 'placeholder' : '',
      ]),
      { header: true, columns: [...header, 'totalVnd', 'paidVnd', 'remainingVnd', 'amounts'], bom: true },
    );
    res.type('text/csv; charset=utf-8').attachment('fee-notices.csv').send(csv);
  });
  r.get('/fee-notices/:id', async (req, res) => {
    res.render('fees/show', await noticeLocals(req, Number(req.params.id)));
  });
  const noticeForm = (req: Request) => ({
    view: 'fees/show',
    locals: async () => noticeLocals(req, Number(req.params.id)),
  });
  r.post('/fee-notices/:id/payments', async (req, res) => {
    await handleForm(req, res, noticeForm(req), async () => {
      await recordPayment(db.sequelize, Number(req.params.id), req.body, currentUser(req), actorOf(req));
      flash(req, { type: 'success', key: 'fees.paymentSaved' });
      res.redirect(303, `/fee-notices/${req.params.id}`);
    });
  });
  r.post('/fee-notices/:id/waive', async (req, res) => {
    await handleForm(req, res, noticeForm(req), async () => {
      await waiveNotice(db.sequelize, Number(req.params.id), req.body, currentUser(req), actorOf(req));
      flash(req, { type: 'success', key: 'fees.waived' });
      res.redirect(303, `/fee-notices/${req.params.id}`);
    });
  });
  r.get('/fee-notices/:id/notice.pdf', async (req, res) => {
    const n = await getNotice(Number(req.params.id));
    const vi = req.i18n.getFixedT('vi');
    const l = n.licence;
    const pdf = await renderNoticePdf({
      notice: presentNotice(n),
      licence: {
        number: l?.number ?? null,
        service: n.service,
        validFrom: l?.validFrom ?? '',
        validTo: l?.validTo ?? '',
      },
      licensee: {
        name: l?.licensee?.name ?? '',
        address: l?.licensee?.address ?? '',
        taxCode: l?.licensee?.taxCode ?? '',
      },
      authority: { name: config.authorityName, address: config.authorityAddress },
      words: (key, params) => String(vi(key, params ?? {})),
    });
    res.type('application/pdf').attachment(`${n.number}.pdf`).send(pdf);
  });
  r.post('/licences/:id/fee-notice', async (req, res) => {
    const n = await approveFees(db.sequelize, Number(req.params.id), currentUser(req), actorOf(req));
    flash(req, { type: 'success', key: 'fees.approved', params: { number: n.number } });
    res.redirect(303, `/licences/${req.params.id}`);
  });
}

function noticeApi(r: Router, { db }: RouteDeps): void {
  r.get('/api/v1/fee-notices', async (req, res) => {
    const { page, total, notices } = await noticeList(req.query);
    res.json(pageOf(notices, total, page));
  });
  r.get('/api/v1/fee-notices/:id', async (req, res) => {
    res.json({ data: presentNotice(await getNotice(Number(req.params.id))) });
  });
  r.get('/api/v1/fee-notices/:id/history', async (req, res) => {
    const n = await getNotice(Number(req.params.id));
    res.json({ data: (await historyOf('fee_notice', n.id)).map((e) => presentAuditEvent(e)) });
  });
  r.post('/api/v1/fee-notices/:id/payments', async (req, res) => {
    const { notice, payment } = await recordPayment(
      db.sequelize,
      Number(req.params.id),
      req.body,
      currentUser(req),
      actorOf(req),
    );
    res.status(201).json({ data: presentNotice(notice), payment: { id: payment.id } });
  });
  r.post('/api/v1/fee-notices/:id/waive', async (req, res) => {
    const n = await waiveNotice(db.sequelize, Number(req.params.id), req.body, currentUser(req), actorOf(req));
    res.json({ data: presentNotice(n) });
  });
  r.get('/api/v1/fees/summary', async (_req, res) => {
    res.json({ data: await feeFigures(db.sequelize) });
  });
  r.post('/api/v1/licences/:id/fee-notice', async (req, res) => {
    const n = await approveFees(db.sequelize, Number(req.params.id), currentUser(req), actorOf(req));
    res.status(201).json({ data: presentNotice(await getNotice(n.id)) });
  });
}

export function feeRoutes(deps: RouteDeps): Router {
  const r = Router();
  const staff = requireRole(...STAFF);
  r.use(
    [
      '/admin/fees',
      '/fees',
      '/fees.csv',
      '/fee-notices',
      '/licences/:id/fee-notice',
      '/api/v1/fee-schedule',
      '/api/v1/fee-exemptions',
      '/api/v1/fee-settings',
      '/api/v1/fee-notices',
      '/api/v1/fees',
      '/api/v1/licences/:id/fee-notice',
    ],
    requireLogin,
    staff,
  );
  schedulePages(r, deps);
  scheduleApi(r, deps);
  noticePages(r, deps);
  noticeApi(r, deps);
  return r;
}

/** The licence page's fee breakdown (GET /licences/:id), set as a local so the licence routes need not know fees. */
export function feeLicenceLocals(): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const m = req.method === 'GET' && req.currentUser ? /^\/licences\/(\d+)$/.exec(req.path) : null;
    if (m) {
      try {
        const v = await licenceFeeView(Number(m[1]));
        res.locals.licenceFees = { ...v, notices: v.notices.map((n: FeeNotice) => presentNotice(n)) };
      } catch {
        // An unknown licence: its page answers 404 itself.
      }
    }
    next();
  };
}

/** The dashboard's fee figures (GET /dashboard), likewise. */
export function feeDashboardLocals({ db }: Pick<RouteDeps, 'db'>): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'GET' && req.currentUser && req.path === '/dashboard')
      res.locals.feeFigures = await feeFigures(db.sequelize);
    next();
  };
}
