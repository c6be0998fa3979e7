// Browser tests of the staff's workspace in Debian's Chromium: logging in
// and out with the keyboard alone, axe-core on the login page, the start
// page and the admin's pages, no sideways scrolling at 360 px, no content
// security policy violation, and screenshots at 1280 and 360 px.
// Self-contained: makes a temporary database with an admin and a viewer,
// starts `lyssna serve`, and removes both at the end.
//
//   LYSSNA_BINARY     the lyssna binary (default ../../build-test/lyssna)
//   LYSSNA_ARTIFACTS  where screenshots go (default a new temporary directory)
//
// Run: node workspace.test.mjs   (after `npm ci` in this directory)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LyssnaServer } from './lyssna_server.mjs';

let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch (e) {
  console.error(`playwright-core is missing (${e.code}): run 'npm ci' in ${path.dirname(fileURLToPath(import.meta.url))}`);
  process.exit(1);
}

const here = path.dirname(fileURLToPath(import.meta.url));
const BINARY = path.resolve(process.env.LYSSNA_BINARY || path.join(here, '..', '..', 'build-test', 'lyssna'));
const CHROMIUM = '/usr/bin/chromium';
const PASSWORD = 'correct horse battery';
const SIZES = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: {
    viewport: { width: 360, height: 740 },
    screen: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
  },
};

let workDir;
let dbPath;
let artifacts;
let server;  // a LyssnaServer
let baseUrl;
let browser;
let axeSource;

function note(message) {
  console.log(`  checked: ${message}`);
}

function lyssna(args, input) {
  const r = spawnSync(BINARY, ['--db', dbPath, ...args], { input, encoding: 'utf8' });
  assert.equal(r.status, 0, `lyssna ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

before(async () => {
  assert.ok(existsSync(BINARY), `no lyssna binary at ${BINARY} (set LYSSNA_BINARY)`);
  assert.ok(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  workDir = await mkdtemp(path.join(tmpdir(), 'lyssna-workspace-'));
  dbPath = path.join(workDir, 'lyssna.db');
  artifacts = process.env.LYSSNA_ARTIFACTS
    ? path.resolve(process.env.LYSSNA_ARTIFACTS)
    : await mkdtemp(path.join(tmpdir(), 'lyssna-screenshots-'));
  await mkdir(artifacts, { recursive: true });
  axeSource = await readFile(path.join(here, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  lyssna(['user', 'add', 'Anna Andersson', '--role', 'admin'], `${PASSWORD}\n`);
  lyssna(['user', 'add', 'Vera Viewer', '--role', 'viewer'], `${PASSWORD}\n`);
  lyssna(['user', 'add', '<script>alert(1)</script>', '--role', 'analyst'], `${PASSWORD}\n`);
  server = new LyssnaServer(BINARY, dbPath);
  baseUrl = await server.start();
  console.log(`  lyssna ${BINARY}\n  serving ${baseUrl} from ${dbPath}\n  screenshots in ${artifacts}`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  console.log(`  Chromium ${browser.version()}`);
});

after(async () => {
  try {
    if (browser) await browser.close();
  } finally {
    await server?.stop();
    if (server?.log.trim()) console.log(`  lyssna serve stderr:\n${server.log.replace(/^/gm, '    ')}`);
    if (workDir) await rm(workDir, { recursive: true, force: true });
  }
});

// A browser window of `size`; `bypassCSP` lets axe-core be injected (the
// pages' policy refuses scripts that are not the server's).
async function newWindow(size, { bypassCSP = false, locale = 'en-GB' } = {}) {
  const context = await browser.newContext({ ...SIZES[size], bypassCSP, locale });
  context.setDefaultTimeout(15000);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  return { context, page, problems };
}

async function checkAxe(page, where, failures) {
  await page.addScriptTag({ content: axeSource });
  const results = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return {
      version: r.testEngine.version,
      violations: r.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary })),
      })),
    };
  });
  if (results.violations.length === 0) {
    note(`${where}: axe-core ${results.version} finds no violations`);
    return;
  }
  const lines = results.violations.map((v) =>
    `  [${v.impact}] ${v.id}: ${v.help}\n` +
    v.nodes.map((n) => `      at ${n.target}\n        ${n.html}\n        ${(n.summary || '').replace(/\n/g, '\n        ')}`).join('\n'));
  failures.push(`${where}: axe-core finds ${results.violations.length} violation(s):\n${lines.join('\n')}`);
}

// On a phone, Chromium widens innerWidth to what the page needs, so the
// page is compared with the window's width as set, too.
async function checkNoHorizontalScroll(page, where, failures) {
  const width = page.viewportSize().width;
  const m = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  if (m.scrollWidth > m.innerWidth || m.scrollWidth > width) {
    failures.push(`${where}: the page scrolls sideways (scrollWidth ${m.scrollWidth}, innerWidth ${m.innerWidth}, window ${width})`);
  } else {
    note(`${where}: no horizontal scrolling (${m.scrollWidth} <= ${width})`);
  }
}

async function screenshot(page, name) {
  const file = path.join(artifacts, name);
  await page.screenshot({ path: file, fullPage: true });
  note(`screenshot ${file}`);
}

// What has the keyboard's focus: its tag, id and text.
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return { tag: el.tagName, id: el.id, text: (el.textContent || '').trim(), name: el.getAttribute('name') };
  });
}

// Presses Tab until `wanted` holds for the focused element; fails after `max`.
async function tabTo(page, wanted, what, max = 25) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (wanted(await focused(page))) return i + 1;
  }
  assert.fail(`Tab never reached ${what} within ${max} presses`);
}

async function pressAndWait(page, key) {
  const navigated = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() });
  await page.keyboard.press(key);
  await navigated;
  await page.waitForLoadState('load');
}

for (const size of ['desktop', 'phone']) {
  test(`${size}: keyboard-only login and logout, with axe-core on every page`, async () => {
    const failures = [];
    const { context, page, problems } = await newWindow(size, { bypassCSP: true });
    try {
      const response = await page.goto(`${baseUrl}/workspace`);
      assert.equal(new URL(page.url()).pathname, '/workspace/login', 'a visitor is sent to the login page');
      assert.equal(response.status(), 200);
      assert.equal(await page.locator('html').getAttribute('lang'), 'en', 'English for an English browser');
      await checkAxe(page, `${size} login page`, failures);
      await checkNoHorizontalScroll(page, `${size} login page`, failures);
      await screenshot(page, `workspace-${size}-login.png`);

      // The skip link comes first and takes the focus to the content.
      await page.keyboard.press('Tab');
      let f = await focused(page);
      assert.equal(f.tag, 'A', 'the first Tab reaches the skip link');
      assert.equal(f.text, 'Skip to the content');

      await tabTo(page, (e) => e.id === 'login-name', 'the name field');
      await page.keyboard.type('Anna Andersson');
      await page.keyboard.press('Tab');
      assert.equal((await focused(page)).id, 'login-password', 'Tab goes from the name to the password');
      await page.keyboard.type('a wrong password');
      await pressAndWait(page, 'Enter');
      assert.equal(await page.locator('.ws-problems').count(), 1, 'a wrong password shows the problem box');
      assert.equal(await page.locator('#login-name').inputValue(), 'Anna Andersson', 'the name typed stays');
      assert.equal(await page.locator('#login-password').inputValue(), '', 'the password is not sent back');
      await checkAxe(page, `${size} login page with a problem`, failures);
      note(`${size}: a wrong password is answered on the page, the name kept, the password not`);

      await page.locator('#login-password').focus();
      await page.keyboard.type(PASSWORD);
      await tabTo(page, (e) => e.tag === 'BUTTON' && e.text === 'Log in', 'the Log in button', 3);
      await pressAndWait(page, 'Enter');
      assert.equal(new URL(page.url()).pathname, '/workspace', 'logged in, on the start page');
      assert.match(await page.locator('h2#you').textContent(), /Signed in as Anna Andersson/);
      await checkAxe(page, `${size} start page`, failures);
      await checkNoHorizontalScroll(page, `${size} start page`, failures);
      await screenshot(page, `workspace-${size}-start.png`);
      note(`${size}: logged in with the keyboard alone`);

      for (const [name, href] of [['users', '/workspace/admin/users'], ['audit', '/workspace/admin/audit']]) {
        await page.goto(`${baseUrl}${href}`);
        await checkAxe(page, `${size} ${name} page`, failures);
        await checkNoHorizontalScroll(page, `${size} ${name} page`, failures);
        await screenshot(page, `workspace-${size}-${name}.png`);
      }
      assert.equal(await page.evaluate(() => window.__xss), undefined, 'no stored script ran');
      await page.goto(`${baseUrl}/workspace`);

      // Logging out: Tab to the button in the header, Enter.
      await tabTo(page, (e) => e.tag === 'BUTTON' && e.text === 'Log out', 'the Log out button');
      await pressAndWait(page, 'Enter');
      assert.equal(new URL(page.url()).pathname, '/workspace/login', 'logged out, on the login page');
      assert.match(await page.locator('.ws-notice').textContent(), /You have logged out/);
      await page.goto(`${baseUrl}/workspace`);
      assert.equal(new URL(page.url()).pathname, '/workspace/login', 'the session is gone');
      note(`${size}: logged out with the keyboard alone; the session has ended`);
      // The refused login (401) is a resource the browser reports as failed.
      assert.deepEqual(problems.filter((p) => !/status of 401/.test(p)), [], 'no script errors in the pages');
      if (failures.length) assert.fail(`${failures.length} problem(s):\n${failures.join('\n')}`);
    } finally {
      await context.close();
    }
  });
}

test('the pages keep to their own content security policy, in Swedish', async () => {
  const { context, page, problems } = await newWindow('desktop', { locale: 'sv-SE' });
  try {
    await page.goto(`${baseUrl}/workspace/login`);
    assert.equal(await page.locator('html').getAttribute('lang'), 'sv', 'Swedish for a Swedish browser');
    await page.fill('#login-name', 'Vera Viewer');
    await page.fill('#login-password', PASSWORD);
    await Promise.all([page.waitForURL(`${baseUrl}/workspace`), page.click('button[type="submit"]')]);
    assert.match(await page.locator('h2#you').textContent(), /Inloggad som Vera Viewer/);
    const style = await page.evaluate(() => getComputedStyle(document.querySelector('.ws-header')).backgroundColor);
    assert.notEqual(style, 'rgba(0, 0, 0, 0)', 'the stylesheet applies under the policy');
    const admin = await page.goto(`${baseUrl}/workspace/admin/users`);
    assert.equal(admin.status(), 403, 'a viewer gets no user list');
    await screenshot(page, 'workspace-desktop-forbidden-sv.png');
    // The refused page itself is the one resource that may fail to load.
    const others = problems.filter((p) => !/status of 403/.test(p));
    assert.deepEqual(others, [], 'no policy violation or script error');
    note('stylesheet served under the policy, no violations reported; a viewer is refused the admin page');
  } finally {
    await context.close();
  }
});
