import { Router, type Request, type Response } from 'express';
import { stringify } from 'csv-stringify';
import { actorOf, currentUser } from '../../lib/actor';
import { ValidationError } from '../../lib/errors';
import { pageOf, pageRequest } from '../../lib/pagination';
import type { RouteDeps } from '../../lib/route-deps';
import { requireLogin } from '../../middleware/auth';
import { translateFields } from '../../middleware/errors';
import { flash } from '../../middleware/locals';
import { IMPORT_KINDS, type ImportKind } from '../../models/import-models';
import { presentJob } from '../jobs/jobs.presenter';
import { templateHeaders } from './imports.fields';
import { firstRows, mappingRows, outcomeRecords, presentImport, presentImportFull } from './imports.presenter';
import {
  assertImportRole,
  createImport,
  getImportFor,
  listImports,
  mappingsOf,
  parseMapping,
  recheckImport,
  requestCommit,
  saveMapping,
} from './imports.service';

const fileOf = (req: Request) =>
  req.file ? { path: req.file.path, originalname: req.file.originalname, filename: req.file.filename } : null;

const isKind = (k: unknown): k is ImportKind =>
  typeof k === 'string' && (IMPORT_KINDS as readonly string[]).includes(k);

export function importRoutes({ db, districts, config }: RouteDeps): Router {
  const r = Router();
  r.use(['/imports', '/api/v1/imports', '/api/v1/import-mappings'], requireLogin);
  const body = (req: Request) => (req.body ?? {}) as Record<string, unknown>;

  const indexPage = async (req: Request, res: Response, status = 200, errors: Record<string, string> = {}) => {
    const user = currentUser(req);
    const page = pageRequest(req.query, 25);
    const { rows, total } = await listImports(user, page);
    res.status(status).render('imports/index', {
      title: req.t('imports.title'),
      imports: rows.map((i) => presentImport(i, req.t, user)),
      mappings: (await mappingsOf()).map((m) => ({ kind: m.kind, name: m.name })),
      kinds: IMPORT_KINDS,
      values: status === 200 ? {} : body(req),
      errors,
      page,
      total,
    });
  };

  r.get('/imports', (req, res) => indexPage(req, res));
  r.post('/imports', async (req, res) => {
    const b = body(req);
    try {
      const imp = await createImport(
        db.sequelize,
        districts,
        { file: fileOf(req), kind: b.kind, mappingName: b.mappingName },
        currentUser(req),
        actorOf(req),
      );
      res.redirect(303, `/imports/${imp.id}`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      await indexPage(req, res, 422, translateFields(req.t, err.fields));
    }
  });
  r.get('/imports/templates/:kind.csv', (req, res) => {
    assertImportRole(currentUser(req));
    const kind = req.params.kind;
    if (!isKind(kind)) return res.status(404).type('text').send('unknown record type');
    res.type('text/csv; charset=utf-8').attachment(`tanso-${kind}-template.csv`);
    res.send(`\uFEFF${templateHeaders(kind).join(',')}\r\n`);
  });
  r.get('/imports/:id', async (req, res) => {
    const user = currentUser(req);
    const imp = await getImportFor(user, Number(req.params.id));
    res.render('imports/show', {
      title: req.t('imports.titleOne', { id: imp.id }),
      imp: presentImport(imp, req.t, user),
      headers: imp.headers,
      mapping: mappingRows(imp),
      rows: firstRows(imp, req.t),
    });
  });
  r.get('/imports/:id/outcomes.csv', async (req, res) => {
    const imp = await getImportFor(currentUser(req), Number(req.params.id));
    res.type('text/csv; charset=utf-8').attachment(`tanso-import-${imp.id}-outcomes.csv`);
    const out = stringify({ bom: true, escape_formulas: true });
    out.pipe(res);
    for (const rec of outcomeRecords(imp, req.t)) if (!out.write(rec)) await new Promise((ok) => out.once('drain', ok));
    out.end();
  });
  r.post('/imports/:id/mapping', async (req, res) => {
    const user = currentUser(req);
    const b = body(req);
    const raw = b.map && typeof b.map === 'object' ? b.map : {};
    const imp = await recheckImport(
      db.sequelize,
      districts,
      config.uploadDir,
      Number(req.params.id),
      raw,
      user,
      actorOf(req),
    );
    if (typeof b.saveAs === 'string' && b.saveAs.trim())
      await saveMapping(db.sequelize, imp.kind, b.saveAs, imp.mapping, user, actorOf(req));
    flash(req, { type: 'success', key: 'imports.done.rechecked' });
    res.redirect(303, `/imports/${imp.id}`);
  });
  r.post('/imports/:id/commit', async (req, res) => {
    const job = await requestCommit(db.sequelize, Number(req.params.id), currentUser(req), actorOf(req));
    flash(req, { type: 'success', key: 'imports.done.commit', params: { job: job.id } });
    res.redirect(303, `/imports/${req.params.id}`);
  });

  r.post('/api/v1/imports', async (req, res) => {
    const b = body(req);
    const user = currentUser(req);
    const imp = await createImport(
      db.sequelize,
      districts,
      { file: fileOf(req), kind: b.kind, mapping: b.mapping, mappingName: b.mappingName },
      user,
      actorOf(req),
    );
    res.status(201).json({ data: presentImportFull(imp, req.t, user) });
  });
  r.get('/api/v1/imports', async (req, res) => {
    const user = currentUser(req);
    const page = pageRequest(req.query, 25);
    const { rows, total } = await listImports(user, page);
    res.json(
      pageOf(
        rows.map((i) => presentImport(i, req.t, user)),
        total,
        page,
      ),
    );
  });
  r.get('/api/v1/imports/:id', async (req, res) => {
    const user = currentUser(req);
    res.json({ data: presentImportFull(await getImportFor(user, Number(req.params.id)), req.t, user) });
  });
  r.post('/api/v1/imports/:id/commit', async (req, res) => {
    const user = currentUser(req);
    const job = await requestCommit(db.sequelize, Number(req.params.id), user, actorOf(req));
    res.status(202).json({ data: presentJob(job, user) });
  });
  r.get('/api/v1/import-mappings', async (req, res) => {
    assertImportRole(currentUser(req));
    const kind = isKind(req.query.kind) ? req.query.kind : undefined;
    res.json({
      data: (await mappingsOf(kind)).map((m) => ({ id: m.id, kind: m.kind, name: m.name, mapping: m.mapping })),
    });
  });
  r.post('/api/v1/import-mappings', async (req, res) => {
    const b = body(req);
    if (!isKind(b.kind)) throw new ValidationError({ kind: { key: 'v.notAllowed' } });
    const mapping = parseMapping(b.kind, b.mapping) ?? {};
    const m = await saveMapping(db.sequelize, b.kind, b.name, mapping, currentUser(req), actorOf(req));
    res.status(201).json({ data: { id: m.id, kind: m.kind, name: m.name, mapping: m.mapping } });
  });
  return r;
}
