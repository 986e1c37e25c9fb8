import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { RouteDeps } from '../../lib/route-deps';
import { exportIfAsked } from '../../lib/export';
import { pageOf, pageRequest } from '../../lib/pagination';
import { requireLogin, requireRole } from '../../middleware/auth';
import { exportAuditEvents, listAuditEvents } from '../audit/audit.service';
import { AUDIT_EXPORT, presentAuditEventForAdmin, showValue } from '../audit/audit.presenter';

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);
const AuditQuery = z.object({
  entity: z
    .string()
    .max(40)
    .regex(/^[a-z_]*$/)
    .optional()
    .catch(undefined),
  entityId: z.string().max(40).optional().catch(undefined),
  action: z
    .string()
    .max(40)
    .regex(/^[a-z_]*$/)
    .optional()
    .catch(undefined),
  actorId: z.coerce.number().int().positive().optional().catch(undefined),
  from: date,
  to: date,
});

/** `?format=csv`: the whole filtered log as a file (SPEC §10.3). */
const exported = (req: Request, res: Response) =>
  exportIfAsked(req, res, AUDIT_EXPORT, (_format, send) => exportAuditEvents(AuditQuery.parse(req.query)).then(send));

export const AUDIT_ENTITIES = ['user', 'api_token', 'district', 'service', 'band_plan_entry'];

export function adminRoutes(_deps: RouteDeps): Router {
  const r = Router();
  r.use(['/admin', '/api/v1/audit-events'], requireLogin, requireRole('admin'));
  r.get('/admin', (_req, res) => res.redirect(303, '/admin/users'));

  r.get('/admin/audit', async (req, res) => {
    if (await exported(req, res)) return;
    const filter = AuditQuery.parse(req.query);
    const page = pageRequest(req.query, 50);
    const { rows, total, actors } = await listAuditEvents(filter, page);
    res.render('admin/audit', {
      title: req.t('audit.title'),
      events: rows.map((e) => presentAuditEventForAdmin(e, actors)),
      filter,
      page,
      total,
      entities: AUDIT_ENTITIES,
      showValue,
    });
  });

  r.get('/api/v1/audit-events', async (req, res) => {
    if (await exported(req, res)) return;
    const page = pageRequest(req.query, 50);
    const { rows, total, actors } = await listAuditEvents(AuditQuery.parse(req.query), page);
    res.json(
      pageOf(
        rows.map((e) => presentAuditEventForAdmin(e, actors)),
        total,
        page,
      ),
    );
  });
  return r;
}
