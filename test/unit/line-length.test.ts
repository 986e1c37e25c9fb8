/**
 * No line over 120 characters. ESLint's max-len holds .ts/.js/.mjs files (eslint.config.mjs); ESLint does
 * not read CSS, so this test holds the stylesheets: every .css file of the repository, outside what
 * .gitignore leaves out (node_modules, data, test-results) and dot-folders.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const MAX = 120;
const SKIP = new Set(['node_modules', 'data', 'test-results']);

function cssFiles(dir = ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name.startsWith('.') || SKIP.has(e.name)) return [];
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return cssFiles(full);
    return e.isFile() && e.name.endsWith('.css') ? [path.relative(ROOT, full)] : [];
  });
}

describe('line length', () => {
  it('when the stylesheets are read, then no line is longer than 120 characters', () => {
    const files = cssFiles();
    assert.ok(files.includes(path.join('public', 'css', 'app.css')), `app.css not among ${files.join(', ')}`);
    const long = files.flatMap((file) =>
      readFileSync(path.join(ROOT, file), 'utf8')
        .split(/\r?\n/)
        .flatMap((line, i) => (line.length > MAX ? [`${file}:${i + 1} (${line.length})`] : [])),
    );
    assert.deepEqual(long, []);
  });
});
