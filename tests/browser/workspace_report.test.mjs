// Browser tests of a survey's annual results report in Debian's Chromium: a
// viewer opens it at 1280 and 360 px (axe-core without violations, no
// sideways scrolling, charts as wide as their box), then prints it with
// page.pdf as A4 without backgrounds: the print leaves out the header,
// tabs, notices and forms, starts each main section on a new page, keeps
// each chart on one page and its text black; pdfinfo counts the pages and
// pdftoppm turns them into PNGs, to be looked at.
// Self-contained: a temporary database with `lyssna demo`'s survey and
// promise, and a viewer; `lyssna serve`; removed at the end.
//
//   LYSSNA_BINARY     the lyssna binary (default ../../build-test/lyssna)
//   LYSSNA_ARTIFACTS  where screenshots, the PDF and its pages go (default a new temporary directory)
//
// Run: node workspace_report.test.mjs   (after `npm ci` in this directory)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { browserSession, note } from './browser_session.mjs';

const PDFINFO = '/usr/bin/pdfinfo';
const PDFTOPPM = '/usr/bin/pdftoppm';
const SURVEY = 'trygghet-demo';
const REPORT = `/workspace/surveys/${SURVEY}/report`;

const session = browserSession({
  prefix: 'lyssna-report-',
  prepare(s) {
    s.lyssna(['demo', '--survey', SURVEY, '--responses', '600', '--seed', '7']);
    s.addUser('Vera Viewer', 'viewer');
  },
});

function newWindow(size, options = {}) {
  return session.newWindow(size, { timeout: 20000, ...options });
}

// The report once the server's index holds the answers (the themes table).
async function openReport(page) {
  for (let i = 0; i < 50; i += 1) {
    const res = await page.goto(`${session.baseUrl}${REPORT}`);
    assert.equal(res.status(), 200);
    if (await page.locator('#themes-caption').count()) return;
    await page.waitForTimeout(200);
  }
  assert.fail('the themes table never appeared');
}

for (const size of ['desktop', 'phone']) {
  test(`${size}: a viewer reads the annual report`, async () => {
    const failures = [];
    const { context, page, problems } = await newWindow(size, { bypassCSP: true });
    try {
      await session.login(page, 'Vera Viewer');
      await page.goto(`${session.baseUrl}/workspace/surveys/${SURVEY}`);
      await Promise.all([page.waitForURL(/\/report$/), page.click('nav.ws-tabs a[href$="/report"]')]);
      await openReport(page);
      const sections = await page.locator('section.report-section > h2').allTextContents();
      assert.deepEqual(sections, ['Indicators', 'Themes in the free-text answers', 'Priorities', 'Citizen promise']);
      const charts = await page.evaluate(() => [...document.querySelectorAll('svg.ws-chart')].map((svg) => {
        const box = svg.getBoundingClientRect();
        return { width: box.width, parent: svg.parentElement.getBoundingClientRect().width };
      }));
      assert.ok(charts.length >= 10, `charts: ${charts.length}`);
      for (const [i, c] of charts.entries()) {
        if (Math.abs(c.width - c.parent) > 1) failures.push(`${size}: chart ${i} is ${c.width} px in a box of ${c.parent}`);
      }
      assert.equal(await page.locator('section.report-promise').count(), 1, 'the demo promise');
      await session.checkAxe(page, `${size} report`, failures);
      await session.checkNoHorizontalScroll(page, `${size} report`, failures);
      await session.screenshot(page, `workspace-report-${size}.png`);
      assert.deepEqual(problems, [], 'no script error or policy violation');
      assert.deepEqual(failures, [], failures.join('\n'));
    } finally {
      await context.close();
    }
  });
}

test('printed to A4: the report alone, black on white, a page a section', async () => {
  const { context, page } = await newWindow('desktop');
  try {
    await session.login(page, 'Vera Viewer');
    await openReport(page);
    await page.emulateMedia({ media: 'print' });
    const hidden = await page.evaluate(() => ['.ws-header', '.ws-tabs', '.ws-footer', '.report-screen-only', 'form', 'button']
      .flatMap((sel) => [...document.querySelectorAll(sel)].map((el) => ({ sel, shown: el.getClientRects().length > 0 })))
      .filter((x) => x.shown).map((x) => x.sel));
    assert.deepEqual(hidden, [], 'no header, tabs, footer, notice, form or button in print');
    // Each main section starts a page; a chart is never split; text is black.
    const rules = await page.evaluate(() => {
      const sections = [...document.querySelectorAll('.report-section')].map((s) => getComputedStyle(s).breakBefore);
      const charts = [...document.querySelectorAll('.ws-report .ws-dash-chart')].map((c) => getComputedStyle(c).breakInside);
      const grey = [...document.querySelectorAll('.ws-report *')].filter((el) => el.childElementCount === 0 && el.textContent.trim())
        .map((el) => getComputedStyle(el).color).filter((c) => c !== 'rgb(0, 0, 0)');
      return { sections, charts, grey: [...new Set(grey)] };
    });
    assert.ok(rules.sections.every((b) => b === 'page'), `sections break before: ${rules.sections}`);
    assert.ok(rules.charts.every((b) => b === 'avoid'), 'charts avoid breaks inside');
    assert.deepEqual(rules.grey, [], 'all the report\'s text prints black');
    const pdf = path.join(session.artifacts, 'workspace-report.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: false });
    note(`printed ${pdf}`);
    const info = spawnSync(PDFINFO, [pdf], { encoding: 'utf8' });
    assert.equal(info.status, 0, `pdfinfo failed: ${info.stderr}`);
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info.stdout)[1]);
    const size = /^Page size:\s+(.*)$/m.exec(info.stdout)[1];
    note(`${pages} pages, ${size}`);
    assert.match(size, /pts \(A4\)$/, 'A4 pages');
    assert.ok(pages >= 5 && pages <= 40, `a sane page count: ${pages}`);
    const prefix = path.join(session.artifacts, 'workspace-report-page');
    const r = spawnSync(PDFTOPPM, ['-png', '-r', '50', pdf, prefix], { encoding: 'utf8' });
    assert.equal(r.status, 0, `pdftoppm failed: ${r.stderr}`);
    const pngs = (await readdir(session.artifacts)).filter((f) => f.startsWith('workspace-report-page-') && f.endsWith('.png'));
    assert.equal(pngs.length, pages, 'a PNG a page');
    note(`pdftoppm made ${pngs.length} PNG pages in ${session.artifacts}`);
  } finally {
    await context.close();
  }
});
