import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  cost231LossDb,
  distanceForFieldKm,
  fieldStrengthDbuvM,
  fieldStrengthFreeSpaceDbuvM,
  fieldStrengthFromLossDbuvM,
  freeSpaceLossDb,
  freeSpaceLossExactDb,
  hataLossDb,
  hataMobileCorrectionDb,
  pathLossDb,
  radioHorizonKm,
  selectPropagationModel,
  type HataEnvironment,
  type PathParams,
  type PropagationEnvironment,
  type PropagationModel,
} from '../../../geo/propagation';
import { mulberry32 } from '../../../server/lib/prng';

const VECTORS_CSV = path.resolve(__dirname, '../../../../shared/data/propagation-test-vectors.csv');

function assertClose(actual: number, expected: number, tolerance: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} is not within ${tolerance} of ${expected}`);
}

/** Splits CSV text into records (RFC 4180: quoted fields may hold commas, newlines and doubled quotes). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      field = '';
      records.push(record);
      record = [];
    } else field += c;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records.filter((r) => !(r.length === 1 && r[0] === ''));
}

interface VectorRow {
  line: number;
  model: string;
  variant: string;
  fMhz: number;
  dKm: number;
  hbM: number;
  hmM: number;
  expectedDb: number;
  publishedValue: number | null;
  source: string;
  note: string;
}

function readVectors(): VectorRow[] {
  const [header, ...rows] = parseCsv(readFileSync(VECTORS_CSV, 'utf8'));
  assert.deepEqual(header, [
    'model',
    'variant',
    'f_mhz',
    'd_km',
    'hb_m',
    'hm_m',
    'expected_db',
    'published_value',
    'source',
    'note',
  ]);
  return rows.map((r, i) => {
    assert.equal(r.length, 10, `line ${i + 2} has ${r.length} fields`);
    const cell = (k: number): string => r[k] ?? '';
    return {
      line: i + 2,
      model: cell(0),
      variant: cell(1),
      fMhz: Number(cell(2)),
      dKm: Number(cell(3)),
      hbM: cell(4) === '' ? NaN : Number(cell(4)),
      hmM: cell(5) === '' ? NaN : Number(cell(5)),
      expectedDb: Number(cell(6)),
      publishedValue: cell(7) === '' ? null : Number(cell(7)),
      source: cell(8),
      note: cell(9),
    };
  });
}

const HATA_VARIANTS: readonly HataEnvironment[] = ['urban_small', 'urban_large', 'suburban', 'open'];

function isHataVariant(v: string): v is HataEnvironment {
  return HATA_VARIANTS.some((h) => h === v);
}

/** The loss the row describes, computed with the constant / variant it states. */
function computeRow(row: VectorRow): number {
  if (row.model === 'fspl') {
    const c = /^(?:exact_)?c=([0-9.e+]+)$/.exec(row.variant);
    assert.ok(c, `line ${row.line}: unknown free-space variant ${row.variant}`);
    return freeSpaceLossExactDb(row.fMhz, row.dKm, Number(c[1]));
  }
  if (row.model === 'hata') {
    assert.ok(isHataVariant(row.variant), `line ${row.line}: unknown Hata variant ${row.variant}`);
    return hataLossDb({
      freqMhz: row.fMhz,
      distanceKm: row.dKm,
      baseHeightM: row.hbM,
      mobileHeightM: row.hmM,
      environment: row.variant,
    });
  }
  if (row.model === 'cost231') {
    const cm = /^Cm=([03]) /.exec(row.variant);
    assert.ok(cm, `line ${row.line}: unknown COST-231 variant ${row.variant}`);
    const large = / large-city a\(hm\)$/.test(row.variant);
    assert.ok(large || / small-city a\(hm\)$/.test(row.variant), `line ${row.line}: no a(hm) in ${row.variant}`);
    return cost231LossDb({
      freqMhz: row.fMhz,
      distanceKm: row.dKm,
      baseHeightM: row.hbM,
      mobileHeightM: row.hmM,
      cmDb: cm[1] === '3' ? 3 : 0,
      mobileHeightCorrection: large ? 'large_city' : 'small_medium_city',
    });
  }
  throw new Error(`line ${row.line}: unknown model ${row.model}`);
}

/** The 32.4 and 32.45 figures the exact free-space rows state in their note. */
function roundedFormsInNote(row: VectorRow): { c324: number; c3245: number } | null {
  const m = /\(32\.4 const\) = ([0-9.]+); NTIA ITM\/ILM form \(32\.45\) = ([0-9.]+)/.exec(row.note);
  return m ? { c324: Number(m[1]), c3245: Number(m[2]) } : null;
}

const VECTORS = readVectors();

describe('geo/propagation', () => {
  describe('test vectors (../shared/data/propagation-test-vectors.csv)', () => {
    it(
      'when the vectors file is read, ' +
        'then it holds 70 rows of fspl, hata and cost231 and every one is checked below',
      () => {
        assert.equal(VECTORS.length, 70);
        assert.deepEqual([...new Set(VECTORS.map((r) => r.model))].sort(), ['cost231', 'fspl', 'hata']);
      },
    );

    for (const row of VECTORS) {
      const title =
        `${row.model} ${row.variant}, ${row.fMhz} MHz, ${row.dKm} km` +
        `${Number.isNaN(row.hbM) ? '' : `, hb ${row.hbM} m, hm ${row.hmM} m`}`;
      it(
        `when the loss is computed for line ${row.line} (${title}), ` +
          `then it is ${row.expectedDb} dB within 0.01 dB`,
        () => {
          assertClose(computeRow(row), row.expectedDb, 0.01, `line ${row.line}`);
        },
      );
    }

    const exactRows = VECTORS.filter((r) => r.model === 'fspl' && r.variant.startsWith('exact_'));
    for (const row of exactRows) {
      it(
        `when line ${row.line} (${row.fMhz} MHz, ${row.dKm} km) is computed with the 32.4 and the 32.45 constants, ` +
          `then the figures its note states are reproduced within 0.01 dB`,
        () => {
          const forms = roundedFormsInNote(row);
          assert.ok(forms, `line ${row.line}: the note states no rounded forms`);
          assertClose(freeSpaceLossDb(row.fMhz, row.dKm, 32.4), forms.c324, 0.01, '32.4 form');
          assertClose(freeSpaceLossDb(row.fMhz, row.dKm, 32.45), forms.c3245, 0.01, '32.45 form');
          assertClose(freeSpaceLossDb(row.fMhz, row.dKm), forms.c3245, 0.01, 'default constant');
        },
      );
    }

    it(
      "when a published value differs from the formula (the README's known traps: ns-3 Hata open 109.66 dB, " +
        'COST-231 large city 148.55 dB), then the formula value is kept, not the published one',
      () => {
        const traps = VECTORS.filter(
          (r) => r.publishedValue !== null && Math.abs(r.publishedValue - r.expectedDb) > 0.01,
        );
        assert.deepEqual(traps.map((r) => r.publishedValue).sort(), [109.66, 148.55]);
        for (const row of traps)
          assert.ok(Math.abs(computeRow(row) - (row.publishedValue ?? 0)) > 0.1, `line ${row.line}`);
      },
    );

    it('when a published value agrees with the formula, then the computed loss is within 0.01 dB of it too', () => {
      const agreeing = VECTORS.filter(
        (r) => r.publishedValue !== null && Math.abs(r.publishedValue - r.expectedDb) <= 0.01,
      );
      assert.ok(agreeing.length >= 12);
      for (const row of agreeing) assertClose(computeRow(row), row.publishedValue ?? NaN, 0.01, `line ${row.line}`);
    });
  });

  describe('free space (ITU-R P.525)', () => {
    it('when 100 MHz travels 1 km, then the loss is 72.45 dB with the default constant and 72.40 dB with 32.4', () => {
      assertClose(freeSpaceLossDb(100, 1), 72.45, 1e-9, 'default');
      assertClose(freeSpaceLossDb(100, 1, 32.4), 72.4, 1e-9, '32.4');
    });

    it('when the exact form is used, then its constant is 20·log10(4π·10⁹/c) ≈ 32.4478 dB', () => {
      assertClose(freeSpaceLossExactDb(1, 1), 32.4478, 1e-4, 'exact constant');
      assertClose(freeSpaceLossExactDb(1, 1, 3e8), 32.4418, 1e-4, 'c = 3e8');
    });

    it('when the distance doubles, then the loss grows by 20·log10(2) ≈ 6.02 dB', () => {
      assertClose(freeSpaceLossDb(900, 2) - freeSpaceLossDb(900, 1), 20 * Math.log10(2), 1e-12, 'ΔL');
    });

    it('when 0 dBW is radiated, then the field at 1 km is 74.8 dBµV/m and 20 dB less at 10 km', () => {
      assertClose(fieldStrengthFreeSpaceDbuvM(0, 1), 74.8, 1e-12, '1 km');
      assertClose(fieldStrengthFreeSpaceDbuvM(0, 10), 54.8, 1e-12, '10 km');
    });

    it(
      'when the field is derived from the 32.45 dB free-space loss instead, ' +
        'then it is 0.05 dB below the 74.8 dB form (rounded constants)',
      () => {
        for (const [f, d, e] of [
          [100, 1, 0],
          [3500, 17, 40],
        ] as const) {
          const viaLoss = fieldStrengthFromLossDbuvM(e, freeSpaceLossDb(f, d), f);
          assertClose(viaLoss - fieldStrengthFreeSpaceDbuvM(e, d), -0.05, 1e-9, `${f} MHz`);
        }
      },
    );

    it('when the frequency or the distance is 0, negative or not finite, then a RangeError is thrown', () => {
      assert.throws(() => freeSpaceLossDb(0, 1), RangeError);
      assert.throws(() => freeSpaceLossDb(100, 0), RangeError);
      assert.throws(() => freeSpaceLossExactDb(100, -1), RangeError);
      assert.throws(() => fieldStrengthFreeSpaceDbuvM(Number.NaN, 1), RangeError);
      assert.throws(() => fieldStrengthFreeSpaceDbuvM(0, Number.POSITIVE_INFINITY), RangeError);
    });
  });

  describe('Okumura–Hata and COST-231 Hata', () => {
    it(
      'when a(hm) is computed for a small/medium city at hm = 1.5 m, ' +
        'then it is 0.09·log10 f − 0.25, within 0.06 dB of 0',
      () => {
        for (const f of [150, 450, 900, 1500]) {
          assertClose(
            hataMobileCorrectionDb(f, 1.5, 'small_medium_city'),
            0.09 * Math.log10(f) - 0.25,
            1e-12,
            `${f} MHz`,
          );
          assertClose(hataMobileCorrectionDb(f, 1.5, 'small_medium_city'), 0, 0.06, `${f} MHz`);
        }
      },
    );

    it(
      'when the large-city a(hm) is computed at 200 MHz and just above, ' +
        'then the f ≤ 200 MHz form and the f ≥ 400 MHz form are used',
      () => {
        assertClose(
          hataMobileCorrectionDb(200, 3, 'large_city'),
          8.29 * Math.log10(1.54 * 3) ** 2 - 1.1,
          1e-12,
          '200 MHz',
        );
        assertClose(
          hataMobileCorrectionDb(200.001, 3, 'large_city'),
          3.2 * Math.log10(11.75 * 3) ** 2 - 4.97,
          1e-12,
          '200.001 MHz',
        );
      },
    );

    it('when a height is 0 m, then the formula uses 1 m', () => {
      const base = { freqMhz: 450, distanceKm: 5, environment: 'urban_small' } as const;
      assert.equal(
        hataLossDb({ ...base, baseHeightM: 0, mobileHeightM: 0 }),
        hataLossDb({ ...base, baseHeightM: 1, mobileHeightM: 1 }),
      );
      assert.equal(
        cost231LossDb({ freqMhz: 1800, distanceKm: 3, baseHeightM: 0.5, mobileHeightM: 0, cmDb: 0 }),
        cost231LossDb({ freqMhz: 1800, distanceKm: 3, baseHeightM: 1, mobileHeightM: 1, cmDb: 0 }),
      );
    });

    it('when the distance is below 1 km, then the formula is extended unchanged (log10 d < 0)', () => {
      const p = { freqMhz: 900, baseHeightM: 30, mobileHeightM: 1.5, environment: 'urban_small' } as const;
      const at1 = hataLossDb({ ...p, distanceKm: 1 });
      const slope = 44.9 - 6.55 * Math.log10(30);
      assertClose(hataLossDb({ ...p, distanceKm: 0.1 }), at1 - slope, 1e-9, '0.1 km');
    });

    it(
      'when the environment is suburban or open, ' +
        'then the loss is the urban small/medium-city loss minus the Hata correction',
      () => {
        const p = { freqMhz: 450, distanceKm: 10, baseHeightM: 100, mobileHeightM: 1.5 };
        const urban = hataLossDb({ ...p, environment: 'urban_small' });
        const lf = Math.log10(450);
        assertClose(
          hataLossDb({ ...p, environment: 'suburban' }),
          urban - 2 * Math.log10(450 / 28) ** 2 - 5.4,
          1e-9,
          'suburban',
        );
        assertClose(
          hataLossDb({ ...p, environment: 'open' }),
          urban - 4.78 * lf ** 2 + 18.33 * lf - 40.94,
          1e-9,
          'open',
        );
      },
    );

    it('when COST-231 Cm is 3 dB instead of 0, then the loss is exactly 3 dB higher', () => {
      const p = { freqMhz: 1800, distanceKm: 2, baseHeightM: 30, mobileHeightM: 1.5 };
      assertClose(cost231LossDb({ ...p, cmDb: 3 }) - cost231LossDb({ ...p, cmDb: 0 }), 3, 1e-12, 'ΔL');
    });

    it('when an input is not finite or the distance is 0, then a RangeError is thrown', () => {
      const p = { freqMhz: 450, distanceKm: 5, baseHeightM: 30, mobileHeightM: 1.5, environment: 'open' } as const;
      assert.throws(() => hataLossDb({ ...p, distanceKm: 0 }), RangeError);
      assert.throws(() => hataLossDb({ ...p, baseHeightM: Number.NaN }), RangeError);
      assert.throws(() => cost231LossDb({ ...p, cmDb: 0, freqMhz: -1 }), RangeError);
    });
  });

  describe('pathLossDb: model by frequency (SPEC §4.7.1)', () => {
    const base: Omit<PathParams, 'freqMhz'> = {
      distanceKm: 5,
      baseHeightM: 50,
      mobileHeightM: 1.5,
      environment: 'urban',
    };
    const cases: [number, PropagationModel][] = [
      [100, 'okumura_hata'],
      [149.999, 'okumura_hata'],
      [150, 'okumura_hata'],
      [1500, 'okumura_hata'],
      [1500.001, 'cost231_hata'],
      [2000, 'cost231_hata'],
      [2000.001, 'free_space_p525'],
      [5800, 'free_space_p525'],
    ];
    for (const [f, model] of cases) {
      it(`when the frequency is ${f} MHz, then the model is ${model}`, () => {
        assert.equal(selectPropagationModel(f), model);
        assert.equal(pathLossDb({ ...base, freqMhz: f }).model, model);
      });
    }

    it(
      'when the frequency is 149.999 MHz, ' +
        'then Hata is used with the warning "Hata extrapolated below 150 MHz"; at 150 MHz without it',
      () => {
        assert.ok(pathLossDb({ ...base, freqMhz: 149.999 }).warnings.includes('Hata extrapolated below 150 MHz'));
        assert.deepEqual(pathLossDb({ ...base, freqMhz: 150 }).warnings, []);
      },
    );

    it(
      'when the service environment is urban, suburban or open, ' +
        'then the loss is Hata small/medium city, suburban or open',
      () => {
        const p = { freqMhz: 450, distanceKm: 10, baseHeightM: 100, mobileHeightM: 1.5 };
        const map: [PropagationEnvironment, HataEnvironment, number][] = [
          ['urban', 'urban_small', 143.13],
          ['suburban', 'suburban', 134.82],
          ['open', 'open', 117.17],
        ];
        for (const [service, hata, expected] of map) {
          const r = pathLossDb({ ...p, environment: service });
          assert.equal(r.lossDb, hataLossDb({ ...p, environment: hata }));
          assertClose(r.lossDb, expected, 0.01, service);
        }
      },
    );

    it(
      'when the frequency is in 1500–2000 MHz, then COST-231 uses Cm = 0 for urban, ' +
        'suburban and open and Cm = 3 with the large-city a(hm) only for urban_large',
      () => {
        const p = { freqMhz: 1800, distanceKm: 1, baseHeightM: 30, mobileHeightM: 1.5 };
        assertClose(pathLossDb({ ...p, environment: 'urban' }).lossDb, 136.2, 0.01, 'urban');
        assertClose(pathLossDb({ ...p, environment: 'suburban' }).lossDb, 136.2, 0.01, 'suburban');
        assertClose(pathLossDb({ ...p, environment: 'open' }).lossDb, 136.2, 0.01, 'open');
        assertClose(pathLossDb({ ...p, environment: 'urban_large' }).lossDb, 139.24, 0.01, 'urban_large');
        assert.ok(
          pathLossDb({ ...p, environment: 'suburban' }).warnings.some((w) => w.includes('no suburban correction')),
        );
        assert.deepEqual(pathLossDb({ ...p, environment: 'urban' }).warnings, []);
      },
    );

    it('when the frequency is above 2000 MHz, then the loss is P.525 free space with 32.45 dB and no warning', () => {
      const r = pathLossDb({ freqMhz: 3500, distanceKm: 3, baseHeightM: 0, mobileHeightM: 0, environment: 'open' });
      assert.equal(r.lossDb, freeSpaceLossDb(3500, 3));
      assert.deepEqual(r.warnings, []);
    });

    it('when a height is 0 m, then the loss is the one at 1 m and a warning says so', () => {
      const p = { freqMhz: 450, distanceKm: 5, environment: 'urban' } as const;
      const r = pathLossDb({ ...p, baseHeightM: 0, mobileHeightM: 0 });
      assert.equal(r.lossDb, pathLossDb({ ...p, baseHeightM: 1, mobileHeightM: 1 }).lossDb);
      assert.ok(r.warnings.includes('base antenna height 0 m raised to 1 m in the formula'));
      assert.ok(r.warnings.includes('mobile antenna height 0 m raised to 1 m in the formula'));
      assert.ok(r.warnings.includes('Hata used with base antenna height 1 m, outside 30–200 m'));
      assert.ok(!r.warnings.some((w) => w.startsWith('Hata used with mobile antenna height')));
    });

    it(
      'when the path is 0.5, 25 or 150 km or the heights are outside 30–200 m and 1–10 m, ' +
        'then the matching validity warnings are given',
      () => {
        const p = { freqMhz: 450, baseHeightM: 50, mobileHeightM: 1.5, environment: 'urban' } as const;
        assert.deepEqual(pathLossDb({ ...p, distanceKm: 0.5 }).warnings, ['Hata used below 1 km']);
        assert.deepEqual(pathLossDb({ ...p, distanceKm: 20 }).warnings, []);
        assert.deepEqual(pathLossDb({ ...p, distanceKm: 25 }).warnings, ['Hata used beyond 20 km']);
        assert.deepEqual(pathLossDb({ ...p, distanceKm: 150 }).warnings, [
          'Hata used beyond 20 km',
          'Hata used beyond 100 km',
        ]);
        assert.deepEqual(pathLossDb({ ...p, distanceKm: 5, baseHeightM: 250, mobileHeightM: 12 }).warnings, [
          'Hata used with base antenna height 250 m, outside 30–200 m',
          'Hata used with mobile antenna height 12 m, outside 1–10 m',
        ]);
        assert.deepEqual(pathLossDb({ ...p, freqMhz: 1800, distanceKm: 25 }).warnings, [
          'COST-231 Hata used beyond 20 km',
        ]);
      },
    );

    it(
      'when an input is out of its domain (distance 0, negative height, frequency 0, NaN), ' +
        'then a RangeError is thrown',
      () => {
        const p: PathParams = {
          freqMhz: 450,
          distanceKm: 5,
          baseHeightM: 50,
          mobileHeightM: 1.5,
          environment: 'urban',
        };
        assert.throws(() => pathLossDb({ ...p, distanceKm: 0 }), RangeError);
        assert.throws(() => pathLossDb({ ...p, baseHeightM: -1 }), RangeError);
        assert.throws(() => pathLossDb({ ...p, freqMhz: 0 }), RangeError);
        assert.throws(() => pathLossDb({ ...p, mobileHeightM: Number.NaN }), RangeError);
      },
    );

    it('when pathLossDb is called, then its input object is not changed', () => {
      const p: PathParams = { freqMhz: 100, distanceKm: 30, baseHeightM: 0, mobileHeightM: 0, environment: 'urban' };
      const copy = { ...p };
      pathLossDb(Object.freeze(p));
      assert.deepEqual(p, copy);
    });
  });

  describe('field strength and horizon', () => {
    it('when 0 dBW crosses a 100 dB loss at 100 MHz, then the field is 0 − 100 + 40 + 107.2 = 47.2 dBµV/m', () => {
      assertClose(fieldStrengthFromLossDbuvM(0, 100, 100), 47.2, 1e-12, 'E');
    });

    it(
      'when fieldStrengthDbuvM is used with Hata or COST-231, ' +
        'then it equals EIRP − L + 20·log10 f + 107.2; with free space, EIRP − 20·log10 d + 74.8',
      () => {
        const hata = {
          eirpDbw: 30,
          freqMhz: 450,
          distanceKm: 7,
          baseHeightM: 60,
          mobileHeightM: 1.5,
          environment: 'urban',
        } as const;
        assert.equal(fieldStrengthDbuvM(hata).fieldDbuvM, fieldStrengthFromLossDbuvM(30, pathLossDb(hata).lossDb, 450));
        const fs = { ...hata, freqMhz: 2400 };
        assert.equal(fieldStrengthDbuvM(fs).fieldDbuvM, fieldStrengthFreeSpaceDbuvM(30, 7));
        assert.equal(fieldStrengthDbuvM(fs).model, 'free_space_p525');
      },
    );

    it(
      'when the antenna is at 100 m and the receiver at 10 m, ' +
        'then the radio horizon is 4.12·(10 + √10) ≈ 54.23 km',
      () => {
        assertClose(radioHorizonKm(100, 10), 4.12 * (10 + Math.sqrt(10)), 1e-12, 'horizon');
        assertClose(radioHorizonKm(100, 10), 54.23, 0.005, 'horizon');
      },
    );

    it('when both heights are 0 m, then the horizon is 0 km (the real heights, not raised to 1 m)', () => {
      assert.equal(radioHorizonKm(0, 0), 0);
      assertClose(radioHorizonKm(0, 1.5), 4.12 * Math.sqrt(1.5), 1e-12, 'one height');
    });

    it('when a height is negative or not finite, then radioHorizonKm throws a RangeError', () => {
      assert.throws(() => radioHorizonKm(-1, 10), RangeError);
      assert.throws(() => radioHorizonKm(10, Number.NaN), RangeError);
    });
  });

  describe('distanceForFieldKm (closed-form inverse)', () => {
    it('when 0 dBW must give 74.8 dBµV/m at 3000 MHz, then the distance is exactly 1 km (free space)', () => {
      const r = distanceForFieldKm({
        eirpDbw: 0,
        thresholdDbuvM: 74.8,
        freqMhz: 3000,
        baseHeightM: 10,
        mobileHeightM: 10,
        environment: 'open',
      });
      assertClose(r.distanceKm, 1, 1e-12, 'd');
      assert.equal(r.model, 'free_space_p525');
    });

    const models: [PropagationModel, number, number][] = [
      ['okumura_hata', 30, 1500],
      ['cost231_hata', 1500.0001, 2000],
      ['free_space_p525', 2000.0001, 40_000],
    ];
    const environments: readonly PropagationEnvironment[] = ['urban', 'suburban', 'open', 'urban_small', 'urban_large'];
    for (const [model, fLow, fHigh] of models) {
      it(
        `when 500 random inputs use ${model}, ` +
          `then the field strength at the returned distance equals the threshold within 1e-6 dB`,
        () => {
          const rnd = mulberry32(model.length * 7919);
          for (let i = 0; i < 500; i++) {
            const p = {
              eirpDbw: -30 + rnd() * 110,
              thresholdDbuvM: -10 + rnd() * 140,
              freqMhz: fLow + rnd() * (fHigh - fLow),
              baseHeightM: rnd() < 0.1 ? 0 : rnd() * 1000,
              mobileHeightM: rnd() < 0.1 ? 0 : rnd() * 30,
              environment: environments[Math.floor(rnd() * environments.length)] ?? 'urban',
            };
            const r = distanceForFieldKm(p);
            assert.equal(r.model, model);
            assert.ok(Number.isFinite(r.distanceKm) && r.distanceKm > 0, `case ${i}: distance ${r.distanceKm}`);
            const e = fieldStrengthDbuvM({ ...p, distanceKm: r.distanceKm });
            assertClose(e.fieldDbuvM, p.thresholdDbuvM, 1e-6, `case ${i} ${JSON.stringify(p)}`);
            if (model !== 'free_space_p525') {
              assertClose(
                fieldStrengthFromLossDbuvM(p.eirpDbw, pathLossDb({ ...p, distanceKm: r.distanceKm }).lossDb, p.freqMhz),
                p.thresholdDbuvM,
                1e-6,
                `case ${i} via loss`,
              );
            }
            assert.deepEqual(r.warnings, e.warnings);
          }
        },
      );
    }

    it(
      'when the ERP goes from 1 W to 100 kW (+50 dB), ' +
        'then the free-space distance grows 10^(50/20) times and the Hata distance 10^(50/B) times',
      () => {
        const p = { thresholdDbuvM: 60, baseHeightM: 50, mobileHeightM: 1.5, environment: 'urban' } as const;
        const fs1 = distanceForFieldKm({ ...p, eirpDbw: 0 + 2.15, freqMhz: 2400 }).distanceKm;
        const fs100k = distanceForFieldKm({ ...p, eirpDbw: 50 + 2.15, freqMhz: 2400 }).distanceKm;
        assertClose(fs100k / fs1, 10 ** 2.5, 1e-9 * 10 ** 2.5, 'free space ratio');
        const h1 = distanceForFieldKm({ ...p, eirpDbw: 2.15, freqMhz: 450 }).distanceKm;
        const h100k = distanceForFieldKm({ ...p, eirpDbw: 52.15, freqMhz: 450 }).distanceKm;
        const slope = 44.9 - 6.55 * Math.log10(50);
        assertClose(h100k / h1, 10 ** (50 / slope), 1e-9, 'Hata ratio');
      },
    );

    it('when the solved distance is beyond 20 km or below 1 km, then the result says so', () => {
      const p = { freqMhz: 450, baseHeightM: 50, mobileHeightM: 1.5, environment: 'urban' } as const;
      const far = distanceForFieldKm({ ...p, eirpDbw: 50, thresholdDbuvM: 20 });
      assert.ok(far.distanceKm > 20);
      assert.ok(far.warnings.includes('Hata used beyond 20 km'));
      const near = distanceForFieldKm({ ...p, eirpDbw: 0, thresholdDbuvM: 90 });
      assert.ok(near.distanceKm < 1);
      assert.ok(near.warnings.includes('Hata used below 1 km'));
    });

    it('when a height is 0 m, then the distance is the one with 1 m (raised inside the formula)', () => {
      const p = { eirpDbw: 20, thresholdDbuvM: 50, freqMhz: 450, environment: 'suburban' } as const;
      assert.equal(
        distanceForFieldKm({ ...p, baseHeightM: 0, mobileHeightM: 0 }).distanceKm,
        distanceForFieldKm({ ...p, baseHeightM: 1, mobileHeightM: 1 }).distanceKm,
      );
    });

    it('when the threshold rises, then the distance shrinks', () => {
      const p = { eirpDbw: 30, freqMhz: 100, baseHeightM: 100, mobileHeightM: 10, environment: 'suburban' } as const;
      const d = [40, 50, 60, 70].map((t) => distanceForFieldKm({ ...p, thresholdDbuvM: t }).distanceKm);
      for (let i = 1; i < d.length; i++) assert.ok((d[i] ?? Infinity) < (d[i - 1] ?? 0));
    });

    it('when an input is not finite or the frequency is 0, then a RangeError is thrown', () => {
      const p = {
        eirpDbw: 30,
        thresholdDbuvM: 60,
        freqMhz: 100,
        baseHeightM: 100,
        mobileHeightM: 10,
        environment: 'open',
      } as const;
      assert.throws(() => distanceForFieldKm({ ...p, eirpDbw: Number.NaN }), RangeError);
      assert.throws(() => distanceForFieldKm({ ...p, thresholdDbuvM: Number.POSITIVE_INFINITY }), RangeError);
      assert.throws(() => distanceForFieldKm({ ...p, freqMhz: 0 }), RangeError);
      assert.throws(() => distanceForFieldKm({ ...p, baseHeightM: -5 }), RangeError);
    });
  });
});
