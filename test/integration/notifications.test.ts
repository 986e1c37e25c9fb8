/**
 * Reminders, notifications and the e-mail outbox (SPEC §11) on a real database with a controlled clock and a
 * local SMTP sink (smtp-server on 127.0.0.1): renewal leads 180/90/30 made once each, catch-up after
 * downtime, fee reminders, the bell and mark-read, e-mails received in Vietnamese with the English below,
 * and a refused e-mail retried with back-off, then marked failed.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { clock } from '../../server/lib/dates';
import { Licence } from '../../server/models/Licence';
import { Licensee } from '../../server/models/Licensee';
import { Notification, OutboxMessage, Reminder } from '../../server/models/notification-models';
import { User } from '../../server/models/User';
import { runFeesDaily } from '../../server/modules/fees/fees.service';
import { runReminders, sendOutbox } from '../../server/modules/notifications/notifications.service';
import { loginAs, makeTestApp, type Agent, type TestApp } from '../helpers/app';
import { makeLicenceIn } from '../helpers/factories';

const realNow = clock.now;
const at = (iso: string) => {
  clock.now = () => new Date(`${iso}T03:00:00Z`);
};

interface Received {
  from: string;
  to: string[];
  data: string;
}

/** A local SMTP sink: accepts (or refuses with 550) and keeps what it received. */
async function smtpSink(refuse = false): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (refuse) {
        const err = Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 });
        cb(err);
        return;
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString('utf8'),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The text of a MIME message, quoted-printable or base64 parts decoded. */
function decoded(raw: string): string {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  if (/content-transfer-encoding:\s*base64/i.test(head))
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/content-transfer-encoding:\s*quoted-printable/i.test(head))
    return Buffer.from(
      body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  return body;
}

describe('reminders, notifications and the outbox', () => {
  let t: TestApp;
  let officer: { agent: Agent; csrf: string };
  let manager: { agent: Agent; csrf: string };
  let licenceId = 0;
  before(async () => {
    t = await makeTestApp();
    officer = await loginAs(t.app, 'officer');
    manager = await loginAs(t.app, 'manager');
    at('2026-07-02');
    const made = await makeLicenceIn(t.db.sequelize, t.districts, 'issued');
    licenceId = made.licenceId;
    await Licensee.update({ email: 'lienhe@congty.vn' }, { where: { id: made.licenseeId } });
  });
  after(async () => {
    clock.now = realNow;
    await t.close();
  });
  afterEach(() => {
    clock.now = realNow;
  });
  const renewalKeys = async () =>
    (await Reminder.findAll({ where: { kind: 'renewal', entityId: licenceId }, order: [['id', 'ASC']] })).map(
      (r) => r.lead,
    );

  it('when run twice on the day of each lead, then each renewal reminder is made once', async () => {
    // validTo 2030-12-31: 180 days before is 2030-07-04.
    at('2030-07-03');
    await runReminders(t.db.sequelize);
    assert.deepEqual(await renewalKeys(), []);
    at('2030-07-04');
    const first = await runReminders(t.db.sequelize);
    const second = await runReminders(t.db.sequelize);
    assert.equal(first.renewal, 1);
    assert.equal(second.renewal, 0);
    assert.deepEqual(await renewalKeys(), [180]);
    const reminder = (await Reminder.findOne({ where: { kind: 'renewal', entityId: licenceId } })) as Reminder;
    const notes = await Notification.findAll({ where: { reminderId: reminder.id } });
    const l = (await Licence.findByPk(licenceId)) as Licence;
    const managers = await User.findAll({ where: { role: 'manager', active: true } });
    assert.deepEqual(
      notes.map((n) => n.userId).sort(),
      [...new Set([l.draftedById as number, ...managers.map((m) => m.id)])].sort(),
    );
    assert.equal(await OutboxMessage.count({ where: { reminderId: reminder.id } }), 1);
    at('2030-10-02');
    await runReminders(t.db.sequelize);
    await runReminders(t.db.sequelize);
    assert.deepEqual(await renewalKeys(), [180, 90]);
  });

  it('when the job was down past a lead, then only the most urgent open lead is sent', async () => {
    at('2030-12-20');
    await runReminders(t.db.sequelize);
    assert.deepEqual(await renewalKeys(), [180, 90, 30]);
  });

  it('when a fee notice is overdue, then one overdue reminder links to it', async () => {
    at('2030-12-20');
    await runFeesDaily(t.db.sequelize);
    await runReminders(t.db.sequelize);
    await runReminders(t.db.sequelize);
    const overdue = await Reminder.findAll({ where: { kind: 'fee_overdue' } });
    assert.ok(overdue.length >= 1);
    assert.equal(new Set(overdue.map((r) => r.uniqueKey)).size, overdue.length);
  });

  it('when staff open the bell, then the unread count, links to records and mark-read work', async () => {
    const page = await officer.agent.get('/licences');
    const count = Number(/data-unread>(\d+)</.exec(page.text)?.[1] ?? 0);
    assert.ok(count >= 2, `bell shows ${count}`);
    const list = await officer.agent.get('/api/v1/notifications');
    assert.equal(list.status, 200);
    assert.equal(list.body.unread, count);
    const first = list.body.data.find((n: { kind: string }) => n.kind === 'renewal');
    assert.equal(first.link, `/licences/${licenceId}`);
    const html = await officer.agent.get('/notifications');
    assert.match(html.text, /expires on 2030-12-31|hết hạn ngày 2030-12-31/);
    const read = await officer.agent
      .post(`/api/v1/notifications/${first.id}/read`)
      .set('X-CSRF-Token', officer.csrf)
      .send({});
    assert.equal(read.status, 200);
    assert.equal(read.body.data.read, true);
    assert.equal((await Notification.findByPk(first.id))?.readAt instanceof Date, true);
    // Someone else's notification is not found.
    const other = await manager.agent
      .post(`/api/v1/notifications/${first.id}/read`)
      .set('X-CSRF-Token', manager.csrf)
      .send({});
    assert.equal(other.status, 404);
    const after = await officer.agent.get('/api/v1/notifications?unread=1');
    assert.equal(after.body.total, count - 1);
  });

  it('when SMTP_URL points at the sink, then each e-mail is sent once, Vietnamese with English below', async () => {
    const sink = await smtpSink();
    try {
      at('2030-12-21');
      const queued = await OutboxMessage.count({ where: { status: 'queued' } });
      assert.ok(queued >= 3);
      const r = await sendOutbox({ smtpUrl: sink.url, from: 'tanso@so-tttt.example' });
      assert.equal(r.sent, queued);
      assert.equal(await OutboxMessage.count({ where: { status: 'sent' } }), queued);
      assert.equal((await sendOutbox({ smtpUrl: sink.url, from: 'tanso@so-tttt.example' })).sent, 0);
      assert.equal(sink.received.length, queued);
      const renewal = sink.received.map((m) => decoded(m.data)).find((d) => d.includes('Decree 88/2021'));
      assert.ok(renewal, 'the renewal e-mail arrived');
      assert.deepEqual(sink.received[0]?.to, ['lienhe@congty.vn']);
      const vi = renewal.indexOf('Giấy phép sử dụng tần số vô tuyến điện');
      const en = renewal.indexOf('Your radio-frequency licence');
      assert.ok(vi >= 0 && en > vi, 'Vietnamese first, English below');
      assert.match(sink.received[0]?.data ?? '', /^Subject: /m);
    } finally {
      await sink.close();
    }
  });

  it('when the sink refuses an e-mail, then it is retried with back-off, then marked failed', async () => {
    const sink = await smtpSink(true);
    try {
      at('2031-01-05');
      const m = await OutboxMessage.create({
        reminderId: null,
        to: 'tu-choi@congty.vn',
        subject: 'Thử / Test',
        text: 'Nội dung',
        status: 'queued',
        nextAttemptAt: clock.now(),
      });
      const send = () => sendOutbox({ smtpUrl: sink.url, from: 'tanso@localhost', baseDelayMs: 60_000 });
      assert.deepEqual(await send(), { sent: 0, retried: 1, failed: 0 });
      await m.reload();
      assert.equal(m.attempts, 1);
      assert.equal(m.status, 'queued');
      assert.equal(m.nextAttemptAt.getTime() - clock.now().getTime(), 60_000);
      assert.match(m.lastError ?? '', /550|Mailbox unavailable/);
      assert.deepEqual(await send(), { sent: 0, retried: 0, failed: 0 }, 'not before its time');
      clock.now = () => new Date(Date.parse('2031-01-05T03:01:00Z'));
      assert.deepEqual(await send(), { sent: 0, retried: 1, failed: 0 });
      await m.reload();
      assert.equal(m.nextAttemptAt.getTime() - clock.now().getTime(), 120_000, 'doubled');
      clock.now = () => new Date(Date.parse('2031-01-05T03:03:00Z'));
      assert.deepEqual(await send(), { sent: 0, retried: 0, failed: 1 });
      await m.reload();
      assert.equal(m.status, 'failed');
      assert.equal(m.attempts, 3);
      assert.equal(sink.received.length, 0);
    } finally {
      await sink.close();
    }
  });
});
