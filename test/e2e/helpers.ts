/**
 * End-to-end helpers: start the real app with `npm start` on a free port and a fresh SQLite file,
 * drive it with the system Chromium (playwright-core, no downloaded browsers), and collect every
 * console error, page error, CSP violation and failed asset of the pages a journey opens.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';

export const PROJECT_ROOT = path.resolve(__dirname, '../..');
export const SCREENSHOT_DIR = path.join(PROJECT_ROOT, 'test-results/e2e');
export const DEMO_PASSWORD = 'e2e-password-42';
/** Tiles point at a closed port: they fail, and the vector layers must draw anyway. */
export const TILE_ORIGIN = 'http://127.0.0.1:9';

export interface Viewport {
  name: 'desktop' | 'phone';
  width: number;
  height: number;
  isMobile: boolean;
}

export const VIEWPORTS: readonly Viewport[] = [
  { name: 'desktop', width: 1280, height: 800, isMobile: false },
  { name: 'phone', width: 390, height: 844, isMobile: true },
];

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningApp {
  baseUrl: string;
  /** What the app printed so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** `npm start`, as a user runs it, in its own process group so that stop() ends npm, tsx and node together. */
export async function startApp(): Promise<RunningApp> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tanso-e2e-'));
  const child: ChildProcess = spawn('npm', ['start'], {
    cwd: PROJECT_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: `sqlite:${path.join(dir, 'e2e.sqlite')}`,
      DEMO_PASSWORD,
      SESSION_SECRET: 'e2e-session-secret-0123456789abcdefghijkl',
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      TILE_URL: `${TILE_ORIGIN}/{z}/{x}/{y}.png`,
    },
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) =>
    child.on('exit', (code) => {
      exited = code;
      resolve();
    }),
  );

  const stop = async () => {
    if (exited === undefined && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const timedOut = await Promise.race([exit.then(() => false), sleep(15_000).then(() => true)]);
      if (timedOut) process.kill(-child.pid, 'SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exited !== undefined) {
      await stop();
      throw new Error(`npm start exited with ${exited} before /healthz answered:\n${log}`);
    }
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`/healthz did not answer 200 within 90 s:\n${log}`);
    }
    await sleep(250);
  }
  return { baseUrl, output: () => log, stop };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Console errors, uncaught exceptions, CSP violations and failed same-origin assets, with their page. */
  problems: string[];
}

/** A fresh browser context (own cookies) with one page whose problems are collected. */
export async function openSession(browser: Browser, vp: Viewport, baseUrl: string, locale = 'en-US'): Promise<Session> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale,
    viewport: { width: vp.width, height: vp.height },
    isMobile: vp.isMobile,
    hasTouch: vp.isMobile,
    deviceScaleFactor: 1,
  });
  // Report CSP violations on the console too, whatever caused them.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
    });
  });
  const page = await context.newPage();
  const problems: string[] = [];
  const where = () => new URL(page.url()).pathname;
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    const from = msg.location().url;
    const failedLoad = /net::ERR|Failed to load resource/.test(text);
    // Expected: unreachable map tiles, and the status line of a page that answers 401/422 on purpose.
    if (failedLoad && (from.startsWith(TILE_ORIGIN) || from === page.url())) return;
    problems.push(`${where()}: console error: ${text} (${from})`);
  });
  page.on('pageerror', (err) => problems.push(`${where()}: uncaught ${err.name}: ${err.message}`));
  page.on('response', (res) => {
    const type = res.request().resourceType();
    if (res.status() >= 400 && type !== 'document' && res.url().startsWith(baseUrl))
      problems.push(`${where()}: ${type} ${res.url()} answered ${res.status()}`);
  });
  page.on('requestfailed', (req) => {
    if (!req.url().startsWith(TILE_ORIGIN))
      problems.push(`${where()}: request failed: ${req.url()} (${req.failure()?.errorText ?? '?'})`);
  });
  return { context, page, problems };
}

/**
 * Signs in through the login form with label-based locators and waits for the page that follows.
 * Returns the documents the browser asked for after pressing the button, redirects included.
 */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<string[]> {
  await page.goto('/login');
  await page.getByLabel(/^(Username|Tên đăng nhập)$/).fill(username);
  await page.getByLabel(/^(Password|Mật khẩu)$/).fill(password);
  const hops: string[] = [];
  const record = (req: Request) => {
    if (req.isNavigationRequest() && req.frame() === page.mainFrame())
      hops.push(`${req.method()} ${req.url().slice(new URL(req.url()).origin.length)}`);
  };
  page.on('request', record);
  await Promise.all([
    page.waitForURL((u) => u.pathname !== '/login'),
    page.getByRole('button', { name: /^(Sign in|Đăng nhập)$/ }).click(),
  ]);
  await page.waitForLoadState('load');
  page.off('request', record);
  return hops;
}

/** Opens a main-navigation link as the user would: through the folded "Menu" on a phone. */
export async function openNavLink(page: Page, name: string | RegExp): Promise<void> {
  const menu = page.locator('details.menu');
  const nav = menu.locator('nav');
  if (!(await nav.isVisible())) {
    await menu.locator('summary').click();
    await nav.waitFor({ state: 'visible' });
  }
  await nav.getByRole('link', { name, exact: typeof name === 'string' }).click();
  await page.waitForLoadState('load');
}

/** On a narrow screen the map's filters are folded behind a button (issue 19): unfold them (no-op when open). */
export async function openMapFilters(page: Page): Promise<void> {
  const toggle = page.locator('#mf-toggle');
  if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
}

/** A full-page screenshot in test-results/e2e/<name>-<width>.png. */
export async function screenshot(page: Page, name: string, vp: Viewport): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${vp.width}.png`), fullPage: true });
}

/**
 * The page must not be wider than the screen. On a phone (isMobile) Chromium zooms out to show a page
 * that is too wide, which makes window.innerWidth grow with it: so compare with the viewport too.
 */
export async function assertNoSidewaysScroll(page: Page, vp: Viewport): Promise<void> {
  const sizes = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  const limit = Math.min(sizes.inner, vp.width) + 1;
  assert.ok(
    sizes.scroll <= limit && sizes.inner === vp.width,
    `${new URL(page.url()).pathname} scrolls sideways at ${vp.width} px: ` +
      `scrollWidth ${sizes.scroll}, innerWidth ${sizes.inner}`,
  );
}

/** The end of every journey: a full-page screenshot, no sideways scrolling, no collected problems. */
export async function finishJourney(session: Session, journey: string, vp: Viewport): Promise<void> {
  const { page, problems } = session;
  await screenshot(page, journey, vp);
  await assertNoSidewaysScroll(page, vp);
  assert.deepEqual(
    problems,
    [],
    `console errors, CSP violations or failed assets during "${journey}" at ${vp.width} px`,
  );
}

/**
 * Waits until a Leaflet map page (`#map`, public/js/map.js) is idle: no layer request under way, none
 * waiting for the map to stop moving (data-busy counts both). Leaving the page earlier would abort them.
 */
export async function mapIdle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForSelector('#map[data-busy="0"]');
}

/**
 * Registers the mocha hooks every journey file needs: before its tests, the app started with
 * `npm start` on a fresh database (after `prepare`, e.g. an environment variable for it) and Chromium
 * launched; after a failed test, the app's output printed; after all, both stopped. A file's own
 * `after` hooks registered before this call run before the browser closes. Read `app` and `browser`
 * inside hooks and tests.
 */
export function appAndBrowser(prepare: () => void = () => undefined): {
  readonly app: RunningApp;
  readonly browser: Browser;
} {
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  before(async function () {
    this.timeout(180_000);
    prepare();
    app = await startApp();
    browser = await launchBrowser();
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed' && app) console.log(`--- app output ---\n${app.output().slice(-3000)}`);
  });
  after(async function () {
    this.timeout(60_000);
    await browser?.close();
    await app?.stop();
  });
  return {
    get app(): RunningApp {
      if (!app) throw new Error('the app has not started');
      return app;
    },
    get browser(): Browser {
      if (!browser) throw new Error('Chromium has not been launched');
      return browser;
    },
  };
}
