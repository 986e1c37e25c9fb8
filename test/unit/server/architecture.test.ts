/**
 * The shape rules of server/ (README "Architecture"), checked by reading imports:
 * - a module reaches another module only through its public faces: its services (`*.service.ts`, the use
 *   cases), presenters (`*.presenter.ts`, records as plain objects) and schemas (`*.schema.ts`, input parsers);
 * - below the routes, no two module folders import each other (no two-way ties): routes compose a page
 *   from several modules (a licence page lists its stations, a station page shows its licence);
 * - server/lib (framework glue) imports no module except for types.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const SERVER = path.resolve(__dirname, '../../../server');
const MODULES = path.join(SERVER, 'modules');
const LIB = path.join(SERVER, 'lib');

interface Import {
  file: string;
  target: string;
  typeOnly: boolean;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((rel) => rel.endsWith('.ts'))
    .map((rel) => path.join(dir, rel));
}

/** Relative imports of a file, resolved to absolute paths without extension. */
function importsOf(file: string): Import[] {
  const source = readFileSync(file, 'utf8');
  const re = /\b(import|export)(\s+type)?\s[^'"`;]*?\bfrom\s*['"](\.[^'"]+)['"]/g;
  return [...source.matchAll(re)].map((m) => ({
    file,
    target: path.resolve(path.dirname(file), m[3] as string),
    typeOnly: Boolean(m[2]),
  }));
}

/** The module folder a path lies in, or null. */
function moduleOf(p: string): string | null {
  const rel = path.relative(MODULES, p);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return rel.split(path.sep)[0] ?? null;
}

/** A module's public faces: its services (`*.service.ts`), presenters and input schemas. */
function isPublicFace(target: string, mod: string): boolean {
  return path.dirname(target) === path.join(MODULES, mod) && /\.(service|presenter|schema)(\.ts)?$/.test(target);
}

/** Routes compose pages from several modules and nothing imports them: they are left out of the tie check. */
const isRoutes = (file: string) => file.endsWith('.routes.ts');

const rel = (p: string) => path.relative(SERVER, p);

describe('server/ architecture', () => {
  const moduleImports = tsFiles(MODULES).flatMap(importsOf);

  it('when a module imports another module, then only its service, presenter or schema', () => {
    const bad = moduleImports.filter((i) => {
      const from = moduleOf(i.file);
      const to = moduleOf(i.target);
      return from && to && from !== to && !isPublicFace(i.target, to);
    });
    assert.deepEqual(
      bad.map((i) => `${rel(i.file)} → ${rel(i.target)}`),
      [],
    );
  });

  it('when two module folders are compared, then at most one of them imports the other', () => {
    const edges = new Set<string>();
    for (const i of moduleImports) {
      const from = moduleOf(i.file);
      const to = moduleOf(i.target);
      if (from && to && from !== to && !i.typeOnly && !isRoutes(i.file)) edges.add(`${from}→${to}`);
    }
    const ties = [...edges].filter((e) => {
      const [a, b] = e.split('→');
      return (a as string) < (b as string) && edges.has(`${b}→${a}`);
    });
    assert.deepEqual(ties, []);
  });

  it('when server/lib imports from a module, then only types', () => {
    const bad = tsFiles(LIB)
      .flatMap(importsOf)
      .filter((i) => moduleOf(i.target) && !i.typeOnly);
    assert.deepEqual(
      bad.map((i) => `${rel(i.file)} → ${rel(i.target)}`),
      [],
    );
  });

  it('when the checker reads an import, then it resolves the module and the public face (sanity check)', () => {
    assert.equal(moduleOf(path.join(MODULES, 'licences', 'licences.service')), 'licences');
    assert.equal(isPublicFace(path.join(MODULES, 'licences', 'licences.service'), 'licences'), true);
    assert.equal(isPublicFace(path.join(MODULES, 'licences', 'licences.policy'), 'licences'), false);
    assert.equal(isPublicFace(path.join(MODULES, 'inspections', 'due.service'), 'inspections'), true);
    assert.equal(moduleOf(path.join(LIB, 'dates')), null);
  });
});
