import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const GEO_DIR = path.join(REPO_ROOT, 'geo');
const SERVER_DIR = path.join(REPO_ROOT, 'server');

/** Packages geo/ must not depend on: it is pure computation, shared by the server and the tests. */
const FORBIDDEN_PACKAGE = /^(?:node:)?(?:express(?:-[\w-]+)?|sequelize|pg|sqlite3|fs|fs\/promises)(?:\/.*)?$/;

/** Module specifiers of `import … from 'x'`, `import 'x'`, `export … from 'x'`, `require('x')` and `import('x')`. */
function moduleSpecifiers(source: string): string[] {
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\b(?:require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((re) => [...source.matchAll(re)].map((m) => m[1] as string));
}

/** Why a specifier imported by `file` is not allowed in geo/, or null. */
function forbiddenReason(specifier: string, file: string): string | null {
  if (specifier.startsWith('.')) {
    const target = path.resolve(path.dirname(file), specifier);
    if (target === SERVER_DIR || target.startsWith(SERVER_DIR + path.sep)) return 'imports from server/';
    return null;
  }
  return FORBIDDEN_PACKAGE.test(specifier) ? `imports ${specifier}` : null;
}

function tsFilesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((rel) => rel.endsWith('.ts'))
    .map((rel) => path.join(dir, rel));
}

describe('geo/ purity', () => {
  it('when an import line names a forbidden module, then the checker flags it (sanity check of the checker)', () => {
    const file = path.join(GEO_DIR, 'districts', 'example.ts');
    const source = [
      "import express from 'express';",
      "import type { Sequelize } from 'sequelize';",
      "import { readFileSync } from 'node:fs';",
      "import { readFile } from 'fs/promises';",
      "const pg = require('pg');",
      "export { District } from '../../server/models/District';",
      "import '../../server/app';",
      "const lazy = await import('sqlite3');",
      "import { kinks } from '@turf/turf';",
      "import { areaKm2 } from './area';",
      "import { x } from '../units';",
    ].join('\n');
    const flagged = moduleSpecifiers(source)
      .filter((s) => forbiddenReason(s, file) !== null)
      .sort();
    assert.deepEqual(flagged, [
      '../../server/app',
      '../../server/models/District',
      'express',
      'fs/promises',
      'node:fs',
      'pg',
      'sequelize',
      'sqlite3',
    ]);
  });

  it('geo/ imports nothing from server/, Express, Sequelize, pg, sqlite3 or the file system', () => {
    const files = tsFilesUnder(GEO_DIR);
    assert.ok(files.length >= 6, `expected the geo/ sources, found ${files.length} .ts file(s)`);
    const offences: string[] = [];
    let imports = 0;
    for (const file of files) {
      for (const specifier of moduleSpecifiers(readFileSync(file, 'utf8'))) {
        imports++;
        const reason = forbiddenReason(specifier, file);
        if (reason) offences.push(`${path.relative(REPO_ROOT, file)} ${reason} ('${specifier}')`);
      }
    }
    assert.ok(imports > 0, 'no import was found at all: the import patterns are broken');
    assert.deepEqual(offences, []);
  });
});
