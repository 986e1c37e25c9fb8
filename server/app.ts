/**
 * buildApp(deps) builds the Express app and returns it; it never listens (supertest uses it directly).
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import express, { type Express, type Request } from 'express';
import helmet from 'helmet';
import type { i18n as I18n } from 'i18next';
import { pinoHttp } from 'pino-http';
import type { Config } from './config';
import { PROJECT_ROOT } from './config';
import type { Database } from './db';
import './lib/express-augment';
import { languageMiddleware } from './lib/i18n/middleware';
import type { Logger } from './lib/logger';
import { authenticate } from './middleware/auth';
import { csrf } from './middleware/csrf';
import { errorHandler, notFound } from './middleware/errors';
import { noStore, rejectBadText } from './middleware/input';
import { locals } from './middleware/locals';
import { saveBeforeRedirect, SESSION_COOKIE, sessionMiddleware } from './middleware/session';
import { accountRoutes } from './modules/account/account.routes';
import { adminRoutes } from './modules/admin/admin.routes';
import { authRoutes, type LoginLimits } from './modules/auth/auth.routes';
import { DistrictService } from './modules/districts/districts.service';
import { districtRoutes } from './modules/districts/districts.routes';
import { homeRoutes } from './modules/home/home.routes';
import { assignmentRoutes } from './modules/assignments/assignments.routes';
import { conflictRoutes } from './modules/conflicts/conflicts.routes';
import { planningRoutes } from './modules/planning/planning.routes';
import { jobRoutes } from './modules/jobs/jobs.routes';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes';
import { licenceRoutes } from './modules/licences/licences.routes';
import { licenseeRoutes } from './modules/licensees/licensees.routes';
import { mapRoutes } from './modules/map/map.routes';
import { stationRoutes } from './modules/stations/stations.routes';
import { referenceRoutes } from './modules/reference/reference.routes';
import { userRoutes } from './modules/users/users.routes';
import { findingRoutes } from './modules/inspections/findings.routes';
import { registerInspectionMapMetrics } from './modules/inspections/inspections.map.service';
import { inspectionRoutes } from './modules/inspections/inspections.routes';
import { inspectionUploads } from './modules/inspections/photos';
import { importRoutes } from './modules/imports/imports.routes';
import { importUploads } from './modules/imports/imports.upload';
import { inspectionRelatedLocals } from './modules/inspections/related';
import type { RouteDeps } from './lib/route-deps';
import { publicApiRoutes } from './modules/public/public.api.routes';
import { publicRoutes } from './modules/public/public.routes';
import { certificateRoutes } from './modules/certificates/certificates.routes';
import { feeDashboardLocals, feeLicenceLocals, feeRoutes } from './modules/fees/fees.routes';
import { notificationRoutes, unreadLocals } from './modules/notifications/notifications.routes';
import { asOfLocals } from './modules/history/history.schema';

/**
 * A GET or HEAD of a public register page (/register…) by a visitor: no session cookie (any cookie whose name
 * ends with the session cookie's counts as one: such a request takes the full chain) and no Authorization.
 */
function isVisitorPage(req: Request): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (req.path !== '/register' && !req.path.startsWith('/register/')) return false;
  if (req.headers.authorization) return false;
  return !req.headers.cookie?.includes(`${SESSION_COOKIE}=`);
}

/** How long /readyz waits for the database before answering 503. */
export const READY_TIMEOUT_MS = 800;

export interface AppDeps {
  config: Config;
  db: Database;
  logger: Logger;
  i18n: I18n;
  districts?: DistrictService;
  loginLimits?: Partial<LoginLimits>;
}

export interface BuiltApp {
  app: Express;
  districts: DistrictService;
  close(): void;
}

export type { RouteDeps } from './lib/route-deps';

export function buildApp(deps: AppDeps): BuiltApp {
  const { config, db, logger } = deps;
  const districts = deps.districts ?? new DistrictService(db.sequelize);
  const routeDeps: RouteDeps = { config, db, districts, logger };
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy ? 1 : false);
  app.set('view engine', 'ejs');
  app.set('views', path.join(PROJECT_ROOT, 'views'));
  // Views include others by their path under views/ ('/partials/field'): ejs finds such an include from `root`
  // without asking the file system, where a relative one costs a file check on every render (ejs 3
  // getIncludePath: 3 % of a public page's CPU even with compiled views cached).
  app.set('view options', { root: path.join(PROJECT_ROOT, 'views') });
  app.set('query parser', 'extended');
  // The jurisdiction's day, for `asOf` (history.schema.ts).
  app.set('timeZone', config.timeZone);

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      customLogLevel: (_req, res, err) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug',
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url.replace(/([?&](token|password)=)[^&]*/gi, '$1[redacted]'),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );

  const tileOrigin = new URL(config.tileUrl.replace(/\{[a-z]\}/g, 'a')).origin;
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', tileOrigin.replace('//a.', '//*.')],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          upgradeInsecureRequests: config.env === 'production' ? [] : null,
        },
      },
      strictTransportSecurity: config.env === 'production',
    }),
  );

  const staticOpts = { maxAge: config.env === 'production' ? '1d' : 0, index: false };
  app.use('/css', express.static(path.join(PROJECT_ROOT, 'public/css'), staticOpts));
  app.use('/js', express.static(path.join(PROJECT_ROOT, 'public/js'), staticOpts));
  app.use('/img', express.static(path.join(PROJECT_ROOT, 'public/img'), staticOpts));
  app.use('/vendor/leaflet', express.static(path.join(PROJECT_ROOT, 'node_modules/leaflet/dist'), staticOpts));
  app.use(
    '/vendor/leaflet.markercluster',
    express.static(path.join(PROJECT_ROOT, 'node_modules/leaflet.markercluster/dist'), staticOpts),
  );
  app.use('/vendor/chartjs', express.static(path.join(PROJECT_ROOT, 'node_modules/chart.js/dist'), staticOpts));
  app.use('/vendor/pico', express.static(path.join(PROJECT_ROOT, 'node_modules/@picocss/pico/css'), staticOpts));

  // Liveness never touches the database, so it answers at once whatever a long write is doing; readiness
  // asks the database, within a short time.
  app.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error('readiness timeout')), READY_TIMEOUT_MS);
    });
    try {
      await Promise.race([db.sequelize.query('SELECT 1'), timeout]);
      res.json({ status: 'ok', database: db.dialect });
    } catch {
      res.status(503).json({ status: 'unavailable', database: db.dialect });
    } finally {
      clearTimeout(timer);
    }
  });

  app.use(noStore);
  app.use(express.urlencoded({ extended: true, limit: '200kb' }));
  app.use(express.json({ limit: '2mb' }));
  // Text no database can take (a NUL byte) is refused before any route, public ones included; again below
  // once multipart fields are parsed.
  app.use(rejectBadText);

  // The public register's API: no session, no CSRF, its own rate limit and CORS (mounted before sessions).
  app.use(publicApiRoutes(routeDeps, deps.i18n));

  const language = languageMiddleware(deps.i18n, { ignoreRoutes: ['/css', '/js', '/vendor', '/healthz', '/readyz'] });
  const publicPages = publicRoutes(routeDeps);
  // The public register's pages for a visitor (a GET with neither a session cookie nor a bearer token): only
  // what their pages read (language, page locals, the date picker's), not the session, sign-in and staff
  // middleware below, whose work for a visitor is none (no user, an empty session never saved) but cost about
  // a sixth of a page's CPU. Anything these pages leave unanswered goes on down the full chain.
  const visitorPages = express.Router();
  visitorPages.use(language, locals(config), asOfLocals, publicPages);
  app.use((req, res, next) => (isVisitorPage(req) ? visitorPages(req, res, next) : next()));

  const sessions = sessionMiddleware(config, db.sequelize);
  app.use(sessions.middleware);
  app.use(saveBeforeRedirect);
  app.use(language);
  app.use(authenticate);
  app.use(locals(config));
  app.use(asOfLocals);
  // Multipart bodies (inspection photos) are parsed first, so that the CSRF check finds their _csrf.
  app.use(inspectionUploads());
  app.use(importUploads(config.uploadDir));
  app.use(rejectBadText);
  app.use(inspectionRelatedLocals());
  app.use(feeLicenceLocals());
  app.use(feeDashboardLocals(routeDeps));
  app.use(unreadLocals());
  app.use(csrf.csrfSynchronisedProtection);

  app.use(authRoutes(routeDeps, deps.loginLimits));
  app.use(homeRoutes(routeDeps));
  app.use(accountRoutes(routeDeps));
  app.use(districtRoutes(routeDeps));
  app.use(referenceRoutes(routeDeps));
  app.use(userRoutes(routeDeps));
  app.use(licenseeRoutes(routeDeps));
  app.use(licenceRoutes(routeDeps));
  app.use(stationRoutes(routeDeps));
  app.use(assignmentRoutes(routeDeps));
  app.use(conflictRoutes(routeDeps));
  app.use(planningRoutes(routeDeps));
  app.use(jobRoutes(routeDeps));
  app.use(importRoutes(routeDeps));
  // Fees before the admin router: everyone signed in reads /admin/fees.
  app.use(feeRoutes(routeDeps));
  app.use(notificationRoutes(routeDeps));
  // Wiring across modules: the inspections module adds its choropleth metric to the map's hook.
  registerInspectionMapMetrics();
  app.use(inspectionRoutes(routeDeps));
  app.use(findingRoutes(routeDeps));
  app.use(mapRoutes(routeDeps));
  app.use(dashboardRoutes(routeDeps));
  app.use(adminRoutes(routeDeps));
  app.use(publicPages);
  app.use(certificateRoutes(routeDeps));

  app.use(notFound);
  app.use(errorHandler(logger, deps.i18n));
  return { app, districts, close: () => sessions.stop() };
}
