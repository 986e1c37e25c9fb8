/** Import parsers (SPEC §10.5): delimiter detection, header → field guessing, units as people write them. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { detectDelimiter, readCsv } from '../../../server/modules/imports/imports.csv';
import { guessMapping, headerUnit } from '../../../server/modules/imports/imports.fields';
import { frequencyCell, powerCellW } from '../../../server/modules/imports/imports.units';

describe('import parsers', () => {
  it('when the header line has more semicolons than commas outside quotes, then the delimiter is ";"', () => {
    assert.equal(detectDelimiter('name;kind;"a, b, c"'), ';');
    assert.equal(detectDelimiter('name,kind,"a;b;c;d"'), ',');
    assert.equal(detectDelimiter('single'), ',');
  });

  it(
    'when headers are written in Vietnamese or English, in any case and with or without diacritics' + ', then they map',
    () => {
      const m = guessMapping('assignments', [
        'Mã',
        'Mã trạm',
        'HƯỚNG',
        'Tần số (MHz)',
        'Băng thông',
        'Ký hiệu phát xạ',
      ]);
      assert.deepEqual(m, {
        externalRef: 'Mã',
        stationExternalRef: 'Mã trạm',
        direction: 'HƯỚNG',
        frequencyHz: 'Tần số (MHz)',
        bandwidthHz: 'Băng thông',
        emissionDesignator: 'Ký hiệu phát xạ',
      });
      // NFD headers (combining marks) fold the same way.
      const nfd = guessMapping('stations', ['Vĩ độ'.normalize('NFD'), 'kinh do', 'Công suất (dBW)']);
      assert.deepEqual(nfd, { latitude: 'Vĩ độ'.normalize('NFD'), longitude: 'kinh do', txPowerW: 'Công suất (dBW)' });
    },
  );

  it('when headers are the JSON field names, then they map directly, frequencyMhz standing for frequencyHz', () => {
    const m = guessMapping('assignments', [
      'externalRef',
      'stationExternalRef',
      'direction',
      'frequencyMhz',
      'bandwidthHz',
    ]);
    assert.equal(m.frequencyHz, 'frequencyMhz');
    assert.equal(m.bandwidthHz, 'bandwidthHz');
    assert.equal(headerUnit('frequencyMhz', 'frequency'), 'MHz');
    assert.equal(headerUnit('Tần số (kHz)', 'frequency'), 'kHz');
    assert.equal(headerUnit('txPowerDbw', 'power'), 'dBW');
    assert.equal(headerUnit('Frequency', 'frequency'), null);
  });

  it(
    'when a frequency cell has no unit' + ', then the header or unit column gives it; a cell with a unit keeps its own',
    () => {
      assert.equal(frequencyCell('100.5', 'MHz', null), '100.5 MHz');
      assert.equal(frequencyCell('455', null, 'kHz'), '455 kHz');
      assert.equal(frequencyCell('455 kHz', 'MHz', null), '455 kHz');
      assert.equal(frequencyCell('100.5', null, null), '100.5');
    },
  );

  it('when a power is written in W, kW or dBW, then it becomes watts', () => {
    assert.equal(powerCellW('25', null), '25');
    assert.equal(powerCellW('0,5 kW', null), '500');
    assert.equal(powerCellW('10', 'dBW'), '10');
    assert.equal(powerCellW('20 dBW', null), '100');
    assert.equal(powerCellW('-10 dBW', 'W'), '0.1');
    assert.equal(powerCellW('năm', null), 'năm');
  });

  it(
    'when a file has a BOM, semicolons, quoted fields and NFD text' + ', then the rows come back as NFC cells',
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'tanso-csv-'));
      try {
        const file = path.join(dir, 'a.csv');
        writeFileSync(
          file,
          `\uFEFFname;address\r\n"Công ty ""A""";${'Buôn Ma Thuột'.normalize('NFD')}\r\n\r\nB;"x; y"\r\n`,
        );
        const items = [];
        for await (const item of readCsv(file, ';')) items.push(item);
        assert.deepEqual(items, [
          { headers: ['name', 'address'] },
          { row: 1, cells: ['Công ty "A"', 'Buôn Ma Thuột'] },
          { row: 2, cells: ['B', 'x; y'] },
        ]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
