import { Router, type Request, type Response } from 'express';
import type { RouteDeps } from '../../lib/route-deps';
import { actorOf, currentUser } from '../../lib/actor';
import { handleForm } from '../../lib/forms';
import { requireLogin } from '../../middleware/auth';
import { flash } from '../../middleware/locals';
import { createToken, listTokens, revokeToken } from '../auth/tokens.service';
import { changeOwnPassword } from '../users/users.service';
import { presentToken } from './account.presenter';

export function accountRoutes({ db, districts }: RouteDeps): Router {
  const r = Router();
  r.use(['/account', '/api/v1/tokens'], requireLogin);

  const page = (req: Request, extra: Record<string, unknown> = {}) => ({
    view: 'account/show',
    locals: async () => {
      const codes = currentUser(req).districtCodes;
      const mine = (await districts.current())
        .filter((d) => codes.includes(d.code))
        .map((d) => ({ code: d.code, name: d.name }));
      return {
        title: req.t('account.title'),
        tokens: (await listTokens(currentUser(req).id)).map((t) => presentToken(t)),
        myDistricts: mine,
        ...extra,
      };
    },
  });

  r.get('/account', async (req, res) => {
    res.render('account/show', await page(req).locals());
  });

  r.post('/account/password', async (req, res) => {
    await handleForm(req, res, page(req, { form: 'password' }), async () => {
      await changeOwnPassword(db.sequelize, currentUser(req).id, req.body, actorOf(req), req.sessionID);
      flash(req, { type: 'success', key: 'account.passwordChanged' });
      res.redirect(303, '/account');
    });
  });

  r.post('/account/tokens', async (req, res) => {
    await handleForm(req, res, page(req, { form: 'token' }), async () => {
      const { token } = await createToken(db.sequelize, currentUser(req).id, req.body, actorOf(req));
      flash(req, { type: 'success', key: 'account.tokenCreated', secret: token });
      res.redirect(303, '/account#tokens');
    });
  });

  r.post('/account/tokens/:id/revoke', async (req: Request, res: Response) => {
    await revokeToken(db.sequelize, currentUser(req).id, Number(req.params.id), actorOf(req));
    flash(req, { type: 'success', key: 'account.revoked' });
    res.redirect(303, '/account#tokens');
  });

  r.get('/api/v1/tokens', async (req, res) => {
    const data = (await listTokens(currentUser(req).id)).map((t) => presentToken(t));
    res.json({ data, page: 1, pageSize: data.length, total: data.length });
  });
  r.post('/api/v1/tokens', async (req, res) => {
    const { token, record } = await createToken(db.sequelize, currentUser(req).id, req.body, actorOf(req));
    res.status(201).json({ data: { ...presentToken(record), token } });
  });
  r.delete('/api/v1/tokens/:id', async (req, res) => {
    await revokeToken(db.sequelize, currentUser(req).id, Number(req.params.id), actorOf(req));
    res.status(204).end();
  });
  return r;
}
