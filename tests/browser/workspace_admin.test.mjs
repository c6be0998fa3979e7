// Browser tests of the admin's survey pages in Debian's Chromium: the
// survey list, creating a survey from the standard questionnaire, changing
// its settings, uploading margins (a good file and a bad one), with
// axe-core on every page, no sideways scrolling at 360 px, no content
// security policy violation or script error, and screenshots at 1280 and
// 360 px. Self-contained: a temporary database with an admin, a survey and
// a few answers, `lyssna serve`, and both removed at the end.
//
//   LYSSNA_BINARY     the lyssna binary (default ../../build-test/lyssna)
//   LYSSNA_ARTIFACTS  where screenshots go (default a new temporary directory)
//
// Run: node workspace_admin.test.mjs   (after `npm ci` in this directory)
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

let workDir, dbPath, artifacts, server, baseUrl, browser, axeSource;

function note(message) {
  console.log(`  checked: ${message}`);
}

function lyssna(args, input) {
  const r = spawnSync(BINARY, ['--db', dbPath, ...args], { input, encoding: 'utf8' });
  assert.equal(r.status, 0, `lyssna ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

function record(id, channel, day, text) {
  const session = channel === 'dialogue' ? '"s1"' : 'null';
  return JSON.stringify({ id, survey: 'trygghet-2026', lang: 'sv', channel, session: JSON.parse(session),
    submitted_at: `${day}T18:22:05Z`, answers: { area: 'jordbro', free_text: text } });
}

before(async () => {
  assert.ok(existsSync(BINARY), `no lyssna binary at ${BINARY} (set LYSSNA_BINARY)`);
  assert.ok(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  workDir = await mkdtemp(path.join(tmpdir(), 'lyssna-admin-'));
  dbPath = path.join(workDir, 'lyssna.db');
  artifacts = process.env.LYSSNA_ARTIFACTS
    ? path.resolve(process.env.LYSSNA_ARTIFACTS)
    : await mkdtemp(path.join(tmpdir(), 'lyssna-screenshots-'));
  await mkdir(artifacts, { recursive: true });
  axeSource = await readFile(path.join(here, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  lyssna(['survey', 'new', 'trygghet-2026', '--areas', 'handen,jordbro,vasterhaninge=Västerhaninge',
    '--opens', '2026-01-01']);
  lyssna(['user', 'add', 'Anna Andersson', '--role', 'admin'], `${PASSWORD}\n`);
  const answers = [
    record('a1', 'online', '2026-03-02', 'Mörkt vid busshållplatsen'),
    record('a2', 'online', '2026-03-02', '<script>window.__xss = 1</script>'),
    record('a3', 'paper', '2026-03-03', 'Gatlyktor saknas'),
    record('a4', 'online', '2026-03-05', '=HYPERLINK("http://evil.example")'),
  ];
  lyssna(['import', '-'], answers.join('\n') + '\n');
  server = new LyssnaServer(BINARY, dbPath);
  baseUrl = await server.start();
  console.log(`  lyssna ${BINARY}\n  serving ${baseUrl} from ${dbPath}\n  screenshots in ${artifacts}`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
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

async function checkNoHorizontalScroll(page, where, failures) {
  const width = page.viewportSize().width;
  const m = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  if (m.scrollWidth > m.innerWidth || m.scrollWidth > width) {
    // Which elements reach past the window, to say what to fix.
    const wide = await page.evaluate((w) => [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > w)
      .slice(0, 8).map((e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${e.className} (${Math.round(e.getBoundingClientRect().right)})`), width);
    failures.push(`${where}: the page scrolls sideways (scrollWidth ${m.scrollWidth}, innerWidth ${m.innerWidth}, window ${width}): ${wide.join(', ')}`);
  } else {
    note(`${where}: no horizontal scrolling (${m.scrollWidth} <= ${width})`);
  }
}

async function screenshot(page, name) {
  const file = path.join(artifacts, name);
  await page.screenshot({ path: file, fullPage: true });
  note(`screenshot ${file}`);
}

async function submit(page, button) {
  await Promise.all([page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() }),
    page.locator(button).click()]);
  await page.waitForLoadState('load');
}

// Every page checked the same way: axe-core, no sideways scrolling, a screenshot.
async function look(page, size, name, failures) {
  await checkAxe(page, `${size} ${name}`, failures);
  await checkNoHorizontalScroll(page, `${size} ${name}`, failures);
  await screenshot(page, `workspace-admin-${size}-${name}.png`);
}

const goodMargins = JSON.stringify({ margins: {
  area: { handen: 21000, jordbro: 9000, brandbergen: 12000 },
  gender: { woman: 21000, man: 21000 } } });

for (const size of ['desktop', 'phone']) {
  test(`${size}: create a survey, change its settings, upload margins`, async () => {
    const failures = [];
    const id = `trygghet-2027-${size}`;
    // bypassCSP only lets axe-core in; a policy violation would still show as a console error.
    const context = await browser.newContext({ ...SIZES[size], bypassCSP: true, locale: 'en-GB' });
    context.setDefaultTimeout(15000);
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
    try {
      await page.goto(`${baseUrl}/workspace/login`);
      await page.fill('#login-name', 'Anna Andersson');
      await page.fill('#login-password', PASSWORD);
      await submit(page, 'button[type="submit"]');
      assert.equal(new URL(page.url()).pathname, '/workspace');

      // The header's link leads to the list.
      await submit(page, '.ws-nav a[href="/workspace/surveys"]');
      assert.equal(new URL(page.url()).pathname, '/workspace/surveys');
      assert.equal(await page.locator('.ws-nav a[aria-current="page"]').textContent(), 'Surveys');
      assert.match(await page.locator('table.ws-admin-surveys tbody').textContent(), /trygghet-2026/);
      await look(page, size, 'surveys', failures);

      // A survey from the standard questionnaire, with two languages.
      await page.fill('#new-id', id);
      await page.fill('#new-title', `Trygghet 2027 (${size})`);
      await page.check('#new-source-template');
      await page.fill('#new-areas', 'handen = Handen\nbrandbergen = Brandbergen');
      for (const lang of ['ar', 'fa', 'fi', 'so']) await page.uncheck(`#new-lang-${lang}`);
      await submit(page, '#new-heading ~ form button[type="submit"]');
      assert.equal(new URL(page.url()).pathname, `/workspace/surveys/${id}/settings`);
      assert.match(await page.locator('.ws-notice').textContent(), /The survey was created/);
      assert.equal(await page.locator('#set-areas').inputValue(), 'handen = Handen\nbrandbergen = Brandbergen\n');
      note(`${size}: created ${id} from the standard questionnaire`);

      // Its settings: a third area, dates, codes required.
      await page.fill('#set-areas', 'handen = Handen\nbrandbergen = Brandbergen\njordbro = Jordbro');
      await page.fill('#set-opens', '2027-03-01');
      await page.fill('#set-closes', '2027-03-31');
      await page.check('#set-requires-code');
      await submit(page, '#settings-heading ~ form button[type="submit"]');
      assert.match(await page.locator('.ws-notice').textContent(), /The settings were saved/);
      assert.equal(await page.locator('#set-closes').inputValue(), '2027-03-31');
      assert.ok(await page.locator('#set-requires-code').isChecked());
      note(`${size}: the settings were saved and shown again`);

      // A bad margins file: its problem on the page, linked to the field.
      await page.setInputFiles('#margins-file', { name: 'befolkning.json', mimeType: 'application/json',
        buffer: Buffer.from('{"margins": {"shoe_size": {"42": 100}}}') });
      await submit(page, '#margins-heading ~ form[enctype] button[type="submit"]');
      const box = await page.locator('.ws-problems').textContent();
      assert.match(box, /befolkning\.json/);
      assert.match(box, /shoe_size/);
      await look(page, size, 'settings-problem', failures);
      note(`${size}: a bad margins file gives its error on the page`);

      // A good one: stored, and shown as tables.
      await page.setInputFiles('#margins-file', { name: 'befolkning.json', mimeType: 'application/json',
        buffer: Buffer.from(goodMargins) });
      await submit(page, '#margins-heading ~ form[enctype] button[type="submit"]');
      assert.match(await page.locator('.ws-notice').textContent(), /The margins were stored/);
      assert.match(await page.locator('#margins-heading').locator('..').textContent(), /Margin: area/);
      await look(page, size, 'settings', failures);
      note(`${size}: margins uploaded and shown`);

      // The older survey's answers by channel and day.
      await page.goto(`${baseUrl}/workspace/surveys/trygghet-2026/settings`);
      const counts = await page.locator('#counts-caption').locator('..').textContent();
      assert.match(counts, /2026-03-02/);
      assert.match(counts, /Paper/);
      await look(page, size, 'settings-counts', failures);

      assert.equal(await page.evaluate(() => window.__xss), undefined, 'no stored script ran');
      assert.deepEqual(problems.filter((p) => !/status of 422/.test(p)), [], 'no policy violation or script error');
      if (failures.length) assert.fail(`${failures.length} problem(s):\n${failures.join('\n')}`);
    } finally {
      await context.close();
    }
  });
}
