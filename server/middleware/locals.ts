import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Config } from '../config';
import { formatter } from '../lib/format';
import type { FlashMessage } from '../lib/express-augment';
import { isLanguage, type Language } from '../lib/i18n';
import { csrf } from './csrf';

export function languageOf(req: Request): Language {
  const l = (req.language ?? 'en').slice(0, 2);
  return isLanguage(l) ? l : 'en';
}

export function flash(req: Request, message: FlashMessage): void {
  if (!req.session) return;
  req.session.flash = [...(req.session.flash ?? []), message];
}

export interface NavItem {
  href: string;
  key: string;
}

/** Navigation by role: only what the user may open. */
export function navFor(role: string | undefined): NavItem[] {
  if (!role) return [];
  const items: NavItem[] = [
    { href: '/', key: 'nav.home' },
    { href: '/licences', key: 'nav.licences' },
    { href: '/licensees', key: 'nav.licensees' },
    { href: '/stations', key: 'nav.stations' },
    { href: '/conflicts', key: 'nav.conflicts' },
    { href: '/map', key: 'map.nav' },
    { href: '/districts', key: 'nav.districts' },
    { href: '/services', key: 'nav.services' },
    { href: '/band-plan', key: 'nav.bandPlan' },
    { href: '/fees', key: 'fees.nav' },
  ];
  const field = [
    { href: '/inspections', key: 'inspections.nav' },
    { href: '/findings', key: 'findings.nav' },
  ];
  // Managers read the dashboard first and follow field work after the map; inspectors start from their field work.
  if (role === 'manager' || role === 'admin') items.splice(1, 0, { href: '/dashboard', key: 'dashboard.nav' });
  if (role === 'manager') items.splice(items.findIndex((i) => i.href === '/map') + 1, 0, ...field);
  if (role === 'inspector') items.splice(1, 0, ...field);
  // The channel finder (SPEC §12), for those who assign frequencies and those who approve them.
  if (role === 'licensing_officer' || role === 'manager')
    items.splice(items.findIndex((i) => i.href === '/conflicts') + 1, 0, { href: '/planning', key: 'planning.nav' });
  if (role === 'admin')
    items.push({ href: '/admin/users', key: 'nav.users' }, { href: '/admin/audit', key: 'nav.audit' });
  return items;
}

/** What every page template can use: t, lang, fmt, the user, the CSRF token, flash messages. */
export function locals(config: Config): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const lang = languageOf(req);
    res.locals.lang = lang;
    res.locals.fmt = formatter(lang);
    res.locals.currentUser = req.currentUser ?? null;
    res.locals.nav = navFor(req.currentUser?.role);
    res.locals.path = req.path;
    res.locals.originalUrl = req.originalUrl;
    res.locals.tileUrl = config.tileUrl;
    res.locals.title = '';
    res.locals.errors = {};
    res.locals.values = {};
    // The token is made only when a page renders a form that needs it.
    Object.defineProperty(res.locals, 'csrfToken', {
      enumerable: true,
      configurable: true,
      get: () => (req.session ? csrf.generateToken(req) : ''),
    });
    const messages = req.session?.flash;
    if (messages?.length) {
      res.locals.flash = messages;
      delete req.session.flash;
    } else {
      res.locals.flash = [];
    }
    next();
  };
}
