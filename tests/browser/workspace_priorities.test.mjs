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
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { browserSession, clickAndWait, here, note } from './browser_session.mjs';

const GOLDEN = path.join(here, '..', 'data', 'analysis_golden');
const PAGE = '/workspace/surveys/golden-2026/priorities';

const session = browserSession({
  prefix: 'lyssna-priorities-',
  prepare(s) {
    s.lyssna(['survey', 'new', 'golden-2026', '--areas', 'handen,jordbro,vasterhaninge=Västerhaninge']);
    s.lyssna(['import', path.join(GOLDEN, 'records-2026.jsonl')]);
    s.addUser('Anna Analyst', 'analyst');
    s.addUser('Vera Viewer', 'viewer');
  },
});

// `bypassCSP` lets axe-core be injected (the policy refuses other scripts).
function newWindow(size, { bypassCSP = true } = {}) {
  return session.newWindow(size, { bypassCSP, timeout: 20000 });
}

test('desktop: an analyst marks two priorities and changes the blend', async () => {
  const failures = [];
  const { context, page, problems } = await newWindow('desktop');
  try {
    await session.login(page, 'Anna Analyst');
    const response = await page.goto(`${session.baseUrl}${PAGE}`);
    assert.equal(response.status(), 200);
    const rows = page.locator('table.prio-table tbody tr');
    assert.ok(await rows.count() >= 10, 'every theme of the codebook is ranked');
    assert.ok(await page.locator('.prio-evidence blockquote').count() > 0, 'the analyst sees the evidence quotes');
    await session.checkAxe(page, 'desktop priority page', failures);
    await session.screenshot(page, 'priorities-desktop-before.png');

    // Mark the first two: each a POST of the row's own form, back to its row.
    const themes = [];
    for (const i of [0, 1]) {
      const row = rows.nth(i);
      themes.push(await row.locator('th').textContent());
      await clickAndWait(page, row.getByRole('button', { name: /Mark as promise/ }));
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
    await clickAndWait(page, page.getByRole('button', { name: 'Save the blend' }));
    assert.match(await page.locator('.ws-notice').textContent(), /blend is saved/);
    assert.match(await page.locator('#prio-blend-heading + p').textContent(), /Survey 80%, dialogue 20%/);
    assert.equal(await page.inputValue('#survey-weight'), '80');
    const scoreAfter = await rows.nth(0).locator('.prio-detail').first().textContent();
    assert.notEqual(scoreAfter, scoreBefore, 'the score is blended anew');
    note(`blend saved: "${scoreBefore}" became "${scoreAfter}" for the first row`);

    // A weight out of range: the problem box, the field marked.
    await page.fill('#survey-weight', '150');
    await page.evaluate(() => document.querySelector('#survey-weight').removeAttribute('max'));
    await clickAndWait(page, page.getByRole('button', { name: 'Save the blend' }));
    assert.equal(await page.locator('.ws-problems').count(), 1, 'a weight of 150 is refused');
    assert.equal(await page.getAttribute('#survey-weight', 'aria-invalid'), 'true');
    await session.checkAxe(page, 'desktop priority page with a problem', failures);

    await page.goto(`${session.baseUrl}${PAGE}`);
    await session.checkAxe(page, 'desktop priority page, marked and blended', failures);
    await session.checkNoHorizontalScroll(page, 'desktop priority page', failures);
    await session.screenshot(page, 'priorities-desktop.png');
    const area = await page.goto(`${session.baseUrl}${PAGE}?area=jordbro&lang=sv`);
    assert.equal(area.status(), 200);
    assert.match(await page.locator('h1').textContent(), /Prioriteringar: Jordbro/);
    await session.checkAxe(page, 'desktop priority page for Jordbro in Swedish', failures);
    await session.screenshot(page, 'priorities-desktop-jordbro-sv.png');
    await page.goto(`${session.baseUrl}${PAGE}?lang=en`);
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
    await session.login(page, 'Anna Analyst');
    await page.goto(`${session.baseUrl}${PAGE}`);
    assert.equal(await page.locator('.prio-marked-list li').count(), 2, 'the marks made on the desktop');
    await session.checkAxe(page, 'phone priority page', failures);
    await session.checkNoHorizontalScroll(page, 'phone priority page', failures);
    // The table's own box may not hide columns behind a sideways scroll either.
    const wrap = await page.locator('.ws-table-wrap').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    assert.ok(wrap.scroll <= wrap.client, `the ranking fits its box at 360 px (${wrap.scroll} > ${wrap.client})`);
    await session.screenshot(page, 'priorities-phone.png');
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
    await session.login(page, 'Vera Viewer');
    await page.goto(`${session.baseUrl}${PAGE}`);
    assert.ok(await page.locator('table.prio-table tbody tr').count() >= 10);
    assert.equal(await page.locator('blockquote').count(), 0, 'no quotes for a viewer');
    assert.equal(await page.locator('form[action$="/mark"], form[action$="/blend"]').count(), 0, 'no forms that change anything');
    assert.equal(await page.locator('.prio-flag').count(), 2, 'the marks are shown, read-only');
    const fill = await page.evaluate(() => getComputedStyle(document.querySelector('.prio-survey')).fill);
    assert.notEqual(fill, 'rgb(0, 0, 0)', 'the stylesheet colours the bars under the policy');
    await session.screenshot(page, 'priorities-desktop-viewer.png');
    assert.deepEqual(problems, [], 'no script errors or policy violations');
  } finally {
    await context.close();
  }
  assert.deepEqual(failures, []);
});
