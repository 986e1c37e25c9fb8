import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import supertest from 'supertest';
import { SYSTEM_ACTOR } from '../../server/lib/actor';
import { Assignment } from '../../server/models/Assignment';
import { BandPlanEntry } from '../../server/models/BandPlanEntry';
import { Conflict } from '../../server/models/Conflict';
import { todayIso } from '../../server/lib/dates';
import { addDays } from '../../server/lib/dates';
import { createLicence, expireDueLicences, transition } from '../../server/modules/licences/licences.service';
import { createStation } from '../../server/modules/stations/stations.service';
import { loginAs, makeTestApp, type Agent, type TestApp } from '../helpers/app';
import { makeDraft, makeLicenceIn, userNamed, type Made } from '../helpers/factories';

/** Centres of two districts (SPEC §8): 643 Buôn Ma Thuột (the factories' default site) and 644 Buôn Hồ. */
const BUON_HO = { latitude: 12.849, longitude: 108.279 };

/** The links of one dashboard table on the page: href (unescaped) and the figure shown. */
function tableLinks(html: string, table: string): { href: string; figure: number }[] {
  const m = new RegExp(`<table[^>]*data-table="${table}"[^>]*>([\\s\\S]*?)</table>`).exec(html);
  assert.ok(m, `table ${table} on the page`);
  return [...(m[1] ?? '').matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((x) => ({
    href: (x[1] ?? '').replace(/&amp;/g, '&'),
    figure: Number((x[2] ?? '').replace(/[^\d]/g, '')),
  }));
}

function csv(text: string): string[][] {
  return parse(text, { bom: true });
}

describe('manager dashboard (/dashboard, its CSV tables and /api/v1/dashboard)', () => {
  let t: TestApp;
  let manager: Agent;
  const today = todayIso();
  let L1: Made, L2: Made, L3: Made, L4: Made, L6: Made;
  let noStationId = 0;

  before(async () => {
    t = await makeTestApp();
    const { sequelize } = t.db;
    const officer = await userNamed('officer');
    const manager_ = await userNamed('manager');
    const ctx = { sequelize, licencePrefix: 'DSH' };
    const setValidTo = (id: number, validTo: string) =>
      sequelize.query('UPDATE licences SET "validTo" = :validTo WHERE id = :id', { replacements: { id, validTo } });
    const setService = (id: number, service: string) =>
      sequelize.query('UPDATE licences SET service = :service WHERE id = :id', { replacements: { id, service } });
    const issue = async (m: Made) => {
      await transition(ctx, m.licenceId, 'submit', {}, officer, { ...SYSTEM_ACTOR, userId: officer.id });
      await transition(ctx, m.licenceId, 'issue', { note: 'ok', acknowledgeWarnings: true }, manager_, {
        ...SYSTEM_ACTOR,
        userId: manager_.id,
      });
      return m;
    };

    // Issued: L1 (643, ends in exactly 30 days), L2 (644, 31 days), L3 (643, FM, exactly 90 days),
    // L4 (644, UHF 450.0125 MHz, 91 days).
    L1 = await makeLicenceIn(sequelize, t.districts, 'issued', 'DSH');
    await setValidTo(L1.licenceId, addDays(today, 30));
    L2 = await issue(await makeDraft(sequelize, t.districts, BUON_HO));
    await setValidTo(L2.licenceId, addDays(today, 31));
    L3 = await makeLicenceIn(sequelize, t.districts, 'issued', 'DSH');
    await setValidTo(L3.licenceId, addDays(today, 90));
    await setService(L3.licenceId, 'fm_broadcast');
    L4 = await issue(await makeDraft(sequelize, t.districts, { ...BUON_HO, frequency: '450.0125 MHz' }));
    await setValidTo(L4.licenceId, addDays(today, 91));
    // Suspended, ending today (still valid today: counts within 30 days); a draft ending in 5 days does not count.
    const L5 = await makeLicenceIn(sequelize, t.districts, 'suspended', 'DSH');
    await setValidTo(L5.licenceId, today);
    L6 = await makeLicenceIn(sequelize, t.districts, 'draft');
    await setValidTo(L6.licenceId, addDays(today, 5));
    await makeLicenceIn(sequelize, t.districts, 'submitted');
    await makeLicenceIn(sequelize, t.districts, 'revoked', 'DSH');
    await makeLicenceIn(sequelize, t.districts, 'expired', 'DSH');
    await expireDueLicences(sequelize); // as the app does on its schedule: the licence past its validTo becomes expired
    await makeLicenceIn(sequelize, t.districts, 'rejected');
    // L11: a fixed-link draft with no station yet. L12: a draft with stations in 643 and 644.
    const licensee = L1.licenseeId;
    noStationId = (
      await createLicence(
        sequelize,
        {
          licenseeId: licensee,
          type: 'frequency_equipment',
          service: 'fixed_link',
          validFrom: '2026-01-01',
          validTo: '2030-12-31',
        },
        officer,
        { ...SYSTEM_ACTOR, userId: officer.id },
      )
    ).id;
    const L12 = await makeDraft(sequelize, t.districts);
    await createStation(
      sequelize,
      t.districts,
      {
        licenceId: L12.licenceId,
        name: 'Trạm Buôn Hồ',
        service: 'land_mobile',
        stationClass: 'FB',
        ...BUON_HO,
        antennaHeightM: 20,
        antennaGainDbi: 3,
        txPowerW: 10,
        feederLossDb: 1,
      },
      officer,
      { ...SYSTEM_ACTOR, userId: officer.id },
    );

    // Conflicts exactly as made here (the engine may have found some between the factories' neighbours).
    await Conflict.destroy({ where: {} });
    const [a1, a2, a3] = [L1.assignmentId, L2.assignmentId, L3.assignmentId];
    const conflict = (
      victim: number,
      interferer: number,
      kind: 'co_channel' | 'adjacent_channel' | 'intermodulation',
      severity: 'high' | 'medium' | 'low',
      status: 'open' | 'acknowledged' | 'resolved',
    ) =>
      Conflict.create({
        kind,
        mechanism: kind === 'intermodulation' ? 'two_tone' : 'coverage_overlap',
        victimAssignmentId: victim,
        interfererAssignmentId: interferer,
        // An intermodulation product 2·f(interferer) − f(second): the third of the three assignments.
        ...(kind === 'intermodulation'
          ? {
              secondInterfererAssignmentId: [a1, a2, a3].find((x) => x !== victim && x !== interferer) as number,
              intermod: {
                type: 'two_tone' as const,
                contributors: [],
                productHz: 0,
                productLowHz: 0,
                productHighHz: 0,
                overlapHz: 0,
              },
            }
          : {}),
        frequencyOffsetHz: 0,
        overlapKm2: 1,
        overlapFraction: 0.1,
        severity,
        status,
        sameLicensee: false,
        decidedById: null,
        decidedAt: null,
        note: null,
        geometry: null,
      });
    await conflict(a1, a2, 'co_channel', 'high', 'open');
    await conflict(a2, a1, 'co_channel', 'high', 'open');
    await conflict(a1, a3, 'adjacent_channel', 'medium', 'open');
    await conflict(a3, a1, 'adjacent_channel', 'low', 'open');
    await conflict(a2, a3, 'co_channel', 'high', 'acknowledged');
    await conflict(a3, a2, 'adjacent_channel', 'medium', 'resolved');
    // Intermodulation conflicts count with the others (one open, one acknowledged).
    await conflict(a3, a1, 'intermodulation', 'medium', 'open');
    await conflict(a2, a1, 'intermodulation', 'low', 'acknowledged');
    // Inspections (643, the first inspector's district): one completed at L1's station; one in progress
    // at L3's with three findings.
    const inspector = await loginAs(t.app, 'inspector');
    const ipost = async (url: string, body: object) => {
      const res = await inspector.agent.post(url).set('X-CSRF-Token', inspector.csrf).send(body);
      assert.ok(res.status === 200 || res.status === 201, `${url}: ${res.status} ${res.text.slice(0, 300)}`);
      return res.body.data as { id: number };
    };
    const done = await ipost('/api/v1/inspections', {
      type: 'routine',
      stationId: L1.stationId,
      clientKey: 'dashboard-1',
    });
    await ipost(`/api/v1/inspections/${done.id}/complete`, { outcome: 'compliant' });
    const open = await ipost('/api/v1/inspections', {
      type: 'routine',
      stationId: L3.stationId,
      clientKey: 'dashboard-2',
    });
    await ipost(`/api/v1/inspections/${open.id}/findings`, {
      category: 'other',
      severity: 'minor',
      description: 'Biển báo mờ',
    });
    const major = await ipost(`/api/v1/inspections/${open.id}/findings`, {
      category: 'excess_power',
      severity: 'major',
      description: 'Vượt công suất',
    });
    await ipost(`/api/v1/findings/${major.id}/require_action`, {
      requiredAction: 'Giảm công suất',
      dueDate: '2020-01-01',
    });
    await ipost(`/api/v1/inspections/${open.id}/findings`, {
      category: 'antenna_mismatch',
      severity: 'critical',
      description: 'Sai anten',
      dueDate: addDays(today, 10),
    });
    manager = (await loginAs(t.app, 'manager')).agent;
  });
  after(async () => {
    await t.close();
  });

  it('when a manager asks the API, then every figure counts exactly the register made here', async () => {
    const res = await manager.get('/api/v1/dashboard');
    assert.equal(res.status, 200);
    const d = res.body.data;
    assert.equal(d.today, today);
    assert.equal(d.licences.total, 12);
    assert.deepEqual(d.licences.byStatus, {
      draft: 3,
      submitted: 1,
      issued: 4,
      rejected: 1,
      suspended: 1,
      revoked: 1,
      expired: 1,
    });
    assert.deepEqual(d.licences.byService, {
      fm_broadcast: 1,
      tv_broadcast: 0,
      land_mobile: 10,
      fixed_link: 1,
      amateur: 0,
      loudspeaker: 0,
      maritime: 0,
      aeronautical: 0,
      other: 0,
    });
    assert.deepEqual(d.licences.byServiceStatus.land_mobile, {
      draft: 2,
      submitted: 1,
      issued: 3,
      rejected: 1,
      suspended: 1,
      revoked: 1,
      expired: 1,
    });
    assert.deepEqual(d.licences.byServiceStatus.fm_broadcast, {
      draft: 0,
      submitted: 0,
      issued: 1,
      rejected: 0,
      suspended: 0,
      revoked: 0,
      expired: 0,
    });
    assert.deepEqual(d.licences.byServiceStatus.fixed_link, {
      draft: 1,
      submitted: 0,
      issued: 0,
      rejected: 0,
      suspended: 0,
      revoked: 0,
      expired: 0,
    });
    assert.deepEqual(d.expiring, [
      { days: 30, count: 2 },
      { days: 60, count: 3 },
      { days: 90, count: 4 },
    ]);
    assert.deepEqual(d.conflicts.open, {
      high: { co_channel: 2, adjacent_channel: 0, intermodulation: 0 },
      medium: { co_channel: 0, adjacent_channel: 1, intermodulation: 1 },
      low: { co_channel: 0, adjacent_channel: 1, intermodulation: 0 },
    });
    assert.deepEqual(d.conflicts.bySeverity, { high: 2, medium: 2, low: 1 });
    assert.equal(d.conflicts.total, 5);
    // Each severity's row adds up to its total (every kind is counted).
    for (const s of ['high', 'medium', 'low'] as const)
      assert.equal(
        (Object.values(d.conflicts.open[s]) as number[]).reduce((a, b) => a + b, 0),
        d.conflicts.bySeverity[s],
      );
    assert.deepEqual(d.inspections.findings, {
      bySeverity: {
        minor: { open: 1, action_required: 0, overdue: 0 },
        major: { open: 0, action_required: 1, overdue: 1 },
        critical: { open: 1, action_required: 0, overdue: 0 },
      },
      total: { open: 2, action_required: 1, overdue: 1 },
    });
    const visits = d.inspections.districts as { code: string; done: number; due: number; overdue: number }[];
    assert.equal(visits.length, 15);
    assert.deepEqual(
      visits.filter((v) => v.done > 0).map((v) => [v.code, v.done]),
      [['643', 1]],
      'one inspection completed this year, in 643',
    );
    const dueList = await manager.get('/api/v1/inspections/due?pageSize=1');
    assert.equal(
      visits.reduce((sum, v) => sum + v.due + v.overdue, 0),
      dueList.body.total,
      'due and overdue add up to the due list',
    );

    // By district, issued licences (the default): 643 has L1 (land mobile) and L3 (FM); 644 has L2 and L4.
    assert.equal(d.districts.status, 'issued');
    const row = (code: string | null) => d.districts.rows.find((r: { code: string | null }) => r.code === code);
    assert.equal(d.districts.rows.length, 16, '15 districts and the "no station" row');
    assert.deepEqual(
      [row('643').byService.land_mobile, row('643').byService.fm_broadcast, row('643').total],
      [1, 1, 2],
    );
    assert.deepEqual([row('644').byService.land_mobile, row('644').total], [2, 2]);
    assert.equal(row('645').total, 0);
    assert.equal(row(null).total, 0);
    assert.deepEqual(
      [d.districts.byService.land_mobile, d.districts.byService.fm_broadcast, d.districts.total],
      [3, 1, 4],
    );
  });

  it(
    'when the district table is asked for drafts or all statuses, ' +
      'then a licence counts in each district of its stations and one with no station in its own row',
    async () => {
      const drafts = (await manager.get('/api/v1/dashboard?status=draft')).body.data.districts;
      const row = (
        rows: { code: string | null; total: number; byService: Record<string, number> }[],
        code: string | null,
      ) => rows.find((r) => r.code === code);
      assert.equal(drafts.status, 'draft');
      assert.equal(row(drafts.rows, '643')?.total, 2, 'L6 and L12');
      assert.equal(row(drafts.rows, '644')?.total, 1, 'L12');
      assert.deepEqual(
        [row(drafts.rows, null)?.total, row(drafts.rows, null)?.byService.fixed_link],
        [1, 1],
        'L11 has no station',
      );
      assert.equal(drafts.total, 3, 'three draft licences, though the district rows add up to 4');
      const all = (await manager.get('/api/v1/dashboard?status=all')).body.data.districts;
      assert.deepEqual(
        [
          row(all.rows, '643')?.byService.land_mobile,
          row(all.rows, '643')?.byService.fm_broadcast,
          row(all.rows, '644')?.total,
          row(all.rows, null)?.total,
          all.total,
        ],
        [8, 1, 3, 1, 12],
      );
      const bogus = (await manager.get('/api/v1/dashboard?status=nonsense')).body.data.districts;
      assert.equal(bogus.status, 'issued', 'an unknown status falls back to issued');
    },
  );

  it(
    'when band occupancy is counted, ' +
      'then each band-plan entry has the issued assignments overlapping it, and each frequency its assignments',
    async () => {
      const d = (await manager.get('/api/v1/dashboard')).body.data;
      const issued = [L1, L2, L3, L4].map((m) => (m as Made).assignmentId);
      const assignments = await Assignment.findAll({ where: { id: issued } });
      assert.equal(assignments.length, 4);
      const entries = await BandPlanEntry.findAll();
      assert.equal(d.bands.length, entries.length, 'every band-plan entry has a row');
      for (const e of entries) {
        const inBand = assignments.filter(
          (a) => Number(a.occupiedLowHz) < Number(e.highHz) && Number(a.occupiedHighHz) > Number(e.lowHz),
        );
        const got = d.bands.find((b: { id: number }) => b.id === e.id);
        assert.deepEqual([got.assignments, got.licences], [inBand.length, inBand.length], `${e.lowHz}–${e.highHz} Hz`);
      }
      const uhf = d.bands.find(
        (b: { lowHz: number; highHz: number; services: string[] }) =>
          b.lowHz <= 450_012_500 && b.highHz > 450_012_500 && b.services.includes('land_mobile'),
      );
      assert.equal(uhf.assignments, 1, 'L4 in the UHF land-mobile band');
      assert.deepEqual(
        d.bands.map((b: { lowHz: number }) => b.lowHz),
        [...d.bands.map((b: { lowHz: number }) => b.lowHz)].sort((x, y) => x - y),
        'ascending by frequency',
      );
      const freqs = assignments.map((a) => Number(a.frequencyHz)).sort((x, y) => x - y);
      assert.deepEqual(
        d.channels,
        freqs.map((f) => ({ frequencyHz: f, assignments: 1 })),
      );
    },
  );

  it(
    'when the manager opens the page, ' +
      'then every figure links to the list behind it and that list has exactly that many records',
    async () => {
      const page = await manager.get('/dashboard').set('Accept-Language', 'en');
      assert.equal(page.status, 200);
      assert.match(page.text, /src="\/vendor\/chartjs\/chart\.umd\.min\.js"/);
      assert.match(page.text, /src="\/js\/dashboard\.js"/);
      assert.equal((page.text.match(/<canvas data-chart="/g) ?? []).length, 9, 'nine charts');
      assert.ok(
        page.text.includes('href="/licences?status=issued&amp;service=fm_broadcast&amp;district=643">1</a>'),
        'the cross-table cell of L3',
      );
      assert.ok(page.text.includes('href="/licences?expiring=30">2</a>'));
      assert.ok(page.text.includes('href="/conflicts?status=open&amp;severity=high&amp;kind=co_channel">2</a>'));
      assert.ok(
        page.text.includes('href="/conflicts?status=open&amp;severity=medium&amp;kind=intermodulation">1</a>'),
        'intermodulation conflicts are counted',
      );
      let checked = 0;
      for (const table of ['status', 'service', 'district', 'expiring', 'conflicts', 'findings']) {
        const links = tableLinks(page.text, table);
        assert.ok(links.length > 0, table);
        for (const { href, figure } of links) {
          const list = await manager.get(`/api/v1${href}${href.includes('?') ? '&' : '?'}pageSize=1`);
          assert.equal(list.status, 200, href);
          assert.equal(list.body.total, figure, `${table}: ${href}`);
          checked += 1;
        }
      }
      // Band occupancy: the licences column is the total of its list (the assignments column links to the same list).
      for (const [i, link] of tableLinks(page.text, 'bands').entries()) {
        if (i % 2 === 0) continue;
        const list = await manager.get(`/api/v1${link.href}&pageSize=1`);
        assert.equal(list.body.total, link.figure, link.href);
        checked += 1;
      }
      assert.ok(checked > 250, `${checked} links followed`);
      // The "no station" row links to the new district=none filter, which the HTML list also applies.
      const none = await manager.get('/licences?status=draft&district=none');
      assert.equal(none.status, 200);
      assert.ok(none.text.includes(`/licences/${noStationId}"`));
      assert.ok(!none.text.includes(`/licences/${L6.licenceId}"`));
      assert.match(
        none.text,
        /<option value="none" selected>No station yet<\/option>/,
        'the list shows the filter it applies',
      );
    },
  );

  it(
    'when a table is exported, ' +
      'then the CSV starts with a UTF-8 BOM, has headers in the page language and the figures of the page',
    async () => {
      const en = await manager.get('/dashboard/status.csv').set('Accept-Language', 'en');
      assert.equal(en.status, 200);
      assert.match(String(en.headers['content-type']), /^text\/csv; charset=utf-8/);
      assert.match(
        String(en.headers['content-disposition']),
        new RegExp(`attachment; filename="?tanso-status-${today}\\.csv"?$`),
      );
      assert.equal(en.text.charCodeAt(0), 0xfeff, 'BOM');
      assert.deepEqual(csv(en.text), [
        ['Status', 'Licences'],
        ['Draft', '3'],
        ['Submitted', '1'],
        ['Issued', '4'],
        ['Rejected', '1'],
        ['Suspended', '1'],
        ['Revoked', '1'],
        ['Expired', '1'],
        ['Total', '12'],
      ]);

      const vi = await manager.get('/dashboard/status.csv').set('Accept-Language', 'vi');
      assert.equal(vi.text.charCodeAt(0), 0xfeff);
      assert.deepEqual(csv(vi.text)[0], ['Trạng thái', 'Giấy phép']);
      assert.deepEqual(csv(vi.text)[3], ['Đã cấp', '4']);

      const district = csv(
        (await manager.get('/dashboard/district.csv?status=draft').set('Accept-Language', 'vi')).text,
      );
      assert.deepEqual(district[0], [
        'Huyện',
        'Phát thanh FM',
        'Truyền hình',
        'Di động mặt đất',
        'Vi ba cố định',
        'Nghiệp dư',
        'Truyền thanh không dây',
        'Lưu động hàng hải',
        'Lưu động hàng không',
        'Khác',
        'Tổng',
      ]);
      assert.deepEqual(
        district.find((r) => r[0] === 'Buôn Ma Thuột (643)'),
        ['Buôn Ma Thuột (643)', '0', '0', '2', '0', '0', '0', '0', '0', '0', '2'],
      );
      assert.deepEqual(
        district.find((r) => r[0] === 'Chưa có đài'),
        ['Chưa có đài', '0', '0', '0', '1', '0', '0', '0', '0', '0', '1'],
      );
      assert.deepEqual(district.at(-1), ['Tất cả các huyện', '0', '0', '2', '1', '0', '0', '0', '0', '0', '3']);

      assert.deepEqual(csv((await manager.get('/dashboard/expiring.csv').set('Accept-Language', 'en')).text), [
        ['Window', 'Licences'],
        ['Within 30 days', '2'],
        ['Within 60 days', '3'],
        ['Within 90 days', '4'],
      ]);
      assert.deepEqual(csv((await manager.get('/dashboard/conflicts.csv').set('Accept-Language', 'en')).text), [
        ['Severity', 'Co-channel', 'Adjacent channel', 'Intermodulation', 'Total'],
        ['High', '2', '0', '0', '2'],
        ['Medium', '0', '1', '1', '2'],
        ['Low', '0', '1', '0', '1'],
        ['Total', '2', '2', '1', '5'],
      ]);
      const bands = csv((await manager.get('/dashboard/bands.csv').set('Accept-Language', 'en')).text);
      assert.deepEqual(bands[0], ['Band', 'Services allowed', 'Assignments', 'Licences']);
      assert.equal(bands.length, (await BandPlanEntry.count()) + 1);
      assert.ok(
        bands.some((r) => r[0] === '403 MHz – 470 MHz' && r[2] === '1' && r[3] === '1'),
        JSON.stringify(bands),
      );
      const channels = csv((await manager.get('/dashboard/channels.csv').set('Accept-Language', 'vi')).text);
      assert.deepEqual(channels[0], ['Tần số', 'Ấn định tần số']);
      assert.ok(
        channels.some((r) => r[0] === '450,0125 MHz' && r[1] === '1'),
        'frequencies written in the page language',
      );
      assert.deepEqual(csv((await manager.get('/dashboard/findings.csv').set('Accept-Language', 'vi')).text), [
        ['Mức độ', 'Chưa xử lý', 'Yêu cầu khắc phục', 'Quá hạn'],
        ['Nhẹ', '1', '0', '0'],
        ['Nghiêm trọng', '0', '1', '1'],
        ['Rất nghiêm trọng', '1', '0', '0'],
        ['Tổng', '2', '1', '1'],
      ]);
      const visits = csv((await manager.get('/dashboard/inspections.csv').set('Accept-Language', 'en')).text);
      assert.deepEqual(visits[0], ['District', 'Overdue', 'Due soon', 'Done this year']);
      assert.deepEqual(visits.find((r) => r[0] === 'Buôn Ma Thuột (643)')?.[3], '1');
      assert.equal((await manager.get('/dashboard/nothing.csv')).status, 404);
    },
  );

  it('when the page is read in Vietnamese, then its headings and table headers are Vietnamese', async () => {
    const vi = await manager.get('/dashboard').set('Accept-Language', 'vi');
    assert.match(vi.text, /<h1>Bảng điều khiển<\/h1>/);
    assert.match(vi.text, /<th scope="col">Trạng thái<\/th><th scope="col" class="num">Giấy phép<\/th>/);
    assert.match(vi.text, /Giấy phép theo huyện và nghiệp vụ/);
    const en = await manager.get('/dashboard').set('Accept-Language', 'en');
    assert.match(en.text, /<th scope="col">Status<\/th><th scope="col" class="num">Licences<\/th>/);
    assert.match(en.text, /Findings open and overdue/);
  });

  it(
    'when other roles ask, ' +
      'then officers and inspectors get 403, anonymous users sign in first, and admins read it',
    async () => {
      for (const username of ['officer', 'inspector']) {
        const { agent } = await loginAs(t.app, username);
        for (const path of ['/dashboard', '/dashboard/status.csv', '/api/v1/dashboard'])
          assert.equal((await agent.get(path)).status, 403, `${username} ${path}`);
        const home = await agent.get('/');
        assert.ok(!home.text.includes('href="/dashboard"'), `no dashboard link for ${username}`);
      }
      const anonymous = supertest(t.app);
      assert.equal((await anonymous.get('/api/v1/dashboard')).status, 401);
      const page = await anonymous.get('/dashboard');
      assert.equal(page.status, 303);
      assert.match(String(page.headers.location), /^\/login\?next=%2Fdashboard/);
      const admin = (await loginAs(t.app, 'admin')).agent;
      assert.equal((await admin.get('/dashboard')).status, 200);
      assert.equal((await admin.get('/api/v1/dashboard')).body.data.licences.total, 12);
    },
  );

  it('when a manager opens the home page, then the navigation and a card link to the dashboard', async () => {
    const home = await manager.get('/').set('Accept-Language', 'en');
    assert.match(home.text, /<li><a href="\/dashboard">Dashboard<\/a><\/li>/);
    assert.match(home.text, /<h2><a href="\/dashboard">Dashboard<\/a><\/h2>/);
    const dash = await manager.get('/dashboard').set('Accept-Language', 'en');
    assert.match(dash.text, /<a href="\/dashboard" aria-current="page">Dashboard<\/a>/);
  });
});
