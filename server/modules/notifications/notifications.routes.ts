/** /notifications (the signed-in user's, with mark-read), its API, and the header bell's unread count. */
import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { currentUser } from '../../lib/actor';
import { pageOf, pageRequest } from '../../lib/pagination';
import type { RouteDeps } from '../../lib/route-deps';
import { requireLogin } from '../../middleware/auth';
import { flash } from '../../middleware/locals';
import { presentNotification } from './notifications.presenter';
import { listNotifications, markAllRead, markRead, unreadCount } from './notifications.service';

async function list(req: Request) {
  const page = pageRequest(req.query, 25);
  const unread = req.query.unread === '1' || req.query.unread === 'true';
  const { rows, total } = await listNotifications(currentUser(req), { unread }, page);
  return { page, total, unread, notifications: rows.map(presentNotification) };
}

export function notificationRoutes(_deps: RouteDeps): Router {
  const r = Router();
  r.use(['/notifications', '/api/v1/notifications'], requireLogin);
  r.get('/notifications', async (req, res) => {
    const l = await list(req);
    res.render('notifications/index', { title: req.t('notifications.title'), ...l, query: req.query });
  });
  r.post('/notifications/read-all', async (req, res) => {
    await markAllRead(currentUser(req));
    flash(req, { type: 'success', key: 'notifications.marked' });
    res.redirect(303, '/notifications');
  });
  r.post('/notifications/:id/read', async (req, res) => {
    const n = await markRead(currentUser(req), Number(req.params.id));
    // "Open" marks read and follows the link; "Mark read" stays on the list.
    res.redirect(303, req.body?.open ? n.link : '/notifications');
  });
  r.get('/api/v1/notifications', async (req, res) => {
    const l = await list(req);
    res.json({ ...pageOf(l.notifications, l.total, l.page), unread: await unreadCount(currentUser(req).id) });
  });
  r.post('/api/v1/notifications/:id/read', async (req, res) => {
    res.json({ data: presentNotification(await markRead(currentUser(req), Number(req.params.id))) });
  });
  return r;
}

/** The unread count for the header's bell, on every page a signed-in user gets. */
export function unreadLocals(): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'GET' && req.currentUser && !req.path.startsWith('/api/'))
      res.locals.unreadNotifications = await unreadCount(req.currentUser.id);
    next();
  };
}
