/**
 * Bulk import (SPEC §10.5): an uploaded file is checked (dry run: nothing written but the import row),
 * its mapping adjusted and saved by name, and committed by a job. Licensing officers import; managers and
 * administrators see every import, officers their own.
 */
import { rm } from 'node:fs/promises';
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import type { Actor, CurrentUser } from '../../lib/actor';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors';
import type { PageRequest } from '../../lib/pagination';
import { requiredText } from '../../lib/schema-helpers';
import type { Job } from '../../models/Job';
import {
  Import,
  IMPORT_KINDS,
  ImportMapping,
  type ImportKind,
  type ImportMappingValue,
} from '../../models/import-models';
import { enqueue } from '../../jobs/queue';
import { recordAudit } from '../audit/audit.service';
import type { DistrictService } from '../districts/districts.service';
import { checkAnyFile } from './imports.register';
import { IMPORT_JOB_KIND } from './imports.commit';
import { detectDelimiter, firstLineOf, readCsv } from './imports.csv';
import { storedPath } from './imports.storage';
import { guessMapping, IMPORT_FIELDS } from './imports.fields';

export { IMPORT_JOB_KIND };
const IMPORT_ROLES = ['licensing_officer', 'manager', 'admin'];

export function assertImportRole(user: Pick<CurrentUser, 'role'>): void {
  if (!IMPORT_ROLES.includes(user.role)) throw new ForbiddenError('imports.refused.role');
}

export function seesAllImports(user: Pick<CurrentUser, 'role'>): boolean {
  return user.role === 'manager' || user.role === 'admin';
}

const kindInput = z.enum(IMPORT_KINDS, { error: 'v.notAllowed' });

/** A mapping from the API (JSON text or object) or the page's form: only known fields, to non-empty headers. */
export function parseMapping(kind: ImportKind, raw: unknown): ImportMappingValue | null {
  if (raw === undefined || raw === null || raw === '') return null;
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new ValidationError({ mapping: { key: 'imports.badMapping' } });
    }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new ValidationError({ mapping: { key: 'imports.badMapping' } });
  const fields = new Set(IMPORT_FIELDS[kind].map((s) => s.field));
  const out: ImportMappingValue = {};
  for (const [field, header] of Object.entries(value)) {
    if (!fields.has(field)) throw new ValidationError({ mapping: { key: 'imports.unknownField', params: { field } } });
    if (typeof header === 'string' && header.trim()) out[field] = header.normalize('NFC').trim();
  }
  return out;
}

export interface UploadedFile {
  path: string;
  originalname: string;
  filename: string;
}

export interface NewImport {
  file: UploadedFile | null;
  kind: unknown;
  mapping?: unknown;
  mappingName?: unknown;
}

/** The dry run of an uploaded file: checked row by row, nothing written but the import row (and its audit). */
export async function createImport(
  sequelize: Sequelize,
  districts: DistrictService,
  body: NewImport,
  user: CurrentUser,
  actor: Actor,
): Promise<Import> {
  assertImportRole(user);
  const kindParsed = kindInput.safeParse(body.kind);
  if (!body.file || !kindParsed.success) {
    if (body.file) await rm(body.file.path, { force: true });
    throw new ValidationError({
      ...(body.file ? {} : { file: { key: 'v.required' } }),
      ...(kindParsed.success ? {} : { kind: { key: 'v.notAllowed' } }),
    });
  }
  const kind = kindParsed.data;
  const file = body.file;
  try {
    let mapping = parseMapping(kind, body.mapping);
    if (!mapping && typeof body.mappingName === 'string' && body.mappingName) {
      const saved = await ImportMapping.findOne({ where: { kind, name: body.mappingName } });
      if (!saved) throw new ValidationError({ mappingName: { key: 'imports.unknownMapping' } });
      mapping = saved.mapping;
    }
    const delimiter = detectDelimiter(await firstLineOf(file.path));
    const check = await runCheck(districts, kind, file.path, delimiter, mapping);
    return await sequelize.transaction(async (transaction) => {
      const imp = await Import.create(
        {
          kind,
          status: 'checked',
          fileName: (file.originalname || 'import.csv').normalize('NFC').slice(0, 255),
          storedName: file.filename,
          delimiter,
          headers: check.headers,
          mapping: check.mapping,
          rowCount: check.rowCount,
          counts: check.counts,
          outcomes: check.outcomes,
          errors: check.errors,
          result: null,
          createdById: user.id,
          jobId: null,
        },
        { transaction },
      );
      await recordAudit(transaction, {
        actor,
        entity: 'import',
        entityId: imp.id,
        action: 'create',
        after: { kind, fileName: imp.fileName, rowCount: imp.rowCount, ...check.counts },
      });
      return imp;
    });
  } catch (err) {
    await rm(file.path, { force: true });
    throw err;
  }
}

async function runCheck(
  districts: DistrictService,
  kind: ImportKind,
  file: string,
  delimiter: string,
  given: ImportMappingValue | null,
) {
  // The mapping guessed from the headers, unless one was given.
  const mapping = given ?? guessMapping(kind, await headersOf(file, delimiter));
  return { ...(await checkAnyFile({ kind, file, delimiter, mapping, districts })), mapping };
}

async function headersOf(file: string, delimiter: string): Promise<string[]> {
  for await (const item of readCsv(file, delimiter)) if ('headers' in item) return item.headers;
  return [];
}

export async function getImportFor(user: CurrentUser, id: number): Promise<Import> {
  assertImportRole(user);
  const imp = Number.isInteger(id) ? await Import.findByPk(id) : null;
  if (!imp || (!seesAllImports(user) && imp.createdById !== user.id)) throw new NotFoundError('imports.notFound');
  return imp;
}

export async function listImports(user: CurrentUser, page: PageRequest): Promise<{ rows: Import[]; total: number }> {
  assertImportRole(user);
  const { rows, count } = await Import.findAndCountAll({
    where: seesAllImports(user) ? {} : { createdById: user.id },
    attributes: { exclude: ['outcomes', 'errors'] },
    order: [['id', 'DESC']],
    limit: page.pageSize,
    offset: page.offset,
  });
  return { rows, total: count };
}

/** The dry run again with another mapping (while the import is not committed). */
export async function recheckImport(
  sequelize: Sequelize,
  districts: DistrictService,
  uploadDir: string,
  id: number,
  rawMapping: unknown,
  user: CurrentUser,
  actor: Actor,
): Promise<Import> {
  const imp = await getImportFor(user, id);
  if (imp.status === 'committing' || imp.status === 'committed')
    throw new ConflictError('imports.refused.committed', { status: imp.status });
  const mapping = parseMapping(imp.kind, rawMapping) ?? {};
  const check = await runCheck(districts, imp.kind, storedPath(uploadDir, imp.storedName), imp.delimiter, mapping);
  await sequelize.transaction(async (transaction) => {
    await imp.update(
      {
        status: 'checked',
        mapping,
        rowCount: check.rowCount,
        counts: check.counts,
        outcomes: check.outcomes,
        errors: check.errors,
        result: null,
      },
      { transaction },
    );
    await recordAudit(transaction, {
      actor,
      entity: 'import',
      entityId: imp.id,
      action: 'recheck',
      after: { mapping },
    });
  });
  return imp;
}

const mappingNameInput = requiredText(100);

/** Saves an import's mapping under a name for its record type (the same name is replaced). */
export async function saveMapping(
  sequelize: Sequelize,
  kind: ImportKind,
  rawName: unknown,
  mapping: ImportMappingValue,
  user: CurrentUser,
  actor: Actor,
): Promise<ImportMapping> {
  assertImportRole(user);
  const name = mappingNameInput.safeParse(rawName);
  if (!name.success) throw new ValidationError({ mappingName: { key: 'v.required' } });
  return sequelize.transaction(async (transaction) => {
    const existing = await ImportMapping.findOne({ where: { kind, name: name.data }, transaction });
    const m = existing
      ? await existing.update({ mapping }, { transaction })
      : await ImportMapping.create({ kind, name: name.data, mapping, createdById: user.id }, { transaction });
    await recordAudit(transaction, {
      actor,
      entity: 'import_mapping',
      entityId: m.id,
      action: existing ? 'update' : 'create',
      after: { kind, name: name.data, mapping },
    });
    return m;
  });
}

export async function mappingsOf(kind?: ImportKind): Promise<ImportMapping[]> {
  return ImportMapping.findAll({ where: kind ? { kind } : {}, order: [['name', 'ASC']] });
}

/** Queues the commit of a checked import without errors (202): the job writes all rows or none. */
export async function requestCommit(sequelize: Sequelize, id: number, user: CurrentUser, actor: Actor): Promise<Job> {
  const imp = await getImportFor(user, id);
  if (imp.status !== 'checked') throw new ConflictError('imports.refused.notChecked', { status: imp.status });
  if (imp.counts.error > 0) throw new ConflictError('imports.refused.hasErrors', { count: imp.counts.error });
  return sequelize.transaction(async (transaction) => {
    const { job } = await enqueue(sequelize, {
      kind: IMPORT_JOB_KIND,
      payload: { importId: imp.id },
      uniqueKey: `import:${imp.id}`,
      maxAttempts: 1,
      createdById: user.id,
      transaction,
    });
    await imp.update({ status: 'committing', jobId: job.id }, { transaction });
    await recordAudit(transaction, {
      actor,
      entity: 'import',
      entityId: imp.id,
      action: 'commit',
      after: { jobId: job.id },
    });
    return job;
  });
}
