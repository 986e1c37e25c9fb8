import assert from 'node:assert/strict';
import { AuditEvent } from '../../server/models/AuditEvent';
import { BandPlanEntry } from '../../server/models/BandPlanEntry';
import { Service } from '../../server/models/Service';
import { User } from '../../server/models/User';
import { loginAs, makeTestApp, type Agent, type TestApp } from '../helpers/app';

const ROLES_USERS: Record<string, string> = {
  admin: 'admin',
  licensing_officer: 'officer',
  inspector: 'inspector',
  manager: 'manager',
};

describe('admin routes by role', () => {
  let t: TestApp;
  const agents: Record<string, { agent: Agent; csrf: string }> = {};
  before(async () => {
    t = await makeTestApp();
    for (const [role, username] of Object.entries(ROLES_USERS)) agents[role] = await loginAs(t.app, username);
  });
  after(async () => {
    await t.close();
  });

  const pages = [
    '/admin/users',
    '/admin/users/new',
    '/admin/users/1/edit',
    '/admin/audit',
    '/admin/services/fm_broadcast/edit',
    '/admin/band-plan/new',
    '/admin/band-plan/1/edit',
  ];
  const apiReads = ['/api/v1/users', '/api/v1/users/1', '/api/v1/users/1/history', '/api/v1/audit-events'];

  for (const [role] of Object.entries(ROLES_USERS)) {
    const allowed = role === 'admin';
    it(`when a ${role} opens each admin page and admin API read, then ${allowed ? '200' : '403'}`, async () => {
      const a = agents[role] as { agent: Agent };
      for (const p of pages) {
        const res = await a.agent.get(p).set('Accept', 'text/html');
        assert.equal(res.status, allowed ? 200 : 403, `${role} GET ${p}`);
        if (!allowed) assert.match(res.text, /You do not have permission/);
      }
      for (const p of apiReads) assert.equal((await a.agent.get(p)).status, allowed ? 200 : 403, `${role} GET ${p}`);
    });

    it(
      `when a ${role} posts each admin change, ` + `then ${allowed ? 'it is made' : '403 and no row changes'}`,
      async () => {
        const a = agents[role] as { agent: Agent; csrf: string };
        const users = await User.count();
        const bands = await BandPlanEntry.count();
        const fm = await Service.findOne({ where: { code: 'fm_broadcast' } });
        const username = `new-${role.replace('_', '-')}`;
        const r1 = await a.agent
          .post('/api/v1/users')
          .set('X-CSRF-Token', a.csrf)
          .send({ username, fullName: 'Người Mới', role: 'manager', password: 'long-enough-password' });
        const r2 = await a.agent
          .post('/api/v1/band-plan')
          .set('X-CSRF-Token', a.csrf)
          .send({
            lowHz: `${400 + Object.keys(ROLES_USERS).indexOf(role)} MHz`,
            highHz: `${400 + Object.keys(ROLES_USERS).indexOf(role)}.5 MHz`,
            services: ['other'],
          });
        const r3 = await a.agent
          .patch('/api/v1/services/fm_broadcast')
          .set('X-CSRF-Token', a.csrf)
          .send({ receiverHeightM: 9, version: fm?.version });
        const r4 = await a.agent
          .post('/admin/users')
          .type('form')
          .send({
            _csrf: a.csrf,
            username: `${username}-form`,
            fullName: 'Form',
            role: 'manager',
            password: 'long-enough-password',
          });
        if (allowed) {
          assert.deepEqual([r1.status, r2.status, r3.status, r4.status], [201, 201, 200, 303]);
          assert.equal(await User.count(), users + 2);
          assert.equal(await BandPlanEntry.count(), bands + 1);
        } else {
          assert.deepEqual([r1.status, r2.status, r3.status, r4.status], [403, 403, 403, 403]);
          assert.equal(await User.count(), users);
          assert.equal(await BandPlanEntry.count(), bands);
          assert.equal((await Service.findOne({ where: { code: 'fm_broadcast' } }))?.version, fm?.version);
        }
      },
    );
  }

  it('when any staff member reads reference data and districts, then 200', async () => {
    for (const role of Object.keys(ROLES_USERS)) {
      const a = agents[role] as { agent: Agent };
      for (const p of [
        '/services',
        '/band-plan',
        '/districts',
        '/api/v1/services',
        '/api/v1/band-plan',
        '/api/v1/districts',
        '/',
      ]) {
        assert.equal((await a.agent.get(p)).status, 200, `${role} GET ${p}`);
      }
    }
  });

  it('when an officer opens the navigation, then admin links are absent; an admin sees them', async () => {
    const officer = await (agents.licensing_officer as { agent: Agent }).agent.get('/');
    assert.doesNotMatch(officer.text, /href="\/admin\/users"/);
    const admin = await (agents.admin as { agent: Agent }).agent.get('/');
    assert.match(admin.text, /href="\/admin\/users"/);
  });
});

describe('user administration', () => {
  let t: TestApp;
  let admin: { agent: Agent; csrf: string };
  before(async () => {
    t = await makeTestApp();
    admin = await loginAs(t.app, 'admin');
  });
  after(async () => {
    await t.close();
  });

  it(
    'when an admin creates a user with a Vietnamese name, ' +
      'then it round-trips exactly (NFC) and an audit row is written',
    async () => {
      const decomposed = 'Nguyễn Thị Ánh'.normalize('NFD');
      const res = await admin.agent
        .post('/api/v1/users')
        .set('X-CSRF-Token', admin.csrf)
        .send({
          username: 'anh.nguyen',
          fullName: decomposed,
          role: 'inspector',
          districtCodes: ['643', '656'],
          password: 'mật-khẩu-dài-đủ',
        });
      assert.equal(res.status, 201);
      assert.equal(res.body.data.fullName, 'Nguyễn Thị Ánh'.normalize('NFC'));
      assert.deepEqual(res.body.data.districtCodes, ['643', '656']);
      const u = await User.findOne({ where: { username: 'anh.nguyen' } });
      assert.equal(u?.fullName, 'Nguyễn Thị Ánh'.normalize('NFC'));
      assert.notEqual(u?.passwordHash, 'mật-khẩu-dài-đủ');
      assert.match(String(u?.passwordHash), /^\$argon2id\$/);
      const ev = await AuditEvent.findOne({ where: { entity: 'user', entityId: String(u?.id), action: 'create' } });
      assert.equal(ev?.actorId, (await User.findOne({ where: { username: 'admin' } }))?.id);
      assert.equal(JSON.stringify(ev?.changes).includes('mật-khẩu'), false, 'no password in the audit trail');
      await loginAs(t.app, 'anh.nguyen', 'mật-khẩu-dài-đủ');
    },
  );

  it(
    'when the user form has bad input, ' + 'then 422 with a message per field and the typed values kept, and no row',
    async () => {
      const before = await User.count();
      const res = await admin.agent
        .post('/admin/users')
        .type('form')
        .send({
          _csrf: admin.csrf,
          username: 'X Y',
          fullName: '<script>alert(1)</script>',
          role: 'inspector',
          password: 'short',
          districtCodes: ['', '999'],
        });
      assert.equal(res.status, 422);
      assert.match(res.text, /href="#f-username"/);
      assert.match(res.text, /href="#f-password"/);
      assert.match(res.text, /Use 3–64 lower-case letters/);
      assert.match(res.text, /value="X Y"/);
      assert.match(res.text, /value="&lt;script&gt;alert\(1\)&lt;\/script&gt;"/, 'HTML is shown as text');
      assert.doesNotMatch(res.text, /<script>alert/);
      assert.equal(await User.count(), before);
      const json = await admin.agent
        .post('/api/v1/users')
        .set('X-CSRF-Token', admin.csrf)
        .send({
          username: 'ok.name',
          fullName: 'A',
          role: 'inspector',
          password: 'long-enough-password',
          districtCodes: ['999'],
        });
      assert.equal(json.status, 422);
      assert.match(json.body.error.fields.districtCodes, /Unknown district: 999/);
      const noDistrict = await admin.agent
        .post('/api/v1/users')
        .set('X-CSRF-Token', admin.csrf)
        .send({ username: 'ok.name', fullName: 'A', role: 'inspector', password: 'long-enough-password' });
      assert.equal(noDistrict.status, 422);
      assert.match(noDistrict.body.error.fields.districtCodes, /at least one district/);
      assert.equal(await User.count(), before);
    },
  );

  it('when validation fails for a Vietnamese-speaking admin, then the messages are in Vietnamese', async () => {
    const res = await admin.agent
      .post('/api/v1/users')
      .set('X-CSRF-Token', admin.csrf)
      .set('Accept-Language', 'vi-VN,vi;q=0.9')
      .send({ username: 'ab', fullName: '', role: 'boss', password: '' });
    assert.equal(res.status, 422);
    assert.equal(res.body.error.fields.fullName, 'Hãy nhập giá trị.');
    assert.equal(res.body.error.fields.role, 'Hãy chọn một trong các giá trị có sẵn.');
    assert.match(res.body.error.fields.username, /chữ thường/);
  });

  it('when a username is taken, then 422 on the username field', async () => {
    const res = await admin.agent
      .post('/api/v1/users')
      .set('X-CSRF-Token', admin.csrf)
      .send({ username: 'OFFICER', fullName: 'Dup', role: 'manager', password: 'long-enough-password' });
    assert.equal(res.status, 422);
    assert.match(res.body.error.fields.username, /already taken/);
  });

  it('when two admins edit the same user, then the stale edit gets 409 and is not saved', async () => {
    const u = await User.findOne({ where: { username: 'officer2' } });
    const v = u?.version;
    const first = await admin.agent
      .patch(`/api/v1/users/${u?.id}`)
      .set('X-CSRF-Token', admin.csrf)
      .send({ fullName: 'Lê Minh Đức (Trưởng nhóm)', version: v });
    assert.equal(first.status, 200);
    assert.equal(first.body.data.version, (v as number) + 1);
    const stale = await admin.agent
      .patch(`/api/v1/users/${u?.id}`)
      .set('X-CSRF-Token', admin.csrf)
      .send({ fullName: 'Overwritten', version: v });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.error.code, 'conflict');
    assert.equal((await User.findByPk(u?.id))?.fullName, 'Lê Minh Đức (Trưởng nhóm)');
    const page = await admin.agent
      .post(`/admin/users/${u?.id}`)
      .type('form')
      .send({ _csrf: admin.csrf, fullName: 'Typed by me', role: 'licensing_officer', districtCodes: '', version: v });
    assert.equal(page.status, 409);
    assert.match(page.text, /value="Typed by me"/, 'my input is kept');
    assert.match(
      page.text,
      /Saved meanwhile by someone else: Lê Minh Đức \(Trưởng nhóm\)/,
      'the other change is shown',
    );
  });

  it(
    'when an admin changes a role and districts and resets a password, ' +
      'then each change is audited with before and after',
    async () => {
      const u = await User.findOne({ where: { username: 'inspector2' } });
      const res = await admin.agent
        .patch(`/api/v1/users/${u?.id}`)
        .set('X-CSRF-Token', admin.csrf)
        .send({ districtCodes: ['651'], version: u?.version });
      assert.equal(res.status, 200);
      assert.deepEqual(res.body.data.districtCodes, ['651']);
      const ev = await AuditEvent.findOne({
        where: { entity: 'user', entityId: String(u?.id), action: 'update' },
        order: [['id', 'DESC']],
      });
      assert.deepEqual(ev?.changes.districtCodes, { before: ['644', '649', '650', '651', '652'], after: ['651'] });
      const reset = await admin.agent
        .post(`/api/v1/users/${u?.id}/password`)
        .set('X-CSRF-Token', admin.csrf)
        .send({ password: 'reset-password-123' });
      assert.equal(reset.status, 200);
      await loginAs(t.app, 'inspector2', 'reset-password-123');
      const hist = await admin.agent.get(`/api/v1/users/${u?.id}/history`);
      assert.ok((hist.body.data as { action: string }[]).some((e) => e.action === 'reset_password'));
    },
  );

  it('when an admin tries to deactivate their own account, then 403 and they stay active', async () => {
    const me = await User.findOne({ where: { username: 'admin' } });
    const res = await admin.agent.post(`/api/v1/users/${me?.id}/deactivate`).set('X-CSRF-Token', admin.csrf);
    assert.equal(res.status, 403);
    assert.equal((await User.findByPk(me?.id))?.active, true);
  });

  it('when the audit log is filtered by entity and action, then only matching rows are listed', async () => {
    const res = await admin.agent.get('/api/v1/audit-events?entity=user&action=create&pageSize=5');
    assert.equal(res.status, 200);
    assert.ok(res.body.total >= 8);
    assert.equal(res.body.pageSize, 5);
    assert.ok(
      (res.body.data as { entity: string; action: string }[]).every(
        (e) => e.entity === 'user' && e.action === 'create',
      ),
    );
    const page = await admin.agent.get('/admin/audit?entity=user&action=reset_password');
    assert.equal(page.status, 200);
    assert.match(page.text, /reset_password/);
    assert.doesNotMatch(page.text, />login_failed</);
  });
});
