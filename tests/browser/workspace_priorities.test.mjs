// Browser test of the priority page in Debian's Chromium: an analyst marks
// two priorities and changes the blend's weights through the page's own
// forms, axe-core finds no violations before and after, the page does not
// scroll sideways at 360 px, a viewer sees no quotes and no forms, and
// screenshots at 1280 and 360 px go to LYSSNA_ARTIFACTS.
// Self-contained: a temporary database with the golden survey
// (tests/data/analysis_golden, 72 responses), an analyst and a viewer.
//
//   LYSSNA_BINARY     the lyssna binary (default ../../build-test/lyssna)
//   LYSSNA_ARTIFACTS  where screenshots go (default a new temporary directory)
//
// Run: node workspace_priorities.test.mjs   (after `npm ci` in this directory)
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
const GOLDEN = path.join(here, '..', 'data', 'analysis_golden');
const CHROMIUM = '/usr/bin/chromium';
const PASSWORD = 'correct horse battery';
const PAGE = '/workspace/surveys/golden-2026/priorities';
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
  workDir = await mkdtemp(path.join(tmpdir(), 'lyssna-priorities-'));
  dbPath = path.join(workDir, 'lyssna.db');
  artifacts = process.env.LYSSNA_ARTIFACTS
    ? path.resolve(process.env.LYSSNA_ARTIFACTS)
    : await mkdtemp(path.join(tmpdir(), 'lyssna-screenshots-'));
  await mkdir(artifacts, { recursive: true });
  axeSource = await readFile(path.join(here, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  lyssna(['survey', 'new', 'golden-2026', '--areas', 'handen,jordbro,vasterhaninge=Västerhaninge']);
  lyssna(['import', path.join(GOLDEN, 'records-2026.jsonl')]);
  lyssna(['user', 'add', 'Anna Analyst', '--role', 'analyst'], `${PASSWORD}\n`);
  lyssna(['user', 'add', 'Vera Viewer', '--role', 'viewer'], `${PASSWORD}\n`);
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

// `bypassCSP` lets axe-core be injected (the policy refuses other scripts).
async function newWindow(size, { bypassCSP = true, locale = 'en-GB' } = {}) {
  const context = await browser.newContext({ ...SIZES[size], bypassCSP, locale });
  context.setDefaultTimeout(20000);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  return { context, page, problems };
}

async function login(page, name) {
  await page.goto(`${baseUrl}/workspace/login`);
  await page.fill('#login-name', name);
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

// Submits the form holding `button` and waits for the page it leads to.
async function submitWith(page, button) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
}

test('desktop: an analyst marks two priorities and changes the blend', async () => {
  const failures = [];
  const { context, page, problems } = await newWindow('desktop');
  try {
    await login(page, 'Anna Analyst');
    const response = await page.goto(`${baseUrl}${PAGE}`);
    assert.equal(response.status(), 200);
    const rows = page.locator('table.prio-table tbody tr');
    assert.ok(await rows.count() >= 10, 'every theme of the codebook is ranked');
    assert.ok(await page.locator('.prio-evidence blockquote').count() > 0, 'the analyst sees the evidence quotes');
    await checkAxe(page, 'desktop priority page', failures);
    await screenshot(page, 'priorities-desktop-before.png');

    // Mark the first two: each a POST of the row's own form, back to its row.
    const themes = [];
    for (const i of [0, 1]) {
      const row = rows.nth(i);
      themes.push(await row.locator('th').textContent());
      await submitWith(page, row.getByRole('button', { name: /Mark as promise/ }));
      assert.match(await page.locator('.ws-notice').textContent(), /marked as a promise/);
    }
    for (const i of [0, 1]) {
      assert.match(await rows.nth(i).getAttribute('class'), /prio-marked/, `row ${i + 1} shows its mark`);
      assert.equal(await rows.nth(i).getByRole('button', { name: /Remove mark/ }).count(), 1);
    }
    const listed = await page.locator('.prio-marked-list li').allTextContents();
    assert.equal(listed.length, 2, 'both marks are listed');
    for (const t of themes) assert.ok(listed.some((l) => l.includes(t)), `${t} is listed as marked`);
    note(`marked ${themes.join(' and ')}`);

    // The blend: the survey's weight 80 %, the dialogue the rest.
    const scoreBefore = await rows.nth(0).locator('.prio-detail').first().textContent();
    await page.fill('#survey-weight', '80');
    await submitWith(page, page.getByRole('button', { name: 'Save the blend' }));
    assert.match(await page.locator('.ws-notice').textContent(), /blend is saved/);
    assert.match(await page.locator('#prio-blend-heading + p').textContent(), /Survey 80%, dialogue 20%/);
    assert.equal(await page.inputValue('#survey-weight'), '80');
    const scoreAfter = await rows.nth(0).locator('.prio-detail').first().textContent();
    assert.notEqual(scoreAfter, scoreBefore, 'the score is blended anew');
    note(`blend saved: "${scoreBefore}" became "${scoreAfter}" for the first row`);

    // A weight out of range: the problem box, the field marked.
    await page.fill('#survey-weight', '150');
    await page.evaluate(() => document.querySelector('#survey-weight').removeAttribute('max'));
    await submitWith(page, page.getByRole('button', { name: 'Save the blend' }));
    assert.equal(await page.locator('.ws-problems').count(), 1, 'a weight of 150 is refused');
    assert.equal(await page.getAttribute('#survey-weight', 'aria-invalid'), 'true');
    await checkAxe(page, 'desktop priority page with a problem', failures);

    await page.goto(`${baseUrl}${PAGE}`);
    await checkAxe(page, 'desktop priority page, marked and blended', failures);
    await checkNoHorizontalScroll(page, 'desktop priority page', failures);
    await screenshot(page, 'priorities-desktop.png');
    const area = await page.goto(`${baseUrl}${PAGE}?area=jordbro&lang=sv`);
    assert.equal(area.status(), 200);
    assert.match(await page.locator('h1').textContent(), /Prioriteringar: Jordbro/);
    await checkAxe(page, 'desktop priority page for Jordbro in Swedish', failures);
    await screenshot(page, 'priorities-desktop-jordbro-sv.png');
    await page.goto(`${baseUrl}${PAGE}?lang=en`);
    // The refused weight's page (422) is the one resource that may fail to load.
    assert.deepEqual(problems.filter((p) => !/status of 422/.test(p)), [], 'no script errors or policy violations');
  } finally {
    await context.close();
  }
  assert.deepEqual(failures, []);
});

test('phone: the priority page at 360 px, marked, with axe-core', async () => {
  const failures = [];
  const { context, page, problems } = await newWindow('phone');
  try {
    await login(page, 'Anna Analyst');
    await page.goto(`${baseUrl}${PAGE}`);
    assert.equal(await page.locator('.prio-marked-list li').count(), 2, 'the marks made on the desktop');
    await checkAxe(page, 'phone priority page', failures);
    await checkNoHorizontalScroll(page, 'phone priority page', failures);
    await screenshot(page, 'priorities-phone.png');
    assert.deepEqual(problems, [], 'no script errors or policy violations');
  } finally {
    await context.close();
  }
  assert.deepEqual(failures, []);
});

test('a viewer sees the ranking, no quotes and no forms, under the page policy', async () => {
  const failures = [];
  const { context, page, problems } = await newWindow('desktop', { bypassCSP: false });
  try {
    await login(page, 'Vera Viewer');
    await page.goto(`${baseUrl}${PAGE}`);
    assert.ok(await page.locator('table.prio-table tbody tr').count() >= 10);
    assert.equal(await page.locator('blockquote').count(), 0, 'no quotes for a viewer');
    assert.equal(await page.locator('form[action$="/mark"], form[action$="/blend"]').count(), 0, 'no forms that change anything');
    assert.equal(await page.locator('.prio-flag').count(), 2, 'the marks are shown, read-only');
    const fill = await page.evaluate(() => getComputedStyle(document.querySelector('.prio-survey')).fill);
    assert.notEqual(fill, 'rgb(0, 0, 0)', 'the stylesheet colours the bars under the policy');
    await screenshot(page, 'priorities-desktop-viewer.png');
    assert.deepEqual(problems, [], 'no script errors or policy violations');
  } finally {
    await context.close();
  }
  assert.deepEqual(failures, []);
});
