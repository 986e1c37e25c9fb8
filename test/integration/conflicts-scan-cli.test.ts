/**
 * `npm run conflicts:scan -- --csv REG.csv` on a small mixed register (issue 18, item 5): per-row services,
 * a directional antenna, a designator that sets the occupied width, ERP from the transmitter, rows that
 * cannot be used. The command runs as a child process; its PAIRS.csv is compared with the engine run on
 * the same assignments built here straight from geo (footprints, designator, power), not through the
 * server's mapping the command uses. No database.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { naiveScan, type ConflictFinding, type FootprintSource, type ScanAssignment } from '../../geo/conflicts';
import { occupiedRangeHz } from '../../geo/bandplan/check';
import { coverageFootprint, type TxSite } from '../../geo/coverage/footprint';
import { parseEmissionDesignator } from '../../geo/emission/designator';
import { erpW } from '../../geo/power';
import { SERVICE_SEEDS } from '../../server/db/seeds/reference-data';
import type { Environment } from '../../server/models/Service';

const ROOT = path.resolve(__dirname, '../..');

interface Figures {
  protectedFieldDbuv: number;
  receiverHeightM: number;
  environment: Environment;
  coChannelPrDb: number;
  adjacentPrDb: number;
  adjacentGuardHz: number | null;
  propagationModel?: 'hata' | 'p1546';
}
/** The service's propagation model (SPEC §4.2), when it names one; absent = Hata. */
const modelOf = (s: Figures) => (s.propagationModel ? { propagationModel: s.propagationModel } : {});
const SEEDED = new Map<string, Figures>(SERVICE_SEEDS.map((s) => [s.code, s]));

/** One usable row, as the test means it (the CSV below is written from these). */
interface Row {
  ref: string;
  service: string;
  lat: number;
  lon: number;
  frequencyHz: number;
  bandwidthHz: number | null;
  designator: string | null;
  erpW: number;
  heightM: number;
  azimuthDeg: number | null;
  beamwidthDeg: number | null;
}

const HEADER =
  'externalRef,service,latitude,longitude,frequencyHz,frequencyMhz,bandwidthHz,emissionDesignator,erpW,' +
  'txPowerW,antennaGainDbi,feederLossDb,antennaHeightM,azimuthDeg,beamwidthDeg,notes';

// FM-A and FM-B: adjacent FM channels 63 km apart, 300 W at 30 m. FM-B beams east, away from FM-A: with
// both omni each would reach the other's coverage (interference contour); with FM-B's pattern neither does.
// FM-C: ERP from the transmitter (500 W, 5 dBi, 1 dB feeder), frequency in MHz.
// LM-1 and LM-3: co-channel land mobile 45.6 km apart: land mobile footprints (20 dBµV/m at 1.5 m) overlap,
// FM figures (54 dBµV/m at 10 m) would not. LM-2: width from its designator only (8K50F3E, 8.5 kHz):
// adjacent to LM-1, where a 12.5 kHz channel would overlap it. LM-4: a 25 kHz designator on a 12.5 kHz
// channel: 25 kHz wide, so it overlaps LM-2 (co-channel), which its 12.5 kHz channel would not.
const CSV_LINES = [
  HEADER,
  'FM-A,fm_broadcast,12.0,108.0,100000000,,200000,,300,,,,30,,,',
  'FM-B,fm_broadcast,12.0,108.5785,100200000,,200 kHz,180KF3EHN,300,,,,30,90,60,',
  'FM-C,fm_broadcast,12.1,107.8,,100,200000,,,500,5,1,45,,,from the transmitter',
  'LM-1,land_mobile,12.5,108.0,160000000,,12500,,50,,,,30,,,',
  'LM-2,land_mobile,12.5,108.05,,160.011,,8K50F3E,50,,,,30,,,designator only',
  'LM-3,land_mobile,12.5,108.42,160000000,,12500,,50,,,,30,,,',
  'LM-4,land_mobile,12.5,108.1,160025000,,12500,25K0F3E,50,,,,30,,,designator wider than the channel',
  'BAD-LAT,fm_broadcast,95,108.0,100000000,,200000,,300,,,,30,,,', // line 9
  'BAD-SVC,cable_tv,12.0,108.0,100000000,,200000,,300,,,,30,,,', // line 10
  'BAD-WIDTH,land_mobile,12.0,108.0,160000000,,,,50,,,,30,,,', // line 11
  'BAD-DES,land_mobile,12.0,108.0,160000000,,12500,16K0Z3E,50,,,-5,30,,,', // line 12 (feederLossDb ignored: erpW given)
  'FM-A,fm_broadcast,12.0,108.0,100000000,,200000,,300,,,,30,,,', // line 13: a second FM-A
];

const ROWS: Row[] = [
  row('FM-A', 'fm_broadcast', 12.0, 108.0, 100_000_000, 200_000, null, 300, 30),
  { ...row('FM-B', 'fm_broadcast', 12.0, 108.5785, 100_200_000, 200_000, '180KF3EHN', 300, 30), azimuthDeg: 90 },
  row('FM-C', 'fm_broadcast', 12.1, 107.8, 100_000_000, 200_000, null, Math.round(erpW(500, 5, 1) * 1000) / 1000, 45),
  row('LM-1', 'land_mobile', 12.5, 108.0, 160_000_000, 12_500, null, 50, 30),
  row('LM-2', 'land_mobile', 12.5, 108.05, 160_011_000, null, '8K50F3E', 50, 30),
  row('LM-3', 'land_mobile', 12.5, 108.42, 160_000_000, 12_500, null, 50, 30),
  row('LM-4', 'land_mobile', 12.5, 108.1, 160_025_000, 12_500, '25K0F3E', 50, 30),
];
(ROWS[1] as Row).beamwidthDeg = 60;

function row(
  ref: string,
  service: string,
  lat: number,
  lon: number,
  frequencyHz: number,
  bandwidthHz: number | null,
  designator: string | null,
  erp: number,
  heightM: number,
): Row {
  return {
    ref,
    service,
    lat,
    lon,
    frequencyHz,
    bandwidthHz,
    designator,
    erpW: erp,
    heightM,
    azimuthDeg: null,
    beamwidthDeg: null,
  };
}

const codeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The engine on `rows`, built here from geo: SPEC §4.3 footprints, §2 occupied ranges, §4.5 pairs. */
function expectedPairs(rows: Row[], services: Map<string, Figures>): string[][] {
  const site = (r: Row): TxSite => ({
    latDeg: r.lat,
    lonDeg: r.lon,
    antennaHeightM: r.heightM,
    erpW: r.erpW,
    azimuthDeg: r.azimuthDeg,
    beamwidthDeg: r.beamwidthDeg,
    frequencyHz: r.frequencyHz,
  });
  const byId = new Map<number, Row>();
  const items: ScanAssignment[] = rows.map((r, i) => {
    const s = services.get(r.service) as Figures;
    const decoded = r.designator ? parseEmissionDesignator(r.designator, { requireClass: true }) : null;
    if (decoded && !decoded.ok) throw new Error(r.designator ?? '');
    const necessary = decoded?.ok ? decoded.value.necessaryBandwidthHz : null;
    const occ = occupiedRangeHz(r.frequencyHz, r.bandwidthHz ?? 0, necessary);
    const fp = coverageFootprint(site(r), {
      thresholdDbuvM: s.protectedFieldDbuv,
      receiverHeightM: s.receiverHeightM,
      environment: s.environment,
      ...modelOf(s),
    });
    byId.set(i + 1, r);
    return {
      id: i + 1,
      licenseeId: null,
      service: r.service,
      occupiedLowHz: occ.lowHz,
      occupiedHighHz: occ.highHz,
      protectedFieldDbuvM: s.protectedFieldDbuv,
      coChannelPrDb: s.coChannelPrDb,
      adjacentPrDb: s.adjacentPrDb,
      adjacentGuardHz: s.adjacentGuardHz,
      footprint: fp.polygon,
      bboxDeg: fp.bboxDeg,
    };
  });
  const src: FootprintSource = {
    contourAt(b, thresholdDbuvM) {
      const r = byId.get(b.id) as Row;
      const s = services.get(r.service) as Figures;
      const fp = coverageFootprint(site(r), {
        thresholdDbuvM,
        receiverHeightM: s.receiverHeightM,
        environment: s.environment,
        ...modelOf(s),
      });
      return { polygon: fp.polygon, bboxDeg: fp.bboxDeg };
    },
  };
  const ref = (id: number) => (byId.get(id) as Row).ref;
  return naiveScan(items, src)
    .map((f: ConflictFinding) => [
      ref(f.victimId),
      ref(f.interfererId),
      f.kind,
      f.mechanism,
      String(f.overlapKm2),
      String(f.overlapFraction),
      f.severity,
    ])
    .sort((a, b) => codeUnits(a[0] as string, b[0] as string) || codeUnits(a[1] as string, b[1] as string));
}

function run(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/conflicts-scan.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C.UTF-8' },
  });
}

const readPairs = (file: string) => parse(readFileSync(file), { columns: true }) as Record<string, string>[];

/** Rows equal to the expected ones: refs, kind, mechanism, severity exactly; areas to 1e-9 relative. */
function assertSamePairs(got: Record<string, string>[], want: string[][]): void {
  assert.deepEqual(
    got.map((p) => [p.victimRef, p.interfererRef, p.kind, p.mechanism, p.severity].join(' ')),
    want.map((w) => [w[0], w[1], w[2], w[3], w[6]].join(' ')),
  );
  got.forEach((p, i) => {
    const w = want[i] as string[];
    for (const [k, j] of [
      ['overlapKm2', 4],
      ['fraction', 5],
    ] as const) {
      const a = Number(p[k]);
      const b = Number(w[j]);
      assert.ok(Math.abs(a - b) <= 1e-9 * Math.abs(b), `${p.victimRef}→${p.interfererRef} ${k} ${a} vs ${b}`);
    }
  });
}

const pairKeys = (pairs: string[][] | Record<string, string>[]) =>
  pairs.map((p) => (Array.isArray(p) ? `${p[0]}→${p[1]}` : `${p.victimRef}→${p.interfererRef}`));

describe('npm run conflicts:scan -- --csv REG.csv (a foreign register)', function () {
  this.timeout(120_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'tanso-scan-cli-'));
  const reg = path.join(dir, 'register.csv');
  writeFileSync(reg, `\uFEFF${CSV_LINES.join('\n')}\n`);
  after(() => rmSync(dir, { recursive: true, force: true }));

  it(
    'when a mixed register with unusable rows is scanned, then each bad row is reported with line, column and ' +
      'reason and skipped, the exit code is 2, and PAIRS.csv holds exactly the engine pairs of the usable rows',
    () => {
      const out = path.join(dir, 'pairs.csv');
      const r = run(['--csv', reg, '--out', out, '--threads', '2']);
      assert.equal(r.status, 2, r.stderr);
      const lines = r.stderr.split('\n');
      const has = (s: string) => assert.ok(lines.includes(`${reg}: ${s}`), `stderr lacks "${s}":\n${r.stderr}`);
      has('columns ignored: notes');
      has('line 9, column 3 (latitude): Enter a latitude between −90 and 90.');
      has(
        'line 10, column 2 (service): unknown service "cable_tv" (known: fm_broadcast, tv_broadcast, land_mobile, ' +
          'fixed_link, amateur, loudspeaker, maritime, aeronautical, other)',
      );
      has('line 11, column 7 (bandwidthHz): enter bandwidthHz or an emissionDesignator (or both)');
      has(
        'line 12, column 8 (emissionDesignator): ' +
          'The 5th character "Z" is not a modulation symbol (N A H R J B C F G D P K L M Q V W X).',
      );
      has('line 13, column 1 (externalRef): externalRef "FM-A" is already used on line 2');
      assert.match(
        r.stderr,
        new RegExp(
          ': rows 12 \\(7 scanned, 5 skipped\\), pairs \\d+, ' +
            'seconds \\d+\\.\\d\\d \\(footprints [\\d.]+, scan [\\d.]+\\), peak memory \\d+ MB',
        ),
      );

      const got = readPairs(out);
      assert.deepEqual(Object.keys(got[0] ?? {}), [
        'victimRef',
        'interfererRef',
        'kind',
        'mechanism',
        'overlapKm2',
        'fraction',
        'severity',
      ]);
      const want = expectedPairs(ROWS, SEEDED);
      assertSamePairs(got, want);
      for (const p of got)
        for (const k of ['overlapKm2', 'fraction'])
          assert.ok((p[k] as string).replace(/e.*$/, '').replace(/\D/g, '').replace(/^0+/, '').length >= 9, p[k]);

      const keys = pairKeys(got);
      // The per-row service: LM-1 and LM-3 are 45.6 km apart, and their land mobile footprints (20 dBµV/m at
      // 1.5 m) overlap: a high co-channel conflict, which scanning every row as FM (the old one-service scan)
      // does not find.
      const lm13 = (pairs: string[][]) => pairs.find((p) => p[0] === 'LM-1' && p[1] === 'LM-3');
      assert.deepEqual([lm13(want)?.[3], lm13(want)?.[6]], ['coverage_overlap', 'high']);
      const asFm = expectedPairs(
        ROWS.map((x) => (x.service === 'land_mobile' ? { ...x, service: 'fm_broadcast' } : x)),
        SEEDED,
      );
      assert.notEqual(lm13(asFm)?.[3], 'coverage_overlap', 'the conflict needs the land mobile figures');
      // The directional antenna: FM-B beams away from FM-A, so neither interferes with the other; both omni would.
      assert.ok(!keys.some((k) => /FM-A→FM-B|FM-B→FM-A/.test(k)), keys.join(' '));
      const omni = pairKeys(
        expectedPairs(
          ROWS.map((x) => ({ ...x, azimuthDeg: null, beamwidthDeg: null })),
          SEEDED,
        ),
      );
      assert.ok(omni.includes('FM-A→FM-B') && omni.includes('FM-B→FM-A'), omni.join(' '));
      // The designator: LM-2 is 8.5 kHz wide, adjacent to LM-1; as a 12.5 kHz channel it would be co-channel.
      const lm = got.find((p) => p.victimRef === 'LM-1' && p.interfererRef === 'LM-2');
      assert.equal(lm?.kind, 'adjacent_channel');
      const wide = expectedPairs(
        ROWS.map((x) => (x.ref === 'LM-2' ? { ...x, bandwidthHz: 12_500, designator: null } : x)),
        SEEDED,
      );
      assert.equal(wide.find((w) => w[0] === 'LM-1' && w[1] === 'LM-2')?.[2], 'co_channel');
      assert.equal(got.find((p) => p.victimRef === 'LM-2' && p.interfererRef === 'LM-4')?.kind, 'co_channel');
      const channel = expectedPairs(
        ROWS.map((x) => (x.ref === 'LM-4' ? { ...x, designator: null } : x)),
        SEEDED,
      );
      assert.equal(channel.find((w) => w[0] === 'LM-2' && w[1] === 'LM-4')?.[2], 'adjacent_channel');
      // ERP from the transmitter: FM-C takes part (co-channel with FM-A).
      assert.ok(keys.includes('FM-A→FM-C'), keys.join(' '));
    },
  );

  it('when SERVICES.json replaces the service table, then its figures are used (propagationModel accepted)', () => {
    const lm: Figures = { ...(SEEDED.get('land_mobile') as Figures), protectedFieldDbuv: 40 };
    const fm = SEEDED.get('fm_broadcast') as Figures;
    const pick = (s: Figures) => ({
      protectedFieldDbuv: s.protectedFieldDbuv,
      receiverHeightM: s.receiverHeightM,
      environment: s.environment,
      coChannelPrDb: s.coChannelPrDb,
      adjacentPrDb: s.adjacentPrDb,
      adjacentGuardHz: s.adjacentGuardHz,
      ...modelOf(s),
    });
    const servicesFile = path.join(dir, 'services.json');
    writeFileSync(
      servicesFile,
      JSON.stringify({ services: { fm_broadcast: pick(fm), land_mobile: { ...pick(lm), propagationModel: 'hata' } } }),
    );
    const good = path.join(dir, 'good.csv');
    writeFileSync(good, `${CSV_LINES.slice(0, 8).join('\n')}\n`);
    const out = path.join(dir, 'pairs-services.csv');
    const r = run(['--csv', good, '--services', servicesFile, '--out', out]);
    assert.equal(r.status, 0, r.stderr);
    const got = readPairs(out);
    const services = new Map<string, Figures>([
      ['fm_broadcast', fm],
      ['land_mobile', lm],
    ]);
    assertSamePairs(got, expectedPairs(ROWS, services));
    assert.ok(!pairKeys(got).includes('LM-1→LM-3'), 'a 40 dBµV/m land mobile footprint does not reach 45 km');

    // Without --out, PAIRS.csv goes to stdout; the summary stays on stderr.
    const toStdout = run(['--csv', good, '--services', servicesFile]);
    assert.equal(toStdout.status, 0, toStdout.stderr);
    assert.equal(toStdout.stdout, readFileSync(out, 'utf8'));
  });

  it('when SERVICES.json or a flag is wrong, then the command says what and where, and exits 1', () => {
    const bad = path.join(dir, 'bad-services.json');
    writeFileSync(
      bad,
      JSON.stringify({
        services: {
          land_mobile: { protectedFieldDbuv: 20, environment: 'jungle', coChannelPrDb: 8, adjacentPrDb: -60 },
        },
      }),
    );
    const r = run(['--csv', reg, '--services', bad]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /bad-services\.json: not a services file/);
    assert.match(r.stderr, /services\.land_mobile\.receiverHeightM: Enter a value\./);
    assert.match(r.stderr, /services\.land_mobile\.environment: Choose one of the listed values\./);
    assert.equal(r.stdout, '');

    const threads = run(['--csv', reg, '--threads', '0']);
    assert.equal(threads.status, 1);
    assert.match(threads.stderr, /--threads needs a whole number of at least 1/);

    const header = path.join(dir, 'no-service.csv');
    writeFileSync(header, 'externalRef,latitude,longitude,frequencyHz,bandwidthHz,erpW,antennaHeightM\n');
    const h = run(['--csv', header]);
    assert.equal(h.status, 1);
    assert.match(h.stderr, /the header lacks service/);
  });
});
