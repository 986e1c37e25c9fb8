/**
 * The inspections and findings of a station or a licence, for the small list on their pages (and the
 * open suspension requests on a licence, for managers). Set as res.locals before those pages render,
 * so that their routes need not know about inspections.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { currentUser, type CurrentUser } from '../../lib/actor';
import { Inspection } from '../../models/Inspection';
import { User } from '../../models/User';
import { listFindings, suspensionRequests } from './findings.service';
import { visibleDistricts } from './inspections.policy';
import { presentFinding, presentInspection } from './inspections.presenter';

async function relatedTo(where: { stationId: number } | { licenceId: number }, user: CurrentUser) {
  const visible = visibleDistricts(user);
  const inspections = await Inspection.findAll({
    where: visible ? { ...where, districtCode: visible } : where,
    include: [
      { model: User, as: 'inspectors', attributes: ['id', 'username', 'fullName'], through: { attributes: [] } },
    ],
    order: [['id', 'DESC']],
    limit: 20,
  });
  const filter = 'stationId' in where ? { stationId: where.stationId } : { licenceId: where.licenceId };
  const findings = await listFindings(
    { ...filter, sort: { field: 'createdAt', dir: 'DESC' } },
    { page: 1, pageSize: 50, offset: 0 },
    user,
  );
  const requests = 'licenceId' in where && user.role === 'manager' ? await suspensionRequests(where.licenceId) : [];
  return {
    inspections: inspections.map((i) => presentInspection(i, user)),
    findings: findings.rows.map((f) => presentFinding(f, user)),
    suspensionRequests: requests.map((f) => presentFinding(f, user)),
  };
}

export function inspectionRelatedLocals(): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const m = req.method === 'GET' && req.currentUser ? /^\/(stations|licences)\/(\d+)$/.exec(req.path) : null;
    if (m) {
      const id = Number(m[2]);
      res.locals.inspectionRelated = await relatedTo(
        m[1] === 'stations' ? { stationId: id } : { licenceId: id },
        currentUser(req),
      );
    }
    next();
  };
}
