// What every browser test shares: a temporary database made with the real
// `lyssna` command line, `lyssna serve` on it (lyssna_server.mjs), Debian's
// Chromium driven by playwright-core, and the checks each page gets
// (axe-core, no sideways scrolling, a screenshot, the script errors and
// policy violations it reported). A test file calls browserSession() once
// at its top; the node:test hooks it registers set everything up before
// the first test and remove it after the last.
//
//   LYSSNA_BINARY     the lyssna binary (default ../../build-test/lyssna)
//   LYSSNA_ARTIFACTS  where screenshots go (default a new temporary directory)
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { LyssnaServer } from './lyssna_server.mjs';

let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch (e) {
  console.error(`playwright-core is missing (${e.code}): run 'npm ci' in ${path.dirname(fileURLToPath(import.meta.url))}`);
  process.exit(1);
}

export const here = path.dirname(fileURLToPath(import.meta.url));
export const BINARY = path.resolve(process.env.LYSSNA_BINARY || path.join(here, '..', '..', 'build-test', 'lyssna'));
export const CHROMIUM = '/usr/bin/chromium';
// Every user the tests add has this password.
export const PASSWORD = 'correct horse battery';
export const SIZES = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: {
    viewport: { width: 360, height: 740 },
    screen: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
  },
};

const execFileP = promisify(execFile);

export function note(message) {
  console.log(`  checked: ${message}`);
}

// Fails the test listing every soft problem collected on the way.
export function failIfAny(failures) {
  if (failures.length) assert.fail(`${failures.length} problem(s):\n${failures.join('\n')}`);
}

class BrowserSession {
  constructor({ prefix, prepare }) {
    this.prefix = prefix;
    this.prepare = prepare;
    this.workDir = null;
    this.dbPath = null;
    this.artifacts = null;
    this.server = null;  // a LyssnaServer
    this.baseUrl = null; // e.g. http://127.0.0.1:41234
    this.browser = null;
    this.axeSource = null;
  }

  async setUp() {
    assert.ok(existsSync(BINARY), `no lyssna binary at ${BINARY} (set LYSSNA_BINARY)`);
    assert.ok(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM} (apt-get install chromium)`);
    this.workDir = await mkdtemp(path.join(tmpdir(), this.prefix));
    this.dbPath = path.join(this.workDir, 'lyssna.db');
    this.artifacts = process.env.LYSSNA_ARTIFACTS
      ? path.resolve(process.env.LYSSNA_ARTIFACTS)
      : await mkdtemp(path.join(tmpdir(), 'lyssna-screenshots-'));
    await mkdir(this.artifacts, { recursive: true });
    this.axeSource = await readFile(path.join(here, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
    if (this.prepare) await this.prepare(this);
    this.server = new LyssnaServer(BINARY, this.dbPath);
    this.baseUrl = await this.server.start();
    console.log(`  lyssna ${BINARY}\n  serving ${this.baseUrl} from ${this.dbPath}\n  screenshots in ${this.artifacts}`);
    this.browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    console.log(`  Chromium ${this.browser.version()}`);
  }

  async tearDown() {
    try {
      if (this.browser) await this.browser.close();
    } finally {
      await this.server?.stop();
      if (this.server?.log.trim()) console.log(`  lyssna serve stderr:\n${this.server.log.replace(/^/gm, '    ')}`);
      if (this.workDir) await rm(this.workDir, { recursive: true, force: true });
    }
  }

  // `lyssna --db <the test's database> args...`, with `input` on its
  // standard input; fails the test unless it exits 0. Returns its output.
  lyssna(args, input) {
    const r = spawnSync(BINARY, ['--db', this.dbPath, ...args], { input, encoding: 'utf8' });
    assert.equal(r.status, 0, `lyssna ${args.join(' ')} failed: ${r.stderr}`);
    return r.stdout;
  }

  // The same without blocking the event loop while the server runs.
  async lyssnaAsync(...args) {
    const { stdout } = await execFileP(BINARY, ['--db', this.dbPath, ...args], { maxBuffer: 64 << 20 });
    return stdout;
  }

  // Adds a user with PASSWORD.
  addUser(name, role) {
    return this.lyssna(['user', 'add', name, '--role', role], `${PASSWORD}\n`);
  }

  // A browser window of SIZES[size] with what went wrong in it collected in
  // `problems`: script errors, console errors (a policy violation is one),
  // any dialog (a stored script that ran) and any request for another host. `bypassCSP` only lets
  // axe-core be injected; `locale: null` sends no preferred language.
  async newWindow(size, { bypassCSP = false, locale = 'en-GB', javaScript = true, timeout = 15000 } = {}) {
    const options = { ...SIZES[size], bypassCSP, javaScriptEnabled: javaScript };
    if (locale) options.locale = locale;
    const context = await this.browser.newContext(options);
    context.setDefaultTimeout(timeout);
    const problems = [];
    // What lyssna serves works with the network cable pulled (a dialogue's
    // laptop): a request for anything but the server (on whichever of the
    // machine's addresses a phone uses) is refused and is a problem.
    const port = new URL(this.baseUrl).port;
    await context.route((url) => /^(https?|wss?):$/.test(url.protocol) && url.port !== port, (route) => {
      problems.push(`a request for another host: ${route.request().url()}`);
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
    page.on('dialog', (d) => { problems.push(`a dialog opened: ${d.message()}`); d.dismiss(); });
    return { context, page, problems };
  }

  // Logs `name` in through the login form and waits for the start page.
  async login(page, name) {
    await page.goto(`${this.baseUrl}/workspace/login`);
    await page.fill('#login-name', name);
    await page.fill('#login-password', PASSWORD);
    await Promise.all([page.waitForURL(`${this.baseUrl}/workspace`), page.click('button[type="submit"]')]);
  }

  // axe-core on the whole page (the window needs bypassCSP); its violations
  // go into `failures`.
  async checkAxe(page, where, failures) {
    await page.addScriptTag({ content: this.axeSource });
    const results = await page.evaluate(async () => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, { resultTypes: ['violations'] });
      return {
        version: r.testEngine.version,
        violations: r.violations.map((v) => ({
          id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
          nodes: v.nodes.slice(0, 8).map((n) => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary })),
        })),
      };
    });
    if (results.violations.length === 0) {
      note(`${where}: axe-core ${results.version} finds no violations`);
      return;
    }
    const lines = results.violations.map((v) =>
      `  [${v.impact}] ${v.id}: ${v.help}\n` +
      v.nodes.map((n) => `      at ${n.target}\n        ${n.html}\n        ${(n.summary || '').replace(/\n/g, '\n        ')}`).join('\n') +
      (v.count > v.nodes.length ? `\n      and ${v.count - v.nodes.length} more` : ''));
    failures.push(`${where}: axe-core finds ${results.violations.length} violation(s):\n${lines.join('\n')}`);
  }

  // The page is no wider than the window. On a phone an overflowing page can
  // make Chromium zoom out, which widens innerWidth too, so the page is
  // compared with the window's width as set as well. A failure names the
  // elements that reach outside, to say what to fix.
  async checkNoHorizontalScroll(page, where, failures) {
    const width = page.viewportSize().width;
    const m = await page.evaluate(() => {
      const root = document.documentElement;
      const wide = [];
      for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        if (r.right > root.clientWidth + 0.5 || r.left < -0.5) {
          const id = el.id ? `#${el.id}` : '';
          const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
          wide.push(`${el.tagName.toLowerCase()}${id}${cls} [${Math.round(r.left)}..${Math.round(r.right)}]`);
        }
      }
      return { scrollWidth: root.scrollWidth, innerWidth: window.innerWidth, wide: wide.slice(0, 8) };
    });
    if (m.scrollWidth > m.innerWidth || m.scrollWidth > width) {
      failures.push(`${where}: the page scrolls sideways at ${width} px (scrollWidth ${m.scrollWidth}, innerWidth ${m.innerWidth}); ` +
        `elements outside the window: ${m.wide.join(', ') || 'none found'}`);
    } else {
      note(`${where}: no horizontal scrolling (${m.scrollWidth} <= ${width})`);
    }
  }

  // A full-page screenshot into the artifacts directory.
  async screenshot(page, name) {
    const file = path.join(this.artifacts, name);
    // Emulated taps can leave a label's text selected; it is no part of the page.
    await page.evaluate(() => window.getSelection()?.removeAllRanges());
    await page.screenshot({ path: file, fullPage: true });
    note(`screenshot ${file}`);
  }

  // Every page looked at the same way: axe-core, no sideways scrolling, a screenshot.
  async look(page, where, file, failures) {
    await this.checkAxe(page, where, failures);
    await this.checkNoHorizontalScroll(page, where, failures);
    await this.screenshot(page, file);
  }
}

// Registers the before/after hooks of a test file and returns the session
// they fill in. `prefix` names the temporary directory; `prepare(session)`
// fills the database before the server starts (session.lyssna, addUser).
export function browserSession({ prefix = 'lyssna-browser-', prepare } = {}) {
  const session = new BrowserSession({ prefix, prepare });
  before(() => session.setUp());
  after(() => session.tearDown());
  return session;
}

// Clicks `target` (a locator or a selector) and waits until the document it
// leads to has loaded.
export async function clickAndWait(page, target) {
  const control = typeof target === 'string' ? page.locator(target) : target;
  await Promise.all([page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() }),
    control.click()]);
  await page.waitForLoadState('load');
}

// Presses `key` (Enter on a link or button) and waits for the next document.
export async function pressAndWait(page, key) {
  const navigated = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() });
  await page.keyboard.press(key);
  await navigated;
  await page.waitForLoadState('load');
}

// What has the keyboard's focus: its tag, id, text, name and, for a link, href.
export function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return {
      tag: el.tagName, id: el.id, text: (el.textContent || '').trim(), name: el.getAttribute('name'),
      href: el.getAttribute('href'), value: el.getAttribute('value'), type: el.getAttribute('type'),
    };
  });
}

// Presses Tab until `wanted` holds for the focused element; fails after `max`.
export async function tabTo(page, wanted, what, max = 25) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (wanted(await focused(page))) return i + 1;
  }
  assert.fail(`Tab never reached ${what} within ${max} presses`);
}
