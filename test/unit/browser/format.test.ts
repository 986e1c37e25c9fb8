import assert from 'node:assert/strict';
import { formatter, type Lang } from '../../../server/lib/format';
import type { BrowserFormatter } from '../../../public/js/format.js';

// The browser's formatter (public/js/format.js, an ES module served as is) and the server's must write the
// same text, so that a popup on the map and the page around it agree.
describe('the browser formatter (public/js/format.js) and the server formatter', () => {
  let browser: (lang: string) => BrowserFormatter;
  before(async () => {
    browser = (await import('../../../public/js/format.js')).formatter;
  });

  const LANGS: Lang[] = ['vi', 'en'];
  const FREQUENCIES = [
    160018750,
    160006000,
    100500000,
    0,
    -1,
    -12500,
    -160018750,
    1,
    999,
    1000,
    12500,
    999999,
    1e6,
    2.4e9,
    10.7e9,
    3.5e10,
    1234567890123,
    0.5,
    12.345678,
    433920000,
    146.52e6,
    27.185e6,
    7e3,
    null,
    undefined,
    Number.NaN,
    Number.POSITIVE_INFINITY,
  ];
  const NUMBERS = [0, -0, 1, -1, 1234.5, -1234.5, 0.125, 2 / 3, 1e6, 123456789.987654, 1e21, null, Number.NaN];
  const DATES = [
    '2026-11-26',
    '2026-01-05',
    '2026-11-26T16:30:00Z',
    '2026-11-26T23:59:00+07:00',
    new Date(Date.UTC(2025, 11, 31, 17, 5)),
    '',
    'not a date',
    null,
    undefined,
  ];

  for (const lang of LANGS) {
    it(`when both format the same frequencies in ${lang}, then the texts are equal`, () => {
      const server = formatter(lang);
      const b = browser(lang);
      for (const hz of FREQUENCIES) assert.equal(b.frequency(hz), server.frequency(hz), `${hz} Hz`);
    });

    it(`when both format the same numbers and areas in ${lang}, then the texts are equal`, () => {
      const server = formatter(lang);
      const b = browser(lang);
      for (const n of NUMBERS) {
        assert.equal(b.number(n), server.number(n), String(n));
        for (const digits of [0, 1, 2, 4, 6])
          assert.equal(b.number(n, digits), server.number(n, digits), `${n}/${digits}`);
      }
      for (const km2 of [0, 0.5, 9.99, 10, 1234.4, null]) assert.equal(b.area(km2), server.area(km2), `${km2} km²`);
    });

    it(`when both format the same dates and times in ${lang}, then the texts are equal`, () => {
      const server = formatter(lang);
      const b = browser(lang);
      for (const d of DATES) {
        assert.equal(b.date(d), server.date(d), `date ${String(d)}`);
        assert.equal(b.dateTime(d), server.dateTime(d), `dateTime ${String(d)}`);
      }
    });
  }

  it('when a frequency has five decimals of MHz, then all of them are shown in the language of the page', () => {
    assert.equal(browser('en').frequency(160018750), '160.01875 MHz');
    assert.equal(browser('vi').frequency(160018750), '160,01875 MHz');
    assert.equal(browser('en').frequency(12500), '12.5 kHz');
    assert.equal(browser('vi').frequency(2.4e9), '2,4 GHz');
    assert.equal(browser('en').frequency(null), '');
    assert.equal(browser('vi').number(1234.5), '1.234,5');
    assert.equal(browser('vi').date('2026-11-26'), '26/11/2026');
  });
});
