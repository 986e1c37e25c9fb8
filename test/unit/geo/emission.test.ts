import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  bandwidthPartHz,
  parseEmissionDesignator,
  type DesignatorErrorCode,
  type DesignatorResult,
  type EmissionDesignator,
} from '../../../geo/emission/designator';

const EXAMPLES_CSV = path.resolve(__dirname, '../../../../shared/data/emission-designator-examples.csv');

/** Splits CSV text (RFC 4180: quoted fields, "" inside quotes, commas and newlines inside quotes) into rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '"' && text.charAt(i + 1) === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text.charAt(i + 1) === '\n') i++;
      row.push(field);
      field = '';
      rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

function readExamples(): Record<string, string>[] {
  const [header, ...rows] = parseCsv(readFileSync(EXAMPLES_CSV, 'utf8'));
  assert.ok(header, 'the examples CSV has no header');
  return rows.map((r, i) => {
    assert.equal(r.length, header.length, `CSV data row ${i + 1} has ${r.length} fields, the header ${header.length}`);
    return Object.fromEntries(header.map((name, j) => [name, r[j] ?? '']));
  });
}

function decoded(input: string, options?: { requireClass?: boolean }): EmissionDesignator {
  const r = parseEmissionDesignator(input, options);
  if (!r.ok) assert.fail(`expected "${input}" to be accepted, got ${r.code}: ${r.reason}`);
  return r.value;
}

function refusal(input: string, options?: { requireClass?: boolean }): Extract<DesignatorResult, { ok: false }> {
  const r = parseEmissionDesignator(input, options);
  if (r.ok) assert.fail(`expected "${input}" to be refused, got ${JSON.stringify(r.value)}`);
  return r;
}

function assertRefused(input: string, code: DesignatorErrorCode): Extract<DesignatorResult, { ok: false }> {
  const r = refusal(input);
  assert.equal(r.code, code, `"${input}": ${r.reason}`);
  assert.ok(r.reason.length > 0);
  return r;
}

describe('geo/emission/designator', () => {
  describe('the examples in ../shared/data/emission-designator-examples.csv', () => {
    const examples = readExamples();

    it('when the CSV is read, then it has data rows with the expected columns (sanity check of the splitter)', () => {
      assert.ok(examples.length >= 20, `only ${examples.length} rows`);
      const first = examples[0] as Record<string, string>;
      for (const col of ['designator', 'bandwidth_part', 'decoded_hz', 'class_of_emission', 'extra_symbols'])
        assert.ok(col in first, col);
      assert.ok(
        examples.some((e) => (e.description ?? '').includes(',')),
        'a quoted field with a comma was not kept whole',
      );
    });

    for (const [i, row] of examples.entries()) {
      const designator = row.designator ?? '';
      const hz = Number(row.decoded_hz);
      const cls = row.class_of_emission ?? '';
      it(
        `when row ${i + 1} "${designator}" is parsed, then it decodes to ${row.decoded_hz} Hz` +
          `${cls ? ` with class ${cls}${row.extra_symbols ? ` + ${row.extra_symbols}` : ''}` : ''}`,
        () => {
          const v = decoded(designator);
          assert.ok(Number.isFinite(hz) && hz > 0, `decoded_hz "${row.decoded_hz}" is not a positive number`);
          assert.ok(Math.abs(v.necessaryBandwidthHz - hz) <= 1e-9 * hz, `${v.necessaryBandwidthHz} ≠ ${hz}`);
          assert.equal(v.bandwidthPart, row.bandwidth_part);
          assert.equal(bandwidthPartHz(v.bandwidthPart), v.necessaryBandwidthHz);
          if (cls) {
            assert.equal(v.classOfEmission, cls);
            assert.equal(v.extraSymbols, row.extra_symbols ?? '');
          }
        },
      );
    }
  });

  describe('parseEmissionDesignator: accepted designators', () => {
    it('when "16K0F3E" (FM telephony) is parsed, then the bandwidth is 16 000 Hz and the class F3E', () => {
      assert.deepEqual(decoded('16K0F3E'), {
        designator: '16K0F3E',
        bandwidthPart: '16K0',
        necessaryBandwidthHz: 16000,
        classOfEmission: 'F3E',
        modulation: 'F',
        signal: '3',
        information: 'E',
        extraSymbols: '',
      });
    });

    it('when "11K0F3E" (narrow-band FM) is parsed, then the bandwidth is 11 000 Hz', () => {
      const v = decoded('11K0F3E');
      assert.equal(v.necessaryBandwidthHz, 11000);
      assert.equal(v.classOfEmission, 'F3E');
    });

    it('when "8M00C7W" (analogue TV, vestigial sideband) is parsed, then it is 8 MHz, class C7W', () => {
      const v = decoded('8M00C7W');
      assert.equal(v.necessaryBandwidthHz, 8_000_000);
      assert.deepEqual([v.modulation, v.signal, v.information], ['C', '7', 'W']);
    });

    it('when "6M00G7W" is parsed, then it is 6 MHz, class G7W', () => {
      const v = decoded('6M00G7W');
      assert.equal(v.necessaryBandwidthHz, 6_000_000);
      assert.equal(v.classOfEmission, 'G7W');
    });

    it('when the designator is in lower case with surrounding spaces, then it is upper-cased and accepted', () => {
      const v = decoded('  16k0f3ejn ');
      assert.equal(v.designator, '16K0F3EJN');
      assert.equal(v.necessaryBandwidthHz, 16000);
      assert.equal(v.classOfEmission, 'F3E');
      assert.equal(v.extraSymbols, 'JN');
    });

    it('when only the 4th optional symbol is given ("16K0F3EJ"), then it is kept as the extra symbols', () => {
      assert.equal(decoded('16K0F3EJ').extraSymbols, 'J');
    });

    it('when only the bandwidth is given and no class is required, then the class fields are null', () => {
      const v = decoded('12K5');
      assert.equal(v.necessaryBandwidthHz, 12500);
      assert.equal(v.classOfEmission, null);
      assert.equal(v.modulation, null);
      assert.equal(v.signal, null);
      assert.equal(v.information, null);
      assert.equal(v.extraSymbols, '');
    });

    it('when fractional Hz and GHz bandwidths are decoded, then the values carry no floating-point noise', () => {
      assert.equal(decoded('25H3').necessaryBandwidthHz, 25.3);
      assert.equal(decoded('H002').necessaryBandwidthHz, 0.002);
      assert.equal(decoded('H100').necessaryBandwidthHz, 0.1);
      assert.equal(decoded('5G65').necessaryBandwidthHz, 5_650_000_000);
      assert.equal(decoded('1G23').necessaryBandwidthHz, 1_230_000_000);
      assert.equal(decoded('2K89').necessaryBandwidthHz, 2890);
      assert.equal(decoded('999G').necessaryBandwidthHz, 999e9);
    });
  });

  describe('parseEmissionDesignator: refusals', () => {
    it('when the input is empty or blank, then it is refused with "empty"', () => {
      assertRefused('', 'empty');
      assertRefused('   ', 'empty');
    });

    it('when the bandwidth starts with K ("K160F3E"), then it is refused with "bandwidth_first_char" naming K', () => {
      assert.deepEqual(refusal('K160F3E'), {
        ok: false,
        code: 'bandwidth_first_char',
        reason: 'bandwidth must start with a digit other than 0 (or H below 1 Hz), not "K"',
        params: { char: 'K' },
      });
    });

    it('when the bandwidth starts with 0 ("0K50F3E"), then it is refused with "bandwidth_first_char" naming 0', () => {
      const r = assertRefused('0K50F3E', 'bandwidth_first_char');
      assert.deepEqual(r.params, { char: '0' });
      assert.equal(r.reason, 'bandwidth must start with a digit other than 0 (or H below 1 Hz), not "0"');
    });

    it('when the bandwidth starts with M or G, then it is refused with "bandwidth_first_char"', () => {
      assert.deepEqual(assertRefused('M100', 'bandwidth_first_char').params, { char: 'M' });
      assert.deepEqual(assertRefused('G100', 'bandwidth_first_char').params, { char: 'G' });
    });

    it('when the bandwidth holds two letters ("1KK0"), then it is refused with "bandwidth_letter"', () => {
      const r = assertRefused('1KK0', 'bandwidth_letter');
      assert.match(r.reason, /exactly one of H, K, M, G/);
      assert.deepEqual(r.params, { count: 2 });
      assertRefused('1K0HF3E', 'bandwidth_letter');
    });

    it('when the bandwidth holds no letter ("1600"), then it is refused with "bandwidth_letter"', () => {
      const r = assertRefused('1600', 'bandwidth_letter');
      assert.deepEqual(r.params, { count: 0 });
      assertRefused('1600F3E', 'bandwidth_letter');
    });

    it(
      'when a bandwidth character is neither a digit nor H, K, M, G ("1X00F3E"), ' +
        'then it is refused with "bandwidth_digits" naming it',
      () => {
        const r = assertRefused('1X00F3E', 'bandwidth_digits');
        assert.deepEqual(r.params, { char: 'X', position: 2 });
        assert.match(r.reason, /character 2/);
        assertRefused('16.0F3E', 'bandwidth_digits');
      },
    );

    it('when the bandwidth is zero ("H000"), then it is refused with "bandwidth_digits"', () => {
      assert.match(assertRefused('H000', 'bandwidth_digits').reason, /greater than 0/);
    });

    it(
      'when the modulation symbol is not in the table ("16K0Z3E"), ' +
        'then it is refused with "modulation" listing the allowed symbols',
      () => {
        const r = assertRefused('16K0Z3E', 'modulation');
        assert.deepEqual(r.params, { char: 'Z', allowed: 'N A H R J B C F G D P K L M Q V W X' });
        assert.match(
          r.reason,
          new RegExp(
            '^character 5 \\(type of modulation of the main carrier\\) must be one of ' +
              'N A H R J B C F G D P K L M Q V W X, not "Z"$',
          ),
        );
      },
    );

    it(
      'when the modulating-signal symbol is not in the table ("16K0F4E"), ' +
        'then it is refused with "signal" at position 6',
      () => {
        const r = assertRefused('16K0F4E', 'signal');
        assert.deepEqual(r.params, { char: '4', allowed: '0 1 2 3 7 8 9 X' });
        assert.match(r.reason, /^character 6 /);
      },
    );

    it(
      'when the information symbol is not in the table ("16K0F3Z"), ' +
        'then it is refused with "information" at position 7',
      () => {
        const r = assertRefused('16K0F3Z', 'information');
        assert.deepEqual(r.params, { char: 'Z', allowed: 'N A B C D E F W X' });
        assert.match(r.reason, /^character 7 /);
      },
    );

    it(
      'when the details-of-signal symbol is not in the table ("16K0F3EI"), ' +
        'then it is refused with "detail" at position 8',
      () => {
        const r = assertRefused('16K0F3EI', 'detail');
        assert.deepEqual(r.params, { char: 'I', allowed: 'A B C D E F G H J K L M N W X' });
        assert.match(r.reason, /^character 8 /);
      },
    );

    it(
      'when the multiplexing symbol is not in the table ("16K0F3EJA"), ' +
        'then it is refused with "multiplex" at position 9',
      () => {
        const r = assertRefused('16K0F3EJA', 'multiplex');
        assert.deepEqual(r.params, { char: 'A', allowed: 'N C F T W X' });
        assert.match(r.reason, /^character 9 /);
      },
    );

    for (const input of ['16K0F', '16K0F3', '16K0F3EJNX', '16K', '16K0F3EJNXX']) {
      it(`when the designator has ${input.length} characters ("${input}"), then it is refused with "length"`, () => {
        const r = assertRefused(input, 'length');
        assert.deepEqual(r.params, { length: input.length });
        assert.match(r.reason, new RegExp(`not ${input.length}$`));
      });
    }

    it(
      'when a class is required and only the bandwidth is given ("16K0"), ' +
        'then it is refused with "class_required"',
      () => {
        const r = refusal('16K0', { requireClass: true });
        assert.equal(r.code, 'class_required');
        assert.match(r.reason, /class of emission/);
        assert.equal(decoded('16K0').necessaryBandwidthHz, 16000);
        assert.equal(decoded('16K0F3E', { requireClass: true }).classOfEmission, 'F3E');
      },
    );

    it(
      'when a class is required but the bandwidth itself is invalid, ' + 'then the bandwidth error is reported first',
      () => {
        assert.equal(refusal('K160', { requireClass: true }).code, 'bandwidth_first_char');
      },
    );
  });

  describe('bandwidthPartHz', () => {
    it('when valid bandwidth parts are given, then they decode to Hz', () => {
      assert.equal(bandwidthPartHz('16K0'), 16000);
      assert.equal(bandwidthPartHz('400H'), 400);
      assert.equal(bandwidthPartHz('12k5'), 12500);
      assert.equal(bandwidthPartHz('202M'), 202_000_000);
    });

    it('when invalid or wrong-length parts are given, then it returns null', () => {
      for (const part of ['', '16K', '16K0F', 'K160', '0K50', '1KK0', '1600', 'H000'])
        assert.equal(bandwidthPartHz(part), null, part);
    });
  });
});
