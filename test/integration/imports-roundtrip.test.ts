/**
 * Round trip (issue 14 item 4): a register exported as CSV from the staff lists (`?format=csv`, headers equal
 * to the §2 field names) and imported into an empty database, with a saved mapping, is the same register.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { jobHandlers } from '../../server/jobs';
import { JobRunner } from '../../server/jobs/runner';
import { createLogger } from '../../server/lib/logger';
import { Assignment } from '../../server/models/Assignment';
import { Licence } from '../../server/models/Licence';
import { Licensee } from '../../server/models/Licensee';
import { Station } from '../../server/models/Station';
import { loginAs, makeTestApp, type Agent, type TestApp } from '../helpers/app';
import { assignmentRows, licenceRows, licenseeRows, stationRows, writeCsv, type Row } from '../helpers/import-files';

const KINDS = ['licensees', 'licences', 'stations', 'assignments'] as const;

async function register() {
  const licensees = await Licensee.findAll({ order: [['externalRef', 'ASC']] });
  const licences = await Licence.findAll({ order: [['externalRef', 'ASC']] });
  const stations = await Station.findAll({ order: [['externalRef', 'ASC']] });
  const assignments = await Assignment.findAll({ order: [['externalRef', 'ASC']] });
  const refOf = <T extends { id: number; externalRef: string | null }>(rows: T[]) =>
    new Map(rows.map((r) => [r.id, r.externalRef]));
  const [lRef, gRef, sRef] = [refOf(licensees), refOf(licences), refOf(stations)];
  return {
    licensees: licensees.map((l) => [l.externalRef, l.name, l.kind, l.taxCode, l.address]),
    licences: licences.map((l) => [
      l.externalRef,
      l.number,
      lRef.get(l.licenseeId),
      l.type,
      l.service,
      l.status,
      l.validFrom,
      l.validTo,
    ]),
    stations: stations.map((s) => [
      s.externalRef,
      gRef.get(s.licenceId),
      s.name,
      s.service,
      s.stationClass,
      s.latitude,
      s.longitude,
      s.districtCode,
      s.antennaHeightM,
      s.antennaGainDbi,
      s.txPowerW,
      s.feederLossDb,
      s.erpW,
    ]),
    assignments: assignments.map((a) => [
      a.externalRef,
      sRef.get(a.stationId),
      a.direction,
      Number(a.frequencyHz),
      Number(a.bandwidthHz),
      a.emissionDesignator,
      Number(a.occupiedLowHz),
      Number(a.occupiedHighHz),
    ]),
  };
}

describe('bulk import: round trip through the CSV exports', function () {
  this.timeout(300_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'tanso-roundtrip-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  const session = async (t: TestApp) => {
    const officer = await loginAs(t.app, 'officer');
    const runner = new JobRunner({
      sequelize: t.db.sequelize,
      handlers: jobHandlers(t.config),
      logger: createLogger('silent'),
    });
    const importFile = async (kind: string, file: string, extra: Record<string, string> = {}) => {
      let req = officer.agent.post('/api/v1/imports').set('X-CSRF-Token', officer.csrf).field('kind', kind);
      for (const [k, v] of Object.entries(extra)) req = req.field(k, v);
      const res = await req.attach('file', file);
      assert.equal(res.status, 201, res.text);
      assert.equal(res.body.data.counts.error, 0, `${kind}: ${JSON.stringify(res.body.data.errors.slice(0, 3))}`);
      const c = await officer.agent
        .post(`/api/v1/imports/${res.body.data.id}/commit`)
        .set('X-CSRF-Token', officer.csrf);
      assert.equal(c.status, 202);
      while (await runner.runOnce());
      return res.body.data;
    };
    return { officer, importFile };
  };

  it(
    'when stations and assignments are exported as CSV and imported into an empty database' +
      ', then the register is the same',
    async () => {
      const files: Record<string, string> = {};
      let before: Awaited<ReturnType<typeof register>>;
      const source = await makeTestApp();
      try {
        const { officer, importFile } = await session(source);
        const made: Record<string, Row[]> = {
          licensees: licenseeRows(4),
          licences: licenceRows(4),
          stations: stationRows(30, 4),
          assignments: assignmentRows(30),
        };
        for (const kind of KINDS) await importFile(kind, writeCsv(path.join(dir, `in-${kind}.csv`), made[kind] ?? []));
        before = await register();
        for (const kind of KINDS) {
          const res = await exportList(officer.agent, kind);
          files[kind] = path.join(dir, `out-${kind}.csv`);
          writeFileSync(files[kind], res);
        }
      } finally {
        await source.close();
      }
      const target = await makeTestApp();
      try {
        const { officer, importFile } = await session(target);
        const saved = await officer.agent
          .post('/api/v1/import-mappings')
          .set('X-CSRF-Token', officer.csrf)
          .send({ kind: 'stations', name: 'Tanso export', mapping: stationExportMapping });
        assert.equal(saved.status, 201, saved.text);
        for (const kind of KINDS)
          await importFile(kind, files[kind] ?? '', kind === 'stations' ? { mappingName: 'Tanso export' } : {});
        assert.deepEqual(await register(), before);
      } finally {
        await target.close();
      }
    },
  );
});

/** The mapping an export's stations file needs: its headers are the field names. */
const stationExportMapping = Object.fromEntries(
  [
    'externalRef',
    'licenceNumber',
    'name',
    'callsign',
    'service',
    'stationClass',
    'latitude',
    'longitude',
    'groundElevationM',
    'address',
    'antennaHeightM',
    'antennaGainDbi',
    'azimuthDeg',
    'beamwidthDeg',
    'polarization',
    'txPowerW',
    'feederLossDb',
    'equipmentModel',
    'farEndLatitude',
    'farEndLongitude',
  ].map((f) => [f, f]),
);

/** One list as the staff export gives it (every page, `?format=csv`). */
async function exportList(agent: Agent, kind: (typeof KINDS)[number]): Promise<string> {
  const res = await agent
    .get(`/api/v1/${kind}?format=csv`)
    .buffer(true)
    .parse((r, cb) => {
      let text = '';
      r.setEncoding('utf8');
      r.on('data', (c: string) => (text += c));
      r.on('end', () => cb(null, text));
    });
  assert.equal(res.status, 200, `${kind} export: ${res.status}`);
  assert.match(String(res.headers['content-type']), /csv/);
  return String(res.body);
}
