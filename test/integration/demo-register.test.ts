import assert from 'node:assert/strict';
import { seedDemoRegister, type DemoRegisterCounts } from '../../server/db/seeds/demo-register';
import { Assignment } from '../../server/models/Assignment';
import { AuditEvent } from '../../server/models/AuditEvent';
import { Licence, LICENCE_STATUSES } from '../../server/models/Licence';
import { Licensee } from '../../server/models/Licensee';
import { Station } from '../../server/models/Station';
import { todayIso } from '../../server/lib/dates';
import { addDays } from '../../server/lib/dates';
import { makeTestApp, type TestApp } from '../helpers/app';

const PREFIX = 'DLK';

interface Snapshot {
  licenseeNames: string[];
  frequencies: number[];
  statuses: string[];
}

async function snapshot(): Promise<Snapshot> {
  const licensees = await Licensee.findAll({ order: [['id', 'ASC']] });
  const assignments = await Assignment.findAll({ order: [['id', 'ASC']] });
  const licences = await Licence.findAll({ order: [['id', 'ASC']] });
  return {
    licenseeNames: licensees.map((l) => l.name),
    frequencies: assignments.map((a) => Number(a.frequencyHz)),
    statuses: licences.map((l) => l.status),
  };
}

async function tableCounts(): Promise<DemoRegisterCounts & { audit: number }> {
  return {
    licensees: await Licensee.count(),
    licences: await Licence.count(),
    stations: await Station.count(),
    assignments: await Assignment.count(),
    audit: await AuditEvent.count(),
  };
}

describe('demo register seed', function () {
  this.timeout(240_000);
  let first: Snapshot | null = null;

  describe('on a fresh database with the demo users', () => {
    let t: TestApp;
    let result: DemoRegisterCounts | null;

    before(async () => {
      t = await makeTestApp();
      result = await seedDemoRegister(t.db.sequelize, t.districts, { licencePrefix: PREFIX });
      first = await snapshot();
    });
    after(async () => {
      await t.close();
    });

    it(
      'when the register is seeded, ' + 'then the counts returned match the tables and fall in the target ranges',
      async () => {
        assert.ok(result, 'the first call seeds');
        const c = await tableCounts();
        assert.deepEqual(
          { licensees: c.licensees, licences: c.licences, stations: c.stations, assignments: c.assignments },
          result,
        );
        assert.ok(c.licensees >= 35 && c.licensees <= 45, `licensees ${c.licensees}`);
        assert.ok(c.licences >= 100 && c.licences <= 140, `licences ${c.licences}`);
        assert.ok(c.stations >= 250 && c.stations <= 350, `stations ${c.stations}`);
        assert.ok(c.assignments >= 400 && c.assignments <= 600, `assignments ${c.assignments}`);
      },
    );

    it(
      'when the register is seeded, ' + 'then licences exist in every one of the seven states, most of them issued',
      async () => {
        const byStatus = new Map<string, number>();
        for (const l of await Licence.findAll({ attributes: ['status'] }))
          byStatus.set(l.status, (byStatus.get(l.status) ?? 0) + 1);
        for (const s of LICENCE_STATUSES) assert.ok((byStatus.get(s) ?? 0) > 0, `no ${s} licence`);
        const issued = byStatus.get('issued') ?? 0;
        for (const [s, n] of byStatus)
          if (s !== 'issued') assert.ok(issued > n, `issued (${issued}) outnumbers ${s} (${n})`);
      },
    );

    it('when the register is seeded, then every district 643–657 has stations', async () => {
      const codes = new Set((await Station.findAll({ attributes: ['districtCode'] })).map((s) => s.districtCode));
      for (let c = 643; c <= 657; c++) assert.ok(codes.has(String(c)), `no station in district ${c}`);
    });

    it(
      'when the register is seeded, ' +
        'then some issued licences expire within 90 days of today and expired ones lie in the past',
      async () => {
        const today = todayIso();
        const issued = await Licence.findAll({ where: { status: 'issued' } });
        const soon = issued.filter((l) => l.validTo >= today && l.validTo <= addDays(today, 90));
        assert.ok(soon.length >= 1, 'an issued licence expires within 90 days');
        assert.ok(
          issued.every((l) => l.validTo >= today),
          'no issued licence is past its validTo',
        );
        const expired = await Licence.findAll({ where: { status: 'expired' } });
        assert.ok(
          expired.every((l) => l.validTo < today && l.number !== null),
          'expired licences were issued and ended in the past',
        );
      },
    );

    it(
      'when the register is seeded, ' +
        'then most transmitters pass the band-plan check and a few carry warnings, all acknowledged on issue',
      async () => {
        const tx = await Assignment.findAll({
          where: { direction: 'tx' },
          include: [{ model: Station, as: 'station', attributes: ['id', 'licenceId'] }],
        });
        const warn = tx.filter((a) => a.bandPlanCheck?.status === 'warning');
        const ok = tx.filter((a) => a.bandPlanCheck?.status === 'ok');
        assert.equal(warn.length + ok.length, tx.length, 'every TX assignment was checked');
        assert.ok(warn.length >= 5, `warnings: ${warn.length}`);
        assert.ok(ok.length >= 0.85 * tx.length, `ok: ${ok.length} of ${tx.length}`);
        assert.ok(
          new Set(warn.flatMap((a) => a.bandPlanCheck?.reasons ?? [])).size >= 2,
          'more than one kind of warning',
        );
        const licenceIds = [...new Set(warn.map((a) => a.station?.licenceId as number))];
        for (const l of await Licence.findAll({ where: { id: licenceIds } })) {
          if (l.number === null) continue;
          assert.ok(
            l.warningsAcknowledgedById && l.warningsNote && l.warningsNote.length > 20,
            `licence ${l.number} acknowledged with a note`,
          );
        }
      },
    );

    it(
      'when the register is seeded, ' +
        'then issued licence numbers are unique, DLK-YYYY-NNNNN, and nobody issued what they drafted',
      async () => {
        const numbered = await Licence.findAll({ where: { status: ['issued', 'suspended', 'revoked', 'expired'] } });
        const numbers = numbered.map((l) => l.number);
        for (const n of numbers) assert.match(String(n), /^DLK-\d{4}-\d{5}$/);
        assert.equal(new Set(numbers).size, numbers.length);
        for (const l of numbered) assert.notEqual(l.issuedById, l.draftedById, `licence ${l.number}`);
        const unnumbered = await Licence.count({ where: { status: ['draft', 'submitted', 'rejected'], number: null } });
        assert.equal(unnumbered, await Licence.count({ where: { status: ['draft', 'submitted', 'rejected'] } }));
      },
    );

    it(
      'when the register is seeded, ' + 'then every licensee, licence, station and assignment has an audit trail',
      async () => {
        const idsOf: Record<string, () => Promise<{ id: number }[]>> = {
          licensee: () => Licensee.findAll({ attributes: ['id'] }),
          licence: () => Licence.findAll({ attributes: ['id'] }),
          station: () => Station.findAll({ attributes: ['id'] }),
          assignment: () => Assignment.findAll({ attributes: ['id'] }),
        };
        for (const [entity, find] of Object.entries(idsOf)) {
          const ids = (await find()).map((r) => String(r.id));
          const audited = new Set(
            (await AuditEvent.findAll({ where: { entity, action: 'create' }, attributes: ['entityId'] })).map(
              (e) => e.entityId,
            ),
          );
          const distinct = await AuditEvent.count({ where: { entity }, distinct: true, col: 'entityId' });
          assert.equal(distinct, ids.length, `${entity}: distinct audited ids vs rows`);
          for (const id of ids) assert.ok(audited.has(id), `${entity} ${id} has a create event`);
        }
        const lifecycle = await AuditEvent.findAll({
          where: { entity: 'licence', action: ['submit', 'issue', 'reject', 'suspend', 'revoke', 'expire'] },
          attributes: ['action'],
        });
        assert.deepEqual(
          new Set(lifecycle.map((e) => e.action)),
          new Set(['submit', 'issue', 'reject', 'suspend', 'revoke', 'expire']),
        );
      },
    );

    it(
      'when the seed runs again on a register that has licensees, ' + 'then it returns null and changes nothing',
      async () => {
        const before = await tableCounts();
        assert.equal(await seedDemoRegister(t.db.sequelize, t.districts, { licencePrefix: PREFIX }), null);
        assert.deepEqual(await tableCounts(), before);
      },
    );
  });

  describe('on a second fresh database', () => {
    it(
      'when the register is seeded on two fresh apps, ' +
        'then licensee names, assignment frequencies and states are identical (deterministic)',
      async () => {
        const runOnce = async (): Promise<Snapshot> => {
          const t = await makeTestApp();
          try {
            await seedDemoRegister(t.db.sequelize, t.districts, { licencePrefix: PREFIX });
            return await snapshot();
          } finally {
            await t.close();
          }
        };
        const a = first ?? (await runOnce());
        const b = await runOnce();
        assert.ok(a.frequencies.length > 0);
        assert.deepEqual(b.licenseeNames, a.licenseeNames);
        assert.deepEqual(b.frequencies, a.frequencies);
        assert.deepEqual(b.statuses, a.statuses);
      },
    );
  });
});
