// Browser tests of a survey's overview and dashboard in Debian's Chromium: a
// viewer logs in and opens them at 1280 and 360 px (axe-core without
// violations, no sideways scrolling, charts as wide as their box, the area
// filter with the keyboard), a weighted dashboard in Swedish under the
// content security policy, and the dashboard printed to PDF and turned into
// PNG pages with pdftoppm, to be looked at.
// Self-contained: a temporary database with a demo survey, stored margins,
// and a viewer; `lyssna serve`; removed at the end.
//
//   LYSSNA_BINARY     the lyssna binary (default ../../build-test/lyssna)
//   LYSSNA_ARTIFACTS  where screenshots go (default a new temporary directory)
//
// Run: node workspace_dashboard.test.mjs   (after `npm ci` in this directory)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
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
const PDFTOPPM = '/usr/bin/pdftoppm';
const PASSWORD = 'correct horse battery';
const SURVEY = 'trygghet-demo';
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
let server;
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
  workDir = await mkdtemp(path.join(tmpdir(), 'lyssna-dashboard-'));
  dbPath = path.join(workDir, 'lyssna.db');
  artifacts = process.env.LYSSNA_ARTIFACTS
    ? path.resolve(process.env.LYSSNA_ARTIFACTS)
    : await mkdtemp(path.join(tmpdir(), 'lyssna-screenshots-'));
  await mkdir(artifacts, { recursive: true });
  axeSource = await readFile(path.join(here, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  lyssna(['demo', '--survey', SURVEY, '--responses', '600', '--seed', '7',
    '--areas', 'centrum=Centrum,norr=Norr,soder=Söder,x=<script>alert(1)</script>']);
  lyssna(['user', 'add', 'Vera Viewer', '--role', 'viewer'], `${PASSWORD}\n`);
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

async function newWindow(size, { bypassCSP = false, locale = 'en-GB' } = {}) {
  const context = await browser.newContext({ ...SIZES[size], bypassCSP, locale });
  context.setDefaultTimeout(20000);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('dialog', (d) => { problems.push(`a dialog opened: ${d.message()}`); d.dismiss(); });
  return { context, page, problems };
}

async function login(page) {
  await page.goto(`${baseUrl}/workspace/login`);
  await page.fill('#login-name', 'Vera Viewer');
  await page.fill('#login-password', PASSWORD);
  await Promise.all([page.waitForURL(`${baseUrl}/workspace`), page.click('button[type="submit"]')]);
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
        nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary })),
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

// Every chart fills its box, and its text is no smaller than 11 px at any width.
async function checkCharts(page, where, failures) {
  const charts = await page.evaluate(() => [...document.querySelectorAll('svg.ws-chart')].map((svg) => {
    const box = svg.getBoundingClientRect();
    const parent = svg.parentElement.getBoundingClientRect();
    const sizes = [...svg.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize));
    return { width: box.width, parent: parent.width, smallest: Math.min(...sizes), bars: svg.querySelectorAll('rect').length };
  }));
  if (charts.length < 10) failures.push(`${where}: only ${charts.length} charts`);
  for (const [i, c] of charts.entries()) {
    if (Math.abs(c.width - c.parent) > 1) failures.push(`${where}: chart ${i} is ${c.width} px in a box of ${c.parent}`);
    if (c.smallest < 11) failures.push(`${where}: chart ${i} has text of ${c.smallest} px`);
  }
  note(`${where}: ${charts.length} charts fill their boxes, text at least 11 px`);
}

for (const size of ['desktop', 'phone']) {
  test(`${size}: a viewer opens the overview and the dashboard, and narrows it to an area`, async () => {
    const failures = [];
    const { context, page, problems } = await newWindow(size, { bypassCSP: true });
    try {
      await login(page);
      const overview = await page.goto(`${baseUrl}/workspace/surveys/${SURVEY}`);
      assert.equal(overview.status(), 200);
      assert.match(await page.locator('main').textContent(), /600 responses in all/);
      await checkAxe(page, `${size} overview`, failures);
      await checkNoHorizontalScroll(page, `${size} overview`, failures);
      await screenshot(page, `workspace-dashboard-${size}-overview.png`);

      await Promise.all([page.waitForURL(/\/dashboard$/), page.click('a.ws-dash-more')]);
      assert.equal(await page.locator('h1').textContent(), 'Results');
      assert.ok(await page.locator('text=Shares are weighted to the population margins').count() === 0,
        'no margins stored yet: unweighted');
      await checkCharts(page, `${size} dashboard`, failures);
      await checkAxe(page, `${size} dashboard`, failures);
      await checkNoHorizontalScroll(page, `${size} dashboard`, failures);
      await screenshot(page, `workspace-dashboard-${size}.png`);

      // The area filter with the keyboard: choose Norr, submit with Enter.
      await page.locator('#area-filter').focus();
      await page.selectOption('#area-filter', 'norr');
      const navigated = page.waitForURL(/area=norr/);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await navigated;
      assert.match(await page.locator('.ws-dash-narrowed').textContent(), /Norr/);
      await checkAxe(page, `${size} dashboard narrowed to an area`, failures);
      await checkNoHorizontalScroll(page, `${size} dashboard narrowed`, failures);
      await screenshot(page, `workspace-dashboard-${size}-norr.png`);
      assert.deepEqual(problems, [], 'no script error, no dialog (the <script> area name stays text)');
      assert.deepEqual(failures, [], failures.join('\n'));
    } finally {
      await context.close();
    }
  });
}

test('weighted, in Swedish, under the content security policy; printed to PDF', async () => {
  const margins = path.join(workDir, 'margins.json');
  await writeFile(margins, JSON.stringify({
    survey: SURVEY,
    margins: { area: { centrum: 9000, norr: 6000, soder: 4000, x: 500 } },
  }));
  lyssna(['margins', 'set', SURVEY, margins]);
  const { context, page, problems } = await newWindow('desktop', { locale: 'sv-SE' });
  try {
    await login(page);
    const res = await page.goto(`${baseUrl}/workspace/surveys/${SURVEY}/dashboard`);
    assert.equal(res.status(), 200);
    assert.equal(await page.locator('html').getAttribute('lang'), 'sv');
    assert.match(await page.locator('.ws-dash-weighting').textContent(), /viktade mot de befolkningsmarginaler/);
    const fill = await page.evaluate(() => getComputedStyle(document.querySelector('svg.ws-bars rect.bar')).fill);
    assert.notEqual(fill, 'rgb(0, 0, 0)', 'the stylesheet colours the bars under the policy');
    assert.deepEqual(problems, [], 'no policy violation or script error');
    await screenshot(page, 'workspace-dashboard-desktop-weighted-sv.png');
    note('weighted dashboard in Swedish, stylesheet applied, no violations');

    await page.emulateMedia({ media: 'print' });
    const pdf = path.join(artifacts, 'workspace-dashboard-print.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });
    note(`printed ${pdf}`);
    if (existsSync(PDFTOPPM)) {
      const prefix = path.join(artifacts, 'workspace-dashboard-print');
      const r = spawnSync(PDFTOPPM, ['-png', '-r', '60', '-f', '1', '-l', '4', pdf, prefix], { encoding: 'utf8' });
      assert.equal(r.status, 0, `pdftoppm failed: ${r.stderr}`);
      const pages = (await readdir(artifacts)).filter((f) => f.startsWith('workspace-dashboard-print-') && f.endsWith('.png'));
      assert.ok(pages.length >= 1, 'the PDF has pages');
      note(`pdftoppm made ${pages.length} PNG pages of the print`);
    } else {
      note('pdftoppm is missing (apt-get install poppler-utils): the PDF is not turned into PNG');
    }
  } finally {
    await context.close();
  }
});
