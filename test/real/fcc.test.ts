import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { distance, point } from '@turf/turf';
import { parse } from 'csv-parse/sync';
import { radioHorizonKm } from '../../geo';

const ROOT = path.resolve(__dirname, '../..');
const DATA = path.resolve(ROOT, '../shared/data');

interface Case {
  name: string;
  file: string;
  args: string[];
  heightColumn: string;
  receiverHeightM: number;
}

const CASES: Case[] = [
  {
    name: 'US FM register 87.9–89.3 MHz (licensed records)',
    file: 'fcc-fm-87.9-89.3mhz-2016.csv',
    heightColumn: 'antenna_height_agl_m',
    receiverHeightM: 10,
    args: [
      '--map',
      'id=id,lat=latitude,lon=longitude,frequency_mhz=frequency_mhz,erp_w=erp_w,' +
        'height_m=antenna_height_agl_m,licensee=licensee',
      '--bandwidth-khz',
      '200',
      '--service',
      'fm_broadcast',
      '--filter',
      'status=LIC',
    ],
  },
  {
    name: 'US post-auction DTV repack',
    file: 'fcc-tv-post-auction-repack.csv',
    heightColumn: 'haat_m',
    receiverHeightM: 10,
    args: [
      '--map',
      'id=id,lat=latitude,lon=longitude,frequency_mhz=frequency_mhz,erp_w=erp_w,' +
        'height_m=haat_m,bandwidth_khz=bandwidth_khz',
      '--service',
      'tv_broadcast',
    ],
  },
];

describe('scanning real registers from ../shared/data with npm run conflicts:scan', function () {
  this.timeout(180_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'tanso-fcc-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const c of CASES) {
    it(
      `${c.name}: scans without crashing, reports fixed heights, ` +
        `and no conflicting pair is farther apart than its two radio horizons`,
      () => {
        const out = path.join(dir, `${c.file}.conflicts.csv`);
        const r = spawnSync(
          'npx',
          ['tsx', 'server/cli/conflicts-scan.ts', '--csv', path.join(DATA, c.file), ...c.args, '--out', out],
          { cwd: ROOT, encoding: 'utf8' },
        );
        assert.equal(r.status, 0, r.stderr);
        assert.match(r.stdout, /rows had a missing or negative antenna height: 1 m used/);
        const m = /conflicts: (\d+) \(/.exec(r.stdout);
        assert.ok(m && Number(m[1]) > 0, r.stdout);
        const rows = parse(readFileSync(path.join(DATA, c.file)), { columns: true, skip_empty_lines: true }) as Record<
          string,
          string
        >[];
        const findings = parse(readFileSync(out), { columns: true }) as Record<string, string>[];
        assert.equal(findings.length, Number(m?.[1]));
        assert.ok(
          findings.some((f) => f.kind === 'co_channel'),
          'co-channel pairs exist',
        );
        for (const f of findings) {
          const a = rows[Number(f.victim_row) - 1] as Record<string, string>;
          const b = rows[Number(f.interferer_row) - 1] as Record<string, string>;
          assert.equal(a.id, f.victim_id);
          const h = (x: Record<string, string>) => Math.max(1, Number(x[c.heightColumn]) || 0);
          const d = distance(
            point([Number(a.longitude), Number(a.latitude)]),
            point([Number(b.longitude), Number(b.latitude)]),
            { units: 'kilometers' },
          );
          const reach = radioHorizonKm(h(a), c.receiverHeightM) + radioHorizonKm(h(b), c.receiverHeightM);
          assert.ok(
            d <= reach + 0.01,
            `${f.victim_id}→${f.interferer_id}: ${d.toFixed(1)} km apart > ${reach.toFixed(1)} km of horizons`,
          );
          assert.ok(Number(f.overlap_km2) > 0, `overlap ${f.overlap_km2}`);
          assert.ok(
            Number(f.overlap_fraction) > 0 && Number(f.overlap_fraction) <= 1,
            `fraction ${f.overlap_fraction}`,
          );
        }
      },
    );
  }
});
