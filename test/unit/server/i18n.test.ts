import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { en } from '../../../server/lib/i18n/en';
import { vi } from '../../../server/lib/i18n/vi';
import { formatter } from '../../../server/lib/format';
import { foldDiacritics, stripDiacritics } from '../../../server/lib/text';

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}
function get(o: object, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((x, k) => (x && typeof x === 'object' ? (x as Record<string, unknown>)[k] : undefined), o);
}
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

/**
 * i18next plural keys: `x_one`/`x_other` in English, `x_other` alone in Vietnamese (it has one plural form,
 * Intl.PluralRules('vi') → "other"). A plain key comparison cannot know that, so keys are compared by
 * their base (suffix removed), and each language must have exactly the forms its plural rules use.
 */
const PLURAL = /_(zero|one|two|few|many|other)$/;
const baseKeys = (o: object) => [...new Set(keys(o).map((k) => k.replace(PLURAL, '')))].sort();
function pluralForms(o: object): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const k of keys(o)) {
    const m = PLURAL.exec(k);
    if (m) out.set(k.replace(PLURAL, ''), [...(out.get(k.replace(PLURAL, '')) ?? []), m[1] as string].sort());
  }
  return out;
}
/** A key as t() is called with it: a plain string, or the base of plural keys. */
function has(o: object, key: string): boolean {
  return typeof get(o, key) === 'string' || typeof get(o, `${key}_other`) === 'string';
}

describe('languages', () => {
  it('Vietnamese and English have the same keys, none empty', () => {
    assert.deepEqual(baseKeys(vi), baseKeys(en));
    for (const [lang, dict] of [
      ['en', en],
      ['vi', vi],
    ] as const) {
      const needed = [...new Intl.PluralRules(lang).resolvedOptions().pluralCategories].sort();
      for (const [base, forms] of pluralForms(dict)) assert.deepEqual(forms, needed, `${lang} ${base}: plural forms`);
    }
    assert.ok(pluralForms(en).size > 10, 'counts use plural keys');
    assert.deepEqual([...pluralForms(vi).keys()].sort(), [...pluralForms(en).keys()].sort());
    for (const k of keys(en)) {
      assert.ok(String(get(en, k)).length > 0, `en ${k}`);
      assert.ok(String(get(vi, k)).length > 0, `vi ${k}`);
    }
  });

  it('every key used by a view or the server exists in both languages', () => {
    const root = path.resolve(__dirname, '../../..');
    const sources = [...files(path.join(root, 'views')), ...files(path.join(root, 'server'))].filter(
      (f) => /\.(ejs|ts)$/.test(f) && !f.includes('i18n'),
    );
    const used = new Set<string>();
    for (const f of sources) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/\bt\('([a-zA-Z]+\.[a-zA-Z0-9_.]+)'/g)) used.add(m[1] as string);
      for (const m of text.matchAll(/key: '([a-zA-Z]+\.[a-zA-Z0-9_.]+)'/g)) used.add(m[1] as string);
      for (const m of text.matchAll(/'(v\.[a-zA-Z]+)'/g)) used.add(m[1] as string);
      for (const m of text.matchAll(/Error\('([a-zA-Z]+\.[a-zA-Z.]+)'/g)) used.add(m[1] as string);
    }
    assert.ok(used.size > 100, `found ${used.size} keys`);
    // A key ending in '.' is a prefix completed at run time (t('roles.' + role)): it must be a group.
    const kind = (k: string) => (k.endsWith('.') ? 'object' : 'string');
    const present = (o: object, k: string) =>
      kind(k) === 'string' ? has(o, k) : typeof get(o, k.replace(/\.$/, '')) === 'object';
    const missing = [...used].filter((k) => !present(en, k) || !present(vi, k));
    assert.deepEqual(missing, []);
  });

  it('numbers, dates and frequencies follow the language', () => {
    const v = formatter('vi');
    const e = formatter('en');
    assert.equal(v.number(1234.5), '1.234,5');
    assert.equal(e.number(1234.5), '1,234.5');
    assert.equal(v.date('2026-11-26'), '26/11/2026');
    assert.equal(e.date('2026-11-26'), '2026-11-26');
    assert.equal(v.frequency(100_500_000), '100,5 MHz');
    assert.equal(e.frequency(12_500), '12.5 kHz');
    assert.equal(v.dateTime(new Date('2026-11-26T01:05:00Z')), '26/11/2026 08:05');
  });

  it('text folds for search without diacritics, keeping NFC for storage', () => {
    assert.equal(foldDiacritics('Krông  Pắc'), 'krong pac');
    assert.equal(foldDiacritics('ĐẮK LẮK'), 'dak lak');
    assert.equal(stripDiacritics("M'Đrắk"), "M'Drak");
  });
});
