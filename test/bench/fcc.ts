/**
 * Scans of the two FCC registers in ../shared/data through the real command (npm run conflicts:scan),
 * timed from start to exit, with the command's own split (footprints, scan) and counts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const ROOT = path.resolve(__dirname, '../..');
const DATA = path.resolve(ROOT, '../shared/data');
const CASES = [
  {
    file: 'fcc-fm-87.9-89.3mhz-2016.csv',
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
    file: 'fcc-tv-post-auction-repack.csv',
    args: [
      '--map',
      'id=id,lat=latitude,lon=longitude,frequency_mhz=frequency_mhz,erp_w=erp_w,' +
        'height_m=haat_m,bandwidth_khz=bandwidth_khz',
      '--service',
      'tv_broadcast',
    ],
  },
];

const dir = mkdtempSync(path.join(tmpdir(), 'tanso-bench-fcc-'));
try {
  for (const c of CASES) {
    const input = path.join(DATA, c.file);
    if (!existsSync(input)) {
      console.log(`${c.file}: not found in ../shared/data, skipped`);
      continue;
    }
    const t0 = performance.now();
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(ROOT, 'server/cli/conflicts-scan.ts'),
        '--csv',
        input,
        ...c.args,
        '--out',
        path.join(dir, 'out.csv'),
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    const total = (performance.now() - t0) / 1000;
    const lines = r.stdout
      .split('\n')
      .filter((l) => /^footprints|^conflicts|scanned as/.test(l))
      .map((l) => l.trim());
    console.log(
      `FCC ${c.file}: ${total.toFixed(2)} s end to end (process start, CSV read, footprints, ` +
        `scan, CSV written)${r.status === 0 ? '' : ` FAILED ${r.stderr}`}\n  ${lines.join('\n  ')}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
