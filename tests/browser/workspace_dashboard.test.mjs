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
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { browserSession, note } from './browser_session.mjs';

const PDFTOPPM = '/usr/bin/pdftoppm';
const SURVEY = 'trygghet-demo';

const session = browserSession({
  prefix: 'lyssna-dashboard-',
  prepare(s) {
    s.lyssna(['demo', '--survey', SURVEY, '--responses', '600', '--seed', '7',
      '--areas', 'centrum=Centrum,norr=Norr,soder=Söder,x=<script>alert(1)</script>']);
    s.addUser('Vera Viewer', 'viewer');
  },
});

function newWindow(size, options = {}) {
  return session.newWindow(size, { timeout: 20000, ...options });
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
      await session.login(page, 'Vera Viewer');
      const overview = await page.goto(`${session.baseUrl}/workspace/surveys/${SURVEY}`);
      assert.equal(overview.status(), 200);
      assert.match(await page.locator('main').textContent(), /600 responses in all/);
      await session.checkAxe(page, `${size} overview`, failures);
      await session.checkNoHorizontalScroll(page, `${size} overview`, failures);
      await session.screenshot(page, `workspace-dashboard-${size}-overview.png`);

      await Promise.all([page.waitForURL(/\/dashboard$/), page.click('a.ws-dash-more')]);
      assert.equal(await page.locator('h1').textContent(), 'Results');
      assert.ok(await page.locator('text=Shares are weighted to the population margins').count() === 0,
        'no margins stored yet: unweighted');
      // The summary table has a row per indicator; the figures are folded.
      const indicators = await page.locator('.ws-dash-indicator').count();
      assert.ok(indicators >= 5, `every indicator has its section (${indicators})`);
      assert.equal(await page.locator('table.ws-dash-glance tbody tr').count(), indicators);
      assert.equal(await page.locator('details.ws-dash-details[open]').count(), 0, 'the figures start folded');
      await session.screenshot(page, `workspace-dashboard-${size}-folded.png`);
      // An indicator's name in the summary leads to its figure, opened.
      const link = page.locator('table.ws-dash-glance tbody th a').nth(1);
      const target = (await link.getAttribute('href')).slice(1);
      await link.click();
      await page.waitForFunction((id) => document.getElementById(id)?.closest('details')?.open, target);
      note(`${size}: following the summary's link opened #${target}`);
      await page.evaluate(() => document.querySelectorAll('details.ws-dash-details').forEach((d) => { d.open = true; }));
      await checkCharts(page, `${size} dashboard`, failures);
      await session.checkAxe(page, `${size} dashboard`, failures);
      await session.checkNoHorizontalScroll(page, `${size} dashboard`, failures);
      await session.screenshot(page, `workspace-dashboard-${size}.png`);

      // The area filter with the keyboard: choose Norr, submit with Enter.
      await page.locator('#area-filter').focus();
      await page.selectOption('#area-filter', 'norr');
      const navigated = page.waitForURL(/area=norr/);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await navigated;
      assert.match(await page.locator('.ws-dash-narrowed').textContent(), /Norr/);
      await session.checkAxe(page, `${size} dashboard narrowed to an area`, failures);
      await session.checkNoHorizontalScroll(page, `${size} dashboard narrowed`, failures);
      await session.screenshot(page, `workspace-dashboard-${size}-norr.png`);
      assert.deepEqual(problems, [], 'no script error, no dialog (the <script> area name stays text)');
      assert.deepEqual(failures, [], failures.join('\n'));
    } finally {
      await context.close();
    }
  });
}

test('weighted, in Swedish, under the content security policy; printed to PDF', async () => {
  const margins = path.join(session.workDir, 'margins.json');
  await writeFile(margins, JSON.stringify({
    survey: SURVEY,
    margins: { area: { centrum: 9000, norr: 6000, soder: 4000, x: 500 } },
  }));
  session.lyssna(['margins', 'set', SURVEY, margins]);
  const { context, page, problems } = await newWindow('desktop', { locale: 'sv-SE' });
  try {
    await session.login(page, 'Vera Viewer');
    const res = await page.goto(`${session.baseUrl}/workspace/surveys/${SURVEY}/dashboard`);
    assert.equal(res.status(), 200);
    assert.equal(await page.locator('html').getAttribute('lang'), 'sv');
    assert.match(await page.locator('.ws-dash-weighting').textContent(), /viktade mot de befolkningsmarginaler/);
    const fill = await page.evaluate(() => getComputedStyle(document.querySelector('svg.ws-bars rect.bar')).fill);
    assert.notEqual(fill, 'rgb(0, 0, 0)', 'the stylesheet colours the bars under the policy');
    assert.deepEqual(problems, [], 'no policy violation or script error');
    await session.screenshot(page, 'workspace-dashboard-desktop-weighted-sv.png');
    note('weighted dashboard in Swedish, stylesheet applied, no violations');

    await page.emulateMedia({ media: 'print' });
    const folded = await page.evaluate(() => [...document.querySelectorAll('.ws-dash-details .ws-dash-figure')]
      .filter((f) => f.getBoundingClientRect().height === 0).length);
    assert.equal(folded, 0, 'in print every folded figure is open');
    const pdf = path.join(session.artifacts, 'workspace-dashboard-print.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });
    note(`printed ${pdf}`);
    if (existsSync(PDFTOPPM)) {
      const prefix = path.join(session.artifacts, 'workspace-dashboard-print');
      const r = spawnSync(PDFTOPPM, ['-png', '-r', '60', '-f', '1', '-l', '4', pdf, prefix], { encoding: 'utf8' });
      assert.equal(r.status, 0, `pdftoppm failed: ${r.stderr}`);
      const pages = (await readdir(session.artifacts)).filter((f) => f.startsWith('workspace-dashboard-print-') && f.endsWith('.png'));
      assert.ok(pages.length >= 1, 'the PDF has pages');
      note(`pdftoppm made ${pages.length} PNG pages of the print`);
    } else {
      note('pdftoppm is missing (apt-get install poppler-utils): the PDF is not turned into PNG');
    }
  } finally {
    await context.close();
  }
});
