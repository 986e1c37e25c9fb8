/**
 * Fees (SPEC §11) end to end on a real database: the seeded schedule and its audited edits, a licence
 * approved → its notice with the expected lines, payments to paid (partial, overpayment refused), waivers,
 * the daily job with a controlled clock (overdue, annual notices made once, a stopped run completed without
 * duplicates), requirePaymentBeforeIssue, the PDF, the list, CSV and figures.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { addDays, addYears, clock, todayIso } from '../../server/lib/dates';
import { AuditEvent } from '../../server/models/AuditEvent';
import { FeeNotice, FeePayment, FeeScheduleRow } from '../../server/models/fee-models';
import { Licence } from '../../server/models/Licence';
import { runFeesDaily } from '../../server/modules/fees/fees.service';
import { loginAs, makeTestApp, type Agent, type TestApp } from '../helpers/app';
import { makeDraft, makeLicenceIn } from '../helpers/factories';

const USERS = { officer: 'officer', manager: 'manager', inspector: 'inspector', admin: 'admin' } as const;
type Who = keyof typeof USERS;
const realNow = clock.now;
const at = (iso: string) => {
  clock.now = () => new Date(`${iso}T03:00:00Z`);
};

describe('fees', () => {
  let t: TestApp;
  const as = {} as Record<Who, { agent: Agent; csrf: string }>;
  before(async () => {
    t = await makeTestApp();
    for (const [who, username] of Object.entries(USERS)) as[who as Who] = await loginAs(t.app, username);
  });
  after(async () => {
    clock.now = realNow;
    await t.close();
  });
  afterEach(() => {
    clock.now = realNow;
  });
  const post = (who: Who, path: string, body: object = {}) =>
    as[who].agent.post(path).set('X-CSRF-Token', as[who].csrf).send(body);
  const patch = (who: Who, path: string, body: object = {}) =>
    as[who].agent.patch(path).set('X-CSRF-Token', as[who].csrf).send(body);
  const get = (who: Who, path: string) => as[who].agent.get(path);
  const noticesOf = (licenceId: number) => FeeNotice.findAll({ where: { licenceId }, order: [['id', 'ASC']] });

  describe('the schedule', () => {
    it('when anyone reads it, then each service and type has its four rows, labelled placeholder', async () => {
      const res = await get('inspector', '/api/v1/fee-schedule');
      assert.equal(res.status, 200);
      const rows = res.body.data as { kind: string; licenceType: string; service: string; placeholder: boolean }[];
      for (const type of ['frequency_equipment', 'frequency_band'])
        for (const service of [
          'fm_broadcast',
          'tv_broadcast',
          'land_mobile',
          'fixed_link',
          'amateur',
          'loudspeaker',
          'maritime',
          'aeronautical',
          'other',
        ])
          for (const kind of ['grant', 'annual_use', 'renewal', 'amendment'])
            assert.ok(
              rows.some((r) => r.kind === kind && r.licenceType === type && r.service === service),
              `${type} ${service} ${kind}`,
            );
      assert.ok(rows.every((r) => r.placeholder));
      const page = await get('officer', '/admin/fees');
      assert.equal(page.status, 200);
      assert.match(page.text, /data-placeholder-warning/);
      assert.doesNotMatch(page.text, /\/admin\/fees\/rows\/new/, 'only admins see the edit links');
    });

    it('when edited, then admins only (403), audited, stale 409, bad input 422 with input kept', async () => {
      const row = (await FeeScheduleRow.findOne({
        where: { kind: 'grant', service: 'amateur', licenceType: 'frequency_equipment' },
      })) as FeeScheduleRow;
      assert.equal(
        (await patch('officer', `/api/v1/fee-schedule/${row.id}`, { amountVnd: 1, version: row.version })).status,
        403,
      );
      const ok = await patch('admin', `/api/v1/fee-schedule/${row.id}`, { amountVnd: '350.000', version: row.version });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.body.data.amountVnd, 350_000);
      await row.reload();
      assert.equal(Number(row.amountVnd), 350_000);
      const audit = await AuditEvent.findOne({
        where: { entity: 'fee_schedule', entityId: String(row.id), action: 'update' },
      });
      assert.deepEqual(audit?.changes.amountVnd, { before: 300_000, after: 350_000 });
      assert.equal((await patch('admin', `/api/v1/fee-schedule/${row.id}`, { amountVnd: 1, version: 0 })).status, 409);
      const bad = await patch('admin', `/api/v1/fee-schedule/${row.id}`, { amountVnd: 'a lot', version: row.version });
      assert.equal(bad.status, 422);
      assert.ok(bad.body.error.fields.amountVnd);
      // The form keeps what the admin typed.
      const form = await get('admin', `/admin/fees/rows/${row.id}/edit`);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] as string;
      const back = await as.admin.agent.post(`/admin/fees/rows/${row.id}`).type('form').send({
        _csrf: csrf,
        version: row.version,
        effectiveFrom: '2017-01-01',
        kind: 'grant',
        licenceType: 'frequency_equipment',
        service: 'amateur',
        amountVnd: 'mười',
        legalBasis: 'TT 265',
      });
      assert.equal(back.status, 422);
      assert.match(back.text, /value="mười"/);
      await patch('admin', `/api/v1/fee-schedule/${row.id}`, { amountVnd: 300_000, version: row.version });
    });
  });

  describe('a licence approved for issue', () => {
    it('when issued on 2 July (valid from 1 Jan), then grant fee + use fee pro rata', async () => {
      at('2026-07-02');
      const made = await makeLicenceIn(t.db.sequelize, t.districts, 'issued');
      const [n, ...more] = await noticesOf(made.licenceId);
      assert.equal(more.length, 0);
      assert.ok(n);
      assert.match(n.number, /^TBP-2026-\d{5}$/);
      assert.equal(n.kind, 'grant');
      assert.deepEqual(
        n.lines.map((l) => [l.kind, l.amountVnd, l.days ?? null]),
        [
          ['grant', 300_000, null],
          ['annual_use', 250_685, 183],
        ],
      );
      for (const l of n.lines)
        assert.ok(await FeeScheduleRow.findByPk(l.scheduleRowId as number), 'the row behind each line');
      assert.equal(Number(n.totalVnd), 550_685);
      assert.equal(n.status, 'due');
      assert.equal(n.dueDate, '2026-08-01');
      assert.deepEqual([n.periodFrom, n.periodTo], ['2026-07-02', '2026-12-31']);
      const l = (await Licence.findByPk(made.licenceId)) as Licence;
      assert.equal(Number(l.feeVnd), 500_000);
      const api = await get('officer', `/api/v1/fee-notices?licenceId=${made.licenceId}`);
      assert.equal(api.body.total, 1);
      assert.deepEqual(Object.keys(api.body.data[0].lines[0]).slice(0, 4), [
        'kind',
        'description',
        'amountVnd',
        'scheduleRowId',
      ]);
      const page = await get('officer', `/licences/${made.licenceId}`);
      assert.match(page.text, /data-fee-vnd>500[.,]000 đ/);
      assert.match(page.text, new RegExp(n.number));
    });

    it('when payments are recorded, then they add up to paid; overpaying is 422; roles hold', async () => {
      at('2026-07-02');
      const made = await makeLicenceIn(t.db.sequelize, t.districts, 'issued');
      const [n] = (await noticesOf(made.licenceId)) as [FeeNotice];
      const path = `/api/v1/fee-notices/${n.id}/payments`;
      assert.equal((await post('inspector', path, { amountVnd: 1, paidOn: '2026-07-02', reference: 'x' })).status, 403);
      const first = await post('officer', path, { amountVnd: 200_000, paidOn: '2026-07-02', reference: 'UNC 001' });
      assert.equal(first.status, 201, JSON.stringify(first.body));
      assert.equal(first.body.data.paidVnd, 200_000);
      assert.equal(first.body.data.status, 'due');
      const over = await post('officer', path, { amountVnd: 350_686, paidOn: '2026-07-02', reference: 'UNC 002' });
      assert.equal(over.status, 422);
      assert.ok(over.body.error.fields.amountVnd);
      assert.match(over.body.error.fields.amountVnd, /350685|350[.,]685/);
      assert.equal(await FeePayment.count({ where: { noticeId: n.id } }), 1);
      const future = await post('officer', path, { amountVnd: 1, paidOn: '2026-07-03', reference: 'UNC' });
      assert.equal(future.status, 422);
      const last = await post('manager', path, { amountVnd: 350_685, paidOn: '2026-07-02', reference: 'UNC 003' });
      assert.equal(last.status, 201);
      assert.equal(last.body.data.status, 'paid');
      await n.reload();
      assert.equal(n.status, 'paid');
      assert.equal(Number(n.paidVnd), 550_685);
      assert.equal((await post('officer', path, { amountVnd: 1, paidOn: '2026-07-02', reference: 'x' })).status, 409);
      const audits = await AuditEvent.count({
        where: { entity: 'fee_notice', entityId: String(n.id), action: 'payment' },
      });
      assert.equal(audits, 2);
    });

    it('when a manager waives an open notice with a reason, then it is waived; an officer may not', async () => {
      at('2026-07-02');
      const made = await makeLicenceIn(t.db.sequelize, t.districts, 'issued');
      const [n] = (await noticesOf(made.licenceId)) as [FeeNotice];
      assert.equal((await post('officer', `/api/v1/fee-notices/${n.id}/waive`, { reason: 'x' })).status, 403);
      assert.equal((await post('manager', `/api/v1/fee-notices/${n.id}/waive`, { reason: '' })).status, 422);
      const ok = await post('manager', `/api/v1/fee-notices/${n.id}/waive`, {
        reason: 'Thiên tai: miễn theo quyết định',
      });
      assert.equal(ok.status, 200);
      await n.reload();
      assert.equal(n.status, 'waived');
      assert.equal(n.waivedReason, 'Thiên tai: miễn theo quyết định');
    });

    it('when the licensee is exempt (defence), then the notice is 0 and paid at once, and says why', async () => {
      at('2026-07-02');
      const made = await makeDraft(t.db.sequelize, t.districts);
      await t.db.sequelize.query(`UPDATE licensees SET kind = 'public_security_defence' WHERE id = ${made.licenseeId}`);
      assert.equal((await post('officer', `/api/v1/licences/${made.licenceId}/submit`)).status, 200);
      assert.equal((await post('manager', `/api/v1/licences/${made.licenceId}/issue`, { note: 'ok' })).status, 200);
      const [n] = (await noticesOf(made.licenceId)) as [FeeNotice];
      assert.equal(Number(n.totalVnd), 0);
      assert.equal(n.status, 'paid');
      assert.ok(n.lines.every((l) => l.exemptionId && /exempt/.test(l.description)));
    });
  });

  describe('the daily job', () => {
    it('when a notice is past its due date, then the job marks it overdue (once, audited)', async () => {
      at('2026-07-02');
      const made = await makeLicenceIn(t.db.sequelize, t.districts, 'issued');
      const [n] = (await noticesOf(made.licenceId)) as [FeeNotice];
      at('2026-08-01');
      await runFeesDaily(t.db.sequelize);
      await n.reload();
      assert.equal(n.status, 'due', 'due on its due date');
      at('2026-08-02');
      await runFeesDaily(t.db.sequelize);
      await runFeesDaily(t.db.sequelize);
      await n.reload();
      assert.equal(n.status, 'overdue');
      assert.equal(
        await AuditEvent.count({ where: { entity: 'fee_notice', entityId: String(n.id), action: 'overdue' } }),
        1,
      );
      const figures = await get('manager', '/api/v1/fees/summary');
      assert.ok(figures.body.data.overdue.count >= 1);
      assert.ok(figures.body.data.byService.some((s: { service: string }) => s.service === 'land_mobile'));
      const paid = await post('officer', `/api/v1/fee-notices/${n.id}/payments`, {
        amountVnd: Number(n.totalVnd),
        paidOn: '2026-08-02',
        reference: 'late',
      });
      assert.equal(paid.body.data.status, 'paid', 'an overdue notice can still be paid');
    });

    it('when the job runs twice before an anniversary, then the annual notice is made once', async () => {
      at('2026-07-02');
      const made = await makeLicenceIn(t.db.sequelize, t.districts, 'issued');
      at('2026-12-01');
      await runFeesDaily(t.db.sequelize);
      assert.equal((await noticesOf(made.licenceId)).length, 1, 'not yet: 31 days before the anniversary');
      at('2026-12-02');
      await runFeesDaily(t.db.sequelize);
      await runFeesDaily(t.db.sequelize);
      const notices = await noticesOf(made.licenceId);
      assert.equal(notices.length, 2);
      const annual = notices[1] as FeeNotice;
      assert.equal(annual.kind, 'annual');
      assert.deepEqual(
        [annual.periodFrom, annual.periodTo, annual.dueDate],
        ['2027-01-01', '2027-12-31', '2027-01-01'],
      );
      assert.deepEqual(
        annual.lines.map((l) => l.amountVnd),
        [500_000],
      );
    });

    it('when a run stopped midway, then the next completes without duplicates or gaps', async () => {
      at('2026-07-02');
      const a = await makeLicenceIn(t.db.sequelize, t.districts, 'issued');
      const b = await makeLicenceIn(t.db.sequelize, t.districts, 'issued');
      at('2027-06-10');
      // The first run reaches licence a only (b is out of its reach, as if the process died before it).
      await t.db.sequelize.query(`UPDATE licences SET status = 'revoked' WHERE id = ${b.licenceId}`);
      await runFeesDaily(t.db.sequelize);
      await t.db.sequelize.query(`UPDATE licences SET status = 'issued' WHERE id = ${b.licenceId}`);
      await Promise.all([runFeesDaily(t.db.sequelize), runFeesDaily(t.db.sequelize)]);
      const annual = await FeeNotice.findAll({ where: { licenceId: [a.licenceId, b.licenceId], kind: 'annual' } });
      assert.equal(annual.length, 2);
      const all = (await FeeNotice.findAll({ where: {} }))
        .map((n) => n.number)
        .filter((x) => x.startsWith('TBP-2027-'));
      const ns = all.map((x) => Number(x.slice(-5))).sort((p, q) => p - q);
      assert.deepEqual(
        ns,
        ns.map((_, i) => i + 1),
        'numbered 1..n in 2027 without gaps',
      );
    });
  });

  describe('the daily job killed mid-run', function () {
    this.timeout(120_000);
    it('when its process is SIGKILLed midway, then the next run ends with no duplicates or gaps', async () => {
      // Real time in the child: 40 licences whose next anniversary is 10 days from today.
      const today = todayIso();
      const ids: number[] = [];
      for (let i = 0; i < 40; i += 1) ids.push((await makeLicenceIn(t.db.sequelize, t.districts, 'issued')).licenceId);
      const validFrom = addYears(addDays(today, 10), -1);
      await Licence.update({ validFrom, validTo: addYears(validFrom, 5) }, { where: { id: ids } });
      const annual = () => FeeNotice.count({ where: { licenceId: ids, kind: 'annual' } });
      const code = [
        "const { loadConfig } = require('./server/config');",
        "const { openDatabase } = require('./server/db');",
        "const { runFeesDaily } = require('./server/modules/fees/fees.service');",
        '(async () => { const db = await openDatabase(loadConfig(process.env).database);',
        'await runFeesDaily(db.sequelize); await db.close(); })();',
      ].join(' ');
      const child = spawn(process.execPath, ['--import', 'tsx', '-e', code], {
        cwd: path.resolve(__dirname, '../..'),
        env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: t.config.database.url, LOG_LEVEL: 'silent' },
        stdio: 'ignore',
      });
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      let seen = 0;
      const end = Date.now() + 60_000;
      while (seen === 0 && Date.now() < end) {
        seen = await annual();
        if (!seen) await new Promise((r) => setTimeout(r, 5));
      }
      child.kill('SIGKILL');
      await exited;
      const atKill = await annual();
      assert.ok(atKill > 0 && atKill < ids.length, `killed midway (${atKill} of ${ids.length} made)`);
      await runFeesDaily(t.db.sequelize);
      await runFeesDaily(t.db.sequelize);
      const notices = await FeeNotice.findAll({ where: { licenceId: ids, kind: 'annual' } });
      assert.equal(notices.length, ids.length);
      assert.equal(new Set(notices.map((n) => n.licenceId)).size, ids.length);
      const year = today.slice(0, 4);
      const numbers = (await FeeNotice.findAll())
        .map((n) => n.number)
        .filter((x) => x.startsWith(`TBP-${year}-`))
        .map((x) => Number(x.slice(-5)))
        .sort((p, q) => p - q);
      assert.deepEqual(
        numbers,
        numbers.map((_, i) => i + 1),
        'gap-free',
      );
    });
  });

  describe('requirePaymentBeforeIssue', () => {
    after(async () => {
      const s = await get('admin', '/api/v1/fee-settings');
      await patch('admin', '/api/v1/fee-settings', { requirePaymentBeforeIssue: false, version: s.body.data.version });
    });
    it('when set, then issuing waits for the approved notice to be paid, and no second notice is made', async () => {
      at('2026-07-02');
      const s = await get('admin', '/api/v1/fee-settings');
      const set = await patch('admin', '/api/v1/fee-settings', {
        requirePaymentBeforeIssue: true,
        version: s.body.data.version,
      });
      assert.equal(set.status, 200);
      const made = await makeLicenceIn(t.db.sequelize, t.districts, 'submitted');
      const refused = await post('manager', `/api/v1/licences/${made.licenceId}/issue`, { note: 'ok' });
      assert.equal(refused.status, 409);
      assert.equal(refused.body.error.code, 'conflict');
      assert.equal((await post('officer', `/api/v1/licences/${made.licenceId}/fee-notice`)).status, 403);
      const approved = await post('manager', `/api/v1/licences/${made.licenceId}/fee-notice`);
      assert.equal(approved.status, 201);
      assert.equal((await post('manager', `/api/v1/licences/${made.licenceId}/issue`, { note: 'ok' })).status, 409);
      const pay = await post('officer', `/api/v1/fee-notices/${approved.body.data.id}/payments`, {
        amountVnd: approved.body.data.totalVnd,
        paidOn: '2026-07-02',
        reference: 'UNC 9',
      });
      assert.equal(pay.status, 201);
      assert.equal((await post('manager', `/api/v1/licences/${made.licenceId}/issue`, { note: 'ok' })).status, 200);
      assert.equal((await noticesOf(made.licenceId)).length, 1);
    });
  });

  describe('documents and lists', () => {
    it('when the PDF notice is asked for, then it is a PDF with Be Vietnam Pro embedded', async () => {
      at('2026-07-02');
      const made = await makeLicenceIn(t.db.sequelize, t.districts, 'issued');
      const [n] = (await noticesOf(made.licenceId)) as [FeeNotice];
      const res = await get('officer', `/fee-notices/${n.id}/notice.pdf`)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      assert.equal(res.status, 200);
      assert.match(String(res.headers['content-type']), /application\/pdf/);
      const body = res.body as Buffer;
      assert.equal(body.subarray(0, 5).toString(), '%PDF-');
      assert.match(body.toString('latin1'), /BeVietnamPro/);
    });

    it('when the pages are opened, then forms render and a refused payment keeps what was typed', async () => {
      for (const url of ['/admin/fees/rows/new', '/admin/fees/exemptions/new', '/admin/fees'])
        assert.equal((await get('admin', url)).status, 200, url);
      assert.equal((await get('officer', '/admin/fees/rows/new')).status, 403);
      at('2026-07-02');
      const made = await makeLicenceIn(t.db.sequelize, t.districts, 'issued');
      const [n] = (await noticesOf(made.licenceId)) as [FeeNotice];
      const page = await get('officer', `/fee-notices/${n.id}`);
      assert.equal(page.status, 200);
      assert.match(page.text, /action="\/fee-notices\/\d+\/payments"/);
      assert.doesNotMatch(page.text, /\/waive"/, 'officers do not waive');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] as string;
      const res = await as.officer.agent.post(`/fee-notices/${n.id}/payments`).type('form').send({
        _csrf: csrf,
        version: n.version,
        amountVnd: '9.999.999',
        paidOn: '2026-07-02',
        reference: 'Ủy nhiệm chi 7',
      });
      assert.equal(res.status, 422);
      assert.match(res.text, /value="9.999.999"/);
      assert.match(res.text, /value="Ủy nhiệm chi 7"/);
      assert.equal(await FeePayment.count({ where: { noticeId: n.id } }), 0);
    });

    it('when /fees is filtered and exported, then the list, the CSV and the figures agree', async () => {
      const page = await get('officer', '/fees?status=paid');
      assert.equal(page.status, 200);
      assert.match(page.text, /TBP-2026-/);
      const csv = await get('officer', '/fees.csv?status=paid');
      assert.equal(csv.status, 200);
      assert.match(String(csv.headers['content-type']), /text\/csv/);
      const lines = csv.text.trim().split('\n');
      const paid = await FeeNotice.count({ where: { status: 'paid' } });
      assert.equal(lines.length, paid + 1);
      assert.ok(lines.slice(1).every((l) => l.includes(',paid,')));
      const dash = await get('manager', '/dashboard');
      assert.equal(dash.status, 200);
      assert.match(dash.text, /fee-figures-h/);
    });
  });
});
