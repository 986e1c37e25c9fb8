import { Router } from 'express';
import { Op } from 'sequelize';
import type { RouteDeps } from '../../lib/route-deps';
import { requireLogin } from '../../middleware/auth';
import { BandPlanEntry } from '../../models/BandPlanEntry';
import { District } from '../../models/District';
import { Licence } from '../../models/Licence';
import { Licensee } from '../../models/Licensee';
import { Service } from '../../models/Service';
import { Station } from '../../models/Station';
import { User } from '../../models/User';
import { todayIso } from '../../lib/dates';
import { addDays } from '../../lib/dates';
import { dueStations } from '../inspections/due.service';

export function homeRoutes(_deps: RouteDeps): Router {
  const r = Router();
  r.get('/', requireLogin, async (req, res) => {
    const today = todayIso();
    const [
      districts,
      approximate,
      services,
      bands,
      users,
      licensees,
      stations,
      drafts,
      submitted,
      issued,
      expiring,
      returned,
    ] = await Promise.all([
      District.count({ where: { validTo: null } }),
      District.count({ where: { validTo: null, approximate: true } }),
      Service.count(),
      BandPlanEntry.count(),
      User.count({ where: { active: true } }),
      Licensee.count(),
      Station.count(),
      Licence.count({ where: { status: 'draft' } }),
      Licence.count({ where: { status: 'submitted' } }),
      Licence.count({ where: { status: 'issued' } }),
      Licence.count({
        where: { status: ['issued', 'suspended'], validTo: { [Op.gte]: today, [Op.lte]: addDays(today, 90) } },
      }),
      Licence.count({ where: { status: 'draft', returnReason: { [Op.ne]: null } } }),
    ]);
    // An inspector starts the day from what is due in their districts.
    const me = req.currentUser;
    const due =
      me?.role === 'inspector' ? await dueStations({ districtCodes: me.districtCodes, today, position: null }) : [];
    const field = {
      overdue: due.filter((d) => d.state === 'overdue').length,
      dueSoon: due.filter((d) => d.state === 'due').length,
    };
    res.render('home/index', {
      title: req.t('home.title'),
      stats: {
        districts,
        approximate,
        services,
        bands,
        users,
        licensees,
        stations,
        drafts,
        submitted,
        issued,
        expiring,
        returned,
      },
      field,
    });
  });
  return r;
}
