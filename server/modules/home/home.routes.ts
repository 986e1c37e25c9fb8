import { Router } from 'express';
import type { RouteDeps } from '../../app';
import { requireLogin } from '../../middleware/auth';
import { BandPlanEntry } from '../../models/BandPlanEntry';
import { District } from '../../models/District';
import { Service } from '../../models/Service';
import { User } from '../../models/User';

export function homeRoutes(_deps: RouteDeps): Router {
  const r = Router();
  r.get('/', requireLogin, async (req, res) => {
    const [districts, approximate, services, bands, users] = await Promise.all([
      District.count({ where: { validTo: null } }),
      District.count({ where: { validTo: null, approximate: true } }),
      Service.count(),
      BandPlanEntry.count(),
      User.count({ where: { active: true } }),
    ]);
    res.render('home/index', { title: req.t('home.title'), stats: { districts, approximate, services, bands, users } });
  });
  return r;
}
