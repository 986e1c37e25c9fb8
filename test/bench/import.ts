/**
 * Bulk import benchmark (issue 14 item 5): dry run and commit (with conflicts) of a province's register of N
 * stations (default 10 000) with two assignments each, on a fresh SQLite database (or
 * TEST_DATABASE_URL=postgres://…, whose public schema is emptied). Prints per phase: wall time, CPU time of this
 * process, peak RSS, and the load average; the commit split into its write phase (the one transaction) and its
 * conflicts phase (footprints and conflicts of the imported assignments). Targets: dry run < 20 s, commit with
 * conflicts < 120 s.
 *   tsx test/bench/import.ts [stations]
 * IMPORT_BENCH_FORM=register: the stations and their assignments in one file (the `register` record type)
 * instead of a stations file and an assignments file.
 *
 * The register is a province's (registerOf): sites over the whole of Đắk Lắk (every one inside a seeded
 * district), 60 % around the district towns (Buôn Ma Thuột the largest) and 40 % scattered, with the demo mix
 * of services (test/bench/synthetic.ts: land mobile VHF/UHF and LTE, wireless loudspeakers, FM, TV, fixed
 * links, amateur) and each station's two assignments as a real register holds them: a land-mobile base, an
 * amateur repeater and a fixed-link end transmit on one frequency and receive on its duplex pair; an FM or TV
 * site and a loudspeaker transmitter carry two programmes, both transmitting (about 12 500 transmitters in
 * 20 000 assignments).
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Sequelize } from 'sequelize';
import { boot } from '../../server/boot';
import { loadConfig } from '../../server/config';
import { DEMO_BBOX, DEMO_DISTRICTS } from '../../server/db/seeds/demo-districts';
import { SYSTEM_ACTOR } from '../../server/lib/actor';
import { createLogger } from '../../server/lib/logger';
import { mulberry32 } from '../../server/lib/prng';
import { User } from '../../server/models/User';
import type { ImportKind } from '../../server/models/import-models';
import { commitImport } from '../../server/modules/imports/imports.commit';
import { createImport } from '../../server/modules/imports/imports.service';
import { presentCurrentUser, loadActiveUser } from '../../server/modules/auth/auth.service';
import type { DistrictService } from '../../server/modules/districts/districts.service';
import { licenseeRows, writeCsv, type Row } from '../helpers/import-files';
import { syntheticRegister, type SyntheticAssignment } from './synthetic';

const STATIONS = Number(process.argv[2] ?? 10_000);
const FORM = process.env.IMPORT_BENCH_FORM === 'register' ? 'register' : 'files';
const MHZ = 1_000_000;

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const mb = (b: number) => Math.round(b / 1024 / 1024);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

interface Mark {
  t: number;
  cpu: NodeJS.CpuUsage;
}
const mark = (): Mark => ({ t: performance.now(), cpu: process.cpuUsage() });
function line(name: string, from: Mark): void {
  const used = process.cpuUsage(from.cpu);
  console.log(
    `${name.padEnd(44)} ${((performance.now() - from.t) / 1000).toFixed(1).padStart(6)} s wall` +
      `  ${((used.user + used.system) / 1e6).toFixed(1).padStart(6)} s CPU  peak RSS ${mb(peakRss)} MB  load ${load()}`,
  );
}

/** The register of a province: stations with their two assignments each, and the licences they hold. */
interface Register {
  licensees: Row[];
  licences: Row[];
  stations: Row[];
  assignments: Row[];
}

/**
 * N stations over Đắk Lắk (see the header): the demo mix's site parameters (syntheticRegister), each site moved
 * to the province, near a district town or anywhere, and kept only if a seeded district holds it.
 */
async function registerOf(n: number, districts: DistrictService): Promise<Register> {
  const r = mulberry32(14);
  const gauss = (): number => Math.sqrt(-2 * Math.log(r() || 1e-12)) * Math.cos(2 * Math.PI * r());
  const towns = DEMO_DISTRICTS.flatMap((d) =>
    Array<typeof d>(d.type === 'city' ? 6 : d.type === 'town' ? 2 : 1).fill(d),
  );
  const [w, s, e, nn] = DEMO_BBOX;
  const pick = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const sites = syntheticRegister(n * 2, 160, 2026);
  const stations: (Row & { service: string })[] = [];
  const assignments: Row[] = [];
  const byService = new Map<string, number>();
  for (const k of sites) {
    if (stations.length >= n) break;
    let lat: number;
    let lon: number;
    if (r() < 0.6) {
      const town = towns[Math.floor(r() * towns.length)] ?? DEMO_DISTRICTS[0];
      // σ 6 km around the town.
      lat = (town?.latDeg ?? 12.67) + (6 / 111) * gauss();
      lon = (town?.lonDeg ?? 108.04) + (6 / 108) * gauss();
    } else {
      lat = s + r() * (nn - s);
      lon = w + r() * (e - w);
    }
    lat = Math.round(lat * 1e6) / 1e6;
    lon = Math.round(lon * 1e6) / 1e6;
    if (!(await districts.lookup(lat, lon))) continue;
    const i = stations.length + 1;
    const nth = byService.get(k.service) ?? 0;
    byService.set(k.service, nth + 1);
    const far = (x: number | null, d: number) => (x === null ? '' : (x + d).toFixed(6));
    stations.push({
      externalRef: `P-ST-${i}`,
      licenceNumber: `P-${k.service}-${Math.floor(nth / 20) + 1}`,
      name: `Trạm ${k.service} ${i}`,
      service: k.service,
      stationClass: k.stationClass,
      latitude: lat.toFixed(6),
      longitude: lon.toFixed(6),
      antennaHeightM: k.antennaHeightM,
      antennaGainDbi: k.antennaGainDbi,
      azimuthDeg: k.azimuthDeg ?? '',
      beamwidthDeg: k.beamwidthDeg ?? '',
      txPowerW: k.txPowerW,
      feederLossDb: k.feederLossDb,
      farEndLatitude: far(k.farEndLatitude, lat - k.latitude),
      farEndLongitude: far(k.farEndLongitude, lon - k.longitude),
    });
    const a = (n2: number, direction: 'tx' | 'rx', frequencyHz: number): Row => ({
      externalRef: `P-AS-${i}-${n2}`,
      stationExternalRef: `P-ST-${i}`,
      direction,
      frequencyHz,
      bandwidthHz: k.bandwidthHz,
      emissionDesignator: k.emissionDesignator,
    });
    assignments.push(a(1, 'tx', k.frequencyHz), a(2, ...secondOf(k, pick)));
  }
  if (stations.length < n) throw new Error(`only ${stations.length} sites fell in the districts`);
  const licences: Row[] = [];
  for (const [service, count] of byService)
    for (let j = 1; j <= Math.ceil(count / 20); j += 1)
      licences.push({
        externalRef: `P-GP-${service}-${j}`,
        number: `P-${service}-${j}`,
        licenseeExternalRef: `P-${licences.length + 1}`,
        type: 'frequency_equipment',
        service,
        status: 'issued',
        validFrom: '2025-01-01',
        validTo: '2030-12-31',
      });
  return { licensees: licenseeRows(licences.length, 'P'), licences, stations, assignments };
}

/**
 * A station's second assignment as registers hold it: the duplex pair it receives on (land mobile: VHF 4.6 MHz
 * below, UHF 10 MHz above, LTE band 3's uplink 95 MHz below; amateur repeaters 0.6 MHz below; 7 GHz links
 * 161 MHz apart), or a second programme it transmits (FM, TV, loudspeakers).
 */
function secondOf(k: SyntheticAssignment, pick: (lo: number, hi: number) => number): ['tx' | 'rx', number] {
  const f = k.frequencyHz;
  switch (k.service) {
    case 'land_mobile':
      return ['rx', f < 300 * MHZ ? f - 4_600_000 : f < 1000 * MHZ ? f + 10 * MHZ : f - 95 * MHZ];
    case 'amateur':
      return ['rx', f - 600_000];
    case 'fixed_link':
      return ['rx', f + 161 * MHZ <= 8_400 * MHZ ? f + 161 * MHZ : f - 161 * MHZ];
    case 'fm_broadcast':
      return ['tx', 87_500_000 + pick(1, 204) * 100_000];
    case 'tv_broadcast':
      return ['tx', (474 + 8 * pick(0, 27)) * MHZ];
    default:
      return ['tx', 54 * MHZ + pick(1, 559) * 25_000];
  }
}

/** The stations and their assignments as one `register` file: a row per assignment with its station's columns. */
function registerRows(reg: Register): Row[] {
  const byRef = new Map(reg.stations.map((s) => [String(s.externalRef), s]));
  return reg.assignments.map((a) => {
    const { externalRef: _st, ...station } = byRef.get(String(a.stationExternalRef)) ?? {};
    return { stationExternalRef: a.stationExternalRef ?? '', ...station, ...a };
  });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tanso-import-bench-'));
  const pg = /^postgres/.test(process.env.TEST_DATABASE_URL ?? '');
  if (pg) {
    const s = new Sequelize(process.env.TEST_DATABASE_URL as string, { logging: false });
    await s.query('DROP SCHEMA IF EXISTS public CASCADE');
    await s.query('CREATE SCHEMA public');
    await s.close();
  }
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: pg ? (process.env.TEST_DATABASE_URL as string) : `sqlite:${path.join(dir, 'bench.sqlite')}`,
    SESSION_SECRET: 'bench-secret-bench-secret-bench-secret',
    LOG_LEVEL: 'silent',
    UPLOAD_DIR: path.join(dir, 'uploads'),
  });
  const logger = createLogger('silent');
  const { db, districts } = await boot(config, logger, { seed: true });
  const officerRow = await User.findOne({ where: { role: 'licensing_officer' } });
  if (!officerRow) throw new Error('no licensing officer seeded');
  const officer = presentCurrentUser((await loadActiveUser(officerRow.id)) as User);
  const actor = { ...SYSTEM_ACTOR, userId: officer.id };
  const reg = await registerOf(STATIONS, districts);
  const tx = reg.assignments.filter((a) => a.direction === 'tx').length;
  const services = new Map<string, number>();
  for (const s of reg.stations) services.set(String(s.service), (services.get(String(s.service)) ?? 0) + 1);
  console.log(
    `import benchmark: ${reg.stations.length} stations, ${reg.assignments.length} assignments (${tx} TX), ` +
      `${reg.licences.length} licences, ${db.dialect}, ` +
      (FORM === 'register' ? 'one register file' : 'a file per record type'),
  );
  console.log(`  stations by service: ${JSON.stringify(Object.fromEntries(services))}`);
  console.log(`  load average ${load()}`);

  const run = async (kind: ImportKind, rows: Row[], label: string) => {
    const file = writeCsv(path.join(dir, `${kind}.csv`), rows);
    // multer would have written the upload here: the service keeps the file under the upload directory.
    const stored = path.join(config.uploadDir, 'imports', `${kind}.csv`);
    mkdirSync(path.dirname(stored), { recursive: true });
    copyFileSync(file, stored);
    peakRss = process.memoryUsage().rss;
    const m0 = mark();
    const imp = await createImport(
      db.sequelize,
      districts,
      { file: { path: stored, originalname: `${kind}.csv`, filename: `${kind}.csv` }, kind },
      officer,
      actor,
    );
    line(`${label}: dry run (${rows.length} rows)`, m0);
    if (imp.counts.error)
      throw new Error(`${kind}: ${imp.counts.error} rows with errors: ${JSON.stringify(imp.errors.slice(0, 3))}`);
    peakRss = process.memoryUsage().rss;
    const m1 = mark();
    let m2: Mark | null = null;
    const r = await commitImport(db.sequelize, districts, imp, actor, config.uploadDir, {
      progress: async (_done, _total, text) => {
        if (text !== 'conflicts' || m2) return;
        line(`${label}: commit, write phase`, m1);
        peakRss = process.memoryUsage().rss;
        m2 = mark();
      },
    });
    if (m2) line(`${label}: commit, conflicts phase`, m2);
    line(`${label}: commit in all`, m1);
    console.log(`  ${JSON.stringify(r)}`);
  };
  await run('licensees', reg.licensees, 'licensees');
  await run('licences', reg.licences, 'licences');
  if (FORM === 'register') await run('register', registerRows(reg), 'register');
  else {
    await run('stations', reg.stations, 'stations');
    await run('assignments', reg.assignments, 'assignments');
  }
  clearInterval(sampler);
  await db.close();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
