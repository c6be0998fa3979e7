// Browser test of the analyst's theme explorer in Debian's Chromium: the
// themes × areas table, a theme's responses (and an area's) with the
// theme's words marked, a search narrowed by area, recoding a response on
// its card, the codebook editor (a term added, previewed, saved, counted),
// the suggested new themes (one accepted as a theme, one dismissed for
// good), an add-theme done with the keyboard alone, axe-core and no
// sideways scrolling at 1280 and 360 px on each page, and a viewer who gets
// the counts and nothing of the answers. Screenshots explorer-*-desktop.png
// and explorer-*-phone.png go to LYSSNA_ARTIFACTS.
// Self-contained: a temporary database with a demo survey of 400 responses
// (seed 3: enough unmatched answers for several suggested themes, as the
// integration test uses), indexed before the server starts, so counts read
// on one page and checked on the next do not move while the indexer works.
//
//   LYSSNA_BINARY     the lyssna binary (default ../../build-test/lyssna)
//   LYSSNA_ARTIFACTS  where screenshots go (default a new temporary directory)
//
// Run: node workspace_explorer.test.mjs   (after `npm ci` in this directory)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSession, clickAndWait, failIfAny, focused, note, pressAndWait, tabTo, PASSWORD } from './browser_session.mjs';

const SURVEY = 'trygghet-demo';
const BASE = `/workspace/surveys/${SURVEY}`;
// The theme drilled into and edited, and the term the editor adds to it:
// "tunnel" is in a handful of answers that no theme finds yet.
const THEME = 'lighting_environment';
const THEME_LABEL = 'Lighting and environment';
const ADDED_TERM = 'tunnel';
// The search: "tunnel" in all areas, then in Vendelsö only.
const SEARCH_WORD = 'tunnel';
const SEARCH_AREA = 'vendelso';
const SEARCH_AREA_LABEL = 'Vendelsö';

const session = browserSession({
  prefix: 'lyssna-explorer-',
  prepare(s) {
    s.lyssna(['demo', '--survey', SURVEY, '--responses', '400', '--seed', '3']);
    s.lyssna(['reindex', '--quiet']);
    s.addUser('Anna Analyst', 'analyst');
    s.addUser('Kim Keyboard', 'analyst');
    s.addUser('Vera Viewer', 'viewer');
  },
});

// `bypassCSP` lets axe-core be injected (the policy refuses other scripts).
function newWindow(size, { bypassCSP = true } = {}) {
  return session.newWindow(size, { bypassCSP, timeout: 20000 });
}

function exactly(text) {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

// The themes table as data: each row's label, link (if any) and counts
// (all areas first, then one per area), and the column headings.
function themeTable(page) {
  return page.evaluate(() => {
    const table = document.querySelector('table.ws-heat');
    if (!table) return null;
    const columns = [...table.querySelectorAll('thead th')].slice(1)
      .map((th) => th.firstChild.textContent.trim());
    const rows = [...table.querySelectorAll('tbody tr:not(.ws-heat-untagged)')].map((tr) => {
      const link = tr.querySelector('th a');
      return {
        label: tr.querySelector('th').textContent.trim(),
        href: link ? link.getAttribute('href') : null,
        counts: [...tr.querySelectorAll('td .ws-heat-count')].map((c) => Number(c.textContent)),
        links: [...tr.querySelectorAll('td a')].map((a) => a.getAttribute('href')),
      };
    });
    return { columns, rows };
  });
}

function rowOf(table, theme) {
  const row = table.rows.find((r) => r.href === `${BASE}/themes/${theme}`);
  assert.ok(row, `the themes table has a row for ${theme}`);
  return row;
}

// The first number of the page's status line ("7 answers with this theme in Handen").
async function statusCount(page) {
  const text = await page.locator('p[role="status"]').first().textContent();
  const m = text.match(/\d+/);
  assert.ok(m, `a count in the status line "${text}"`);
  return Number(m[0]);
}

// Each response card on the page: its id, area, marked words and themes.
function cards(page) {
  return page.locator('article.ws-response').evaluateAll((list) => list.map((a) => ({
    anchor: a.id,
    id: a.querySelector('.ws-response-head code').textContent,
    area: a.querySelector('.ws-response-head > span:not(.ws-vh)').textContent,
    marks: [...a.querySelectorAll('.ws-snippet mark')].map((m) => m.textContent),
    themes: [...a.querySelectorAll('.ws-theme-tags .ws-tag')].map((t) => t.textContent),
  })));
}

// The editor's preview: its summary figures and the change table's rows.
async function previewOf(page) {
  const summary = await page.locator('.ws-preview-summary').textContent();
  const m = summary.match(/(\d+) answers would gain a theme and (\d+) would lose one/);
  assert.ok(m, `the preview says what gains and loses: "${summary}"`);
  const rows = await page.locator('.ws-preview table tbody tr').evaluateAll((trs) => trs.map((tr) => ({
    id: tr.querySelector('th code').textContent,
    what: tr.querySelectorAll('td')[0].textContent,
    gained: Number(tr.querySelectorAll('td')[1].textContent.replace(/[^\d]/g, '')),
    lost: Number(tr.querySelectorAll('td')[2].textContent.replace(/[^\d]/g, '')),
  })));
  return { gaining: Number(m[1]), losing: Number(m[2]), rows };
}

// The suggestions on the page: key, the terms per language, the accept link.
function suggestions(page) {
  return page.locator('section.ws-suggestion').evaluateAll((list) => list.map((s) => ({
    key: s.querySelector('input[name="suggestion"]').value,
    terms: [...s.querySelectorAll('dd')].map((dd) => ({ lang: dd.querySelector('[lang]').getAttribute('lang'), words: dd.textContent.split(', ') })),
  })));
}

test('desktop: an analyst explores, recodes, edits the codebook and takes up a suggestion', async () => {
  const failures = [];
  const { context, page, problems } = await newWindow('desktop');
  try {
    await session.login(page, 'Anna Analyst');
    await page.goto(`${session.baseUrl}${BASE}`);
    await clickAndWait(page, page.locator('nav.ws-tabs').getByRole('link', { name: 'Themes' }));
    assert.equal(new URL(page.url()).pathname, `${BASE}/themes`);
    const table = await themeTable(page);
    assert.ok(table && table.rows.length >= 10, 'every theme of the codebook has a row');
    assert.equal(table.columns[0], 'All areas');
    assert.ok(table.columns.includes('Handen'), 'a column per area');
    const row = rowOf(table, THEME);
    assert.ok(row.counts[0] > 0, `${THEME} is found in some answers`);
    assert.equal(row.links.length, table.columns.length, 'every figure of an analyst leads to its responses');
    await session.look(page, 'desktop themes table', 'explorer-themes-desktop.png', failures);

    // The theme's name leads to all its responses: as many as the table says,
    // each with the theme's words marked in its snippets.
    await clickAndWait(page, page.locator('table.ws-heat tbody th').getByRole('link', { name: THEME_LABEL }));
    assert.equal(await page.locator('h1').textContent(), THEME_LABEL);
    assert.equal(await statusCount(page), row.counts[0], 'the theme page counts what the table counted');
    let list = await cards(page);
    assert.ok(list.length > 0 && list.length <= 20, 'a page of at most 20 responses');
    for (const c of list) {
      assert.ok(c.marks.length > 0, `response ${c.id} has the theme's words marked`);
      assert.ok(c.themes.includes(THEME_LABEL), `response ${c.id} carries the theme`);
    }
    note(`${THEME}: ${row.counts[0]} responses, the first ${list.length} with <mark> in every card`);

    // A cell of the table: the theme in one area.
    await page.goBack();
    const handen = table.columns.indexOf('Handen');
    assert.ok(row.counts[handen] > 0, `${THEME} is in some answers from Handen`);
    await clickAndWait(page, page.locator(`table.ws-heat a[href="${BASE}/themes/${THEME}?area=handen"]`));
    assert.equal(await statusCount(page), row.counts[handen], 'the area page counts what the cell counted');
    assert.match(await page.locator('p[role="status"]').textContent(), /in Handen/);
    assert.equal(await page.locator('#theme-area').inputValue(), 'handen', 'the area filter shows the area');
    list = await cards(page);
    assert.equal(list.length, Math.min(20, row.counts[handen]));
    for (const c of list) {
      assert.equal(c.area, 'Handen', `response ${c.id} is from Handen`);
      assert.ok(c.marks.length > 0, `response ${c.id} has the theme's words marked`);
    }
    await session.look(page, 'desktop theme responses in Handen', 'explorer-theme-desktop.png', failures);

    // Recoding on the card: a theme added with the select and its button comes
    // back on the same card (the redirect goes to it) with who added it; its
    // Remove button takes it off again, noted as taken off by hand.
    const card = page.locator('article.ws-response').first();
    const anchor = await card.getAttribute('id');
    const record = await card.locator('.ws-response-head code').textContent();
    const select = card.locator('select[name="theme"]');
    const option = select.locator('option').first();
    const [addedId, addedLabel] = [await option.getAttribute('value'), (await option.textContent()).trim()];
    assert.ok(!(await cards(page))[0].themes.includes(addedLabel), 'the select offers only themes the response lacks');
    await select.selectOption(addedId);
    await clickAndWait(page, card.getByRole('button', { name: /^Add/ }));
    assert.equal(new URL(page.url()).hash, `#${anchor}`, 'back at the recoded card');
    const tag = page.locator(`#${anchor} .ws-theme-tags li`, { has: page.locator('.ws-tag', { hasText: exactly(addedLabel) }) });
    assert.equal(await tag.count(), 1, `${record} now carries ${addedLabel}`);
    assert.match(await tag.locator('.ws-coded-by').textContent(), /^added by Anna Analyst, \d{4}-\d\d-\d\d/);
    assert.equal(await page.locator(`#${anchor} select[name="theme"] option[value="${addedId}"]`).count(), 0,
      'a theme the response has is no longer offered');
    note(`added ${addedLabel} to ${record}: "added by Anna Analyst" on its card`);
    await clickAndWait(page, tag.getByRole('button', { name: /^Remove/ }));
    assert.equal(new URL(page.url()).hash, `#${anchor}`);
    assert.equal(await page.locator(`#${anchor} .ws-theme-tags .ws-tag`, { hasText: exactly(addedLabel) }).count(), 0,
      `${addedLabel} is taken off ${record} again`);
    assert.match(await page.locator(`#${anchor} .ws-removed`).textContent(), new RegExp(`${addedLabel} by Anna Analyst`));
    assert.equal(await page.locator(`#${anchor} select[name="theme"] option[value="${addedId}"]`).count(), 1);
    note(`removed it again: "Taken off by hand: ${addedLabel} by Anna Analyst"`);

    // Search: a word in all areas, then narrowed to one area; the hits have
    // the word marked, and the filter keeps only that area's.
    await clickAndWait(page, page.locator('nav.ws-tabs').getByRole('link', { name: 'Search the answers' }));
    await page.fill('#search-q', SEARCH_WORD);
    await clickAndWait(page, page.locator('form[role="search"]').getByRole('button', { name: 'Search' }));
    const everywhere = await statusCount(page);
    assert.ok(everywhere > 0, `"${SEARCH_WORD}" is found`);
    await page.selectOption('#search-area', SEARCH_AREA);
    await clickAndWait(page, page.locator('form[role="search"]').getByRole('button', { name: 'Search' }));
    assert.equal(new URL(page.url()).searchParams.get('area'), SEARCH_AREA);
    assert.equal(await page.inputValue('#search-q'), SEARCH_WORD, 'the words stay in the form');
    const narrowed = await statusCount(page);
    assert.ok(narrowed > 0 && narrowed < everywhere, `${SEARCH_AREA_LABEL} has some of the ${everywhere} hits (${narrowed})`);
    list = await cards(page);
    assert.equal(list.length, narrowed);
    for (const c of list) {
      assert.equal(c.area, SEARCH_AREA_LABEL, `hit ${c.id} is from ${SEARCH_AREA_LABEL}`);
      assert.ok(c.marks.length > 0 && c.marks.every((m) => /tunnel/i.test(m)), `hit ${c.id} marks the word: ${c.marks}`);
    }
    note(`search "${SEARCH_WORD}": ${everywhere} hits, ${narrowed} in ${SEARCH_AREA_LABEL}, each marked`);
    await session.look(page, 'desktop search results', 'explorer-search-desktop.png', failures);

    // The codebook editor: a term added to the theme, previewed (what gains,
    // with samples), saved; the table then counts what the preview said.
    await clickAndWait(page, page.locator('nav.ws-tabs').getByRole('link', { name: 'Themes' }));
    const before = rowOf(await themeTable(page), THEME).counts[0];
    await clickAndWait(page, page.getByRole('link', { name: 'Edit the codebook' }));
    await clickAndWait(page, page.locator('nav.ws-codebook-themes').getByRole('link', { name: THEME_LABEL }));
    assert.equal(await page.locator('#theme-heading').textContent(), `Edit ${THEME_LABEL}`);
    const terms = await page.inputValue('#theme-terms_sv');
    assert.ok(!terms.split('\n').includes(ADDED_TERM), `${THEME} has no "${ADDED_TERM}" yet`);
    await page.fill('#theme-terms_sv', `${terms}\n${ADDED_TERM}`);
    assert.equal(await page.getByRole('button', { name: 'Save the codebook' }).count(), 0, 'no saving before a preview');
    await clickAndWait(page, page.getByRole('button', { name: 'Preview the change' }));
    let preview = await previewOf(page);
    const change = preview.rows.find((r) => r.id === THEME);
    assert.ok(change, `the preview lists ${THEME}`);
    assert.ok(change.gained > 0, `some answers gain ${THEME} by "${ADDED_TERM}"`);
    assert.ok(preview.gaining >= change.gained);
    const samples = page.locator('.ws-preview .ws-samples li');
    assert.ok(await samples.count() > 0, 'samples of the answers that gain');
    assert.ok(await page.locator('.ws-preview .ws-samples mark').count() > 0, 'the samples mark what matched');
    const sampleIds = await samples.locator('.ws-sample-head code').allTextContents();
    assert.equal(await page.inputValue('#theme-terms_sv'), `${terms}\n${ADDED_TERM}`, 'the form keeps the change');
    note(`preview: ${preview.gaining} answers gain a theme, ${preview.losing} lose one; ${THEME} +${change.gained} −${change.lost}`);
    await session.look(page, 'desktop codebook editor with a preview', 'explorer-editor-desktop.png', failures);
    await clickAndWait(page, page.getByRole('button', { name: 'Save the codebook' }));
    assert.equal(new URL(page.url()).searchParams.get('done'), 'saved');
    assert.match(await page.locator('.ws-notice').textContent(), /The codebook is saved/);
    assert.ok((await page.inputValue('#theme-terms_sv')).split('\n').includes(ADDED_TERM), 'the term is stored');
    await page.goto(`${session.baseUrl}${BASE}/themes`);
    const after = rowOf(await themeTable(page), THEME).counts[0];
    assert.equal(after, before + change.gained - change.lost, `the table counts ${THEME} anew (${before} → ${after})`);
    await page.goto(`${session.baseUrl}${BASE}/search?q=${SEARCH_WORD}&theme=${THEME}`);
    const tagged = (await cards(page)).map((c) => c.id);
    for (const id of sampleIds) assert.ok(tagged.includes(id), `sample ${id} now carries ${THEME}`);
    note(`saved: ${THEME} counted ${before}, now ${after}`);

    // Suggested new themes: the first accepted (the editor filled in with its
    // terms) and saved as a theme, then another dismissed for good.
    await page.goto(`${session.baseUrl}${BASE}/themes`);
    await clickAndWait(page, page.getByRole('link', { name: 'Suggested new themes' }));
    let offered = await suggestions(page);
    assert.ok(offered.length >= 2, `at least two suggestions (${offered.map((s) => s.key)})`);
    await session.look(page, 'desktop suggested themes', 'explorer-suggestions-desktop.png', failures);
    const taken = offered[0];
    await clickAndWait(page, page.locator('section.ws-suggestion').first().getByRole('link', { name: /Make it a theme/ }));
    assert.equal(new URL(page.url()).pathname, `${BASE}/themes/edit-theme`);
    assert.equal(await page.locator('#theme-heading').textContent(), 'New theme');
    const newId = await page.inputValue('#theme-id');
    assert.match(newId, /^[a-z0-9_]+$/, 'the suggestion gives an id the form accepts');
    for (const { lang, words } of taken.terms) {
      assert.deepEqual((await page.inputValue(`#theme-terms_${lang}`)).split('\n'), words,
        `the editor has the suggestion's ${lang} terms`);
    }
    await page.fill('#theme-label_en', `Suggested: ${taken.key}`);
    await clickAndWait(page, page.getByRole('button', { name: 'Preview the change' }));
    preview = await previewOf(page);
    const created = preview.rows.find((r) => r.id === newId);
    assert.ok(created && created.what === 'new theme' && created.gained > 0, `the preview has ${newId} as a new theme with answers`);
    await clickAndWait(page, page.getByRole('button', { name: 'Save the codebook' }));
    assert.equal(new URL(page.url()).searchParams.get('theme'), newId);
    assert.match(await page.locator('.ws-notice').textContent(), /The codebook is saved/);
    await page.goto(`${session.baseUrl}${BASE}/themes`);
    const newRow = rowOf(await themeTable(page), newId);
    assert.equal(newRow.label, `Suggested: ${taken.key}`);
    assert.equal(newRow.counts[0], created.gained, 'the new theme counts the answers its preview gained');
    note(`accepted "${taken.key}" as theme ${newId} with ${newRow.counts[0]} answers`);

    await clickAndWait(page, page.getByRole('link', { name: 'Suggested new themes' }));
    offered = await suggestions(page);
    assert.ok(!offered.some((s) => s.key === taken.key), 'what is a theme now is no longer suggested');
    assert.ok(offered.length >= 1, 'another suggestion to dismiss');
    const dropped = offered[0].key;
    await clickAndWait(page, page.locator('section.ws-suggestion').first().getByRole('button', { name: /Dismiss/ }));
    assert.equal(new URL(page.url()).searchParams.get('done'), 'dismissed');
    assert.match(await page.locator('.ws-notice').textContent(), /will not be proposed again/);
    for (const load of ['after the dismissal', 'on a later visit']) {
      if (load === 'on a later visit') await page.goto(`${session.baseUrl}${BASE}/themes/suggested-themes`);
      const keys = (await suggestions(page)).map((s) => s.key);
      assert.ok(!keys.includes(dropped), `"${dropped}" is not proposed ${load}`);
      for (const s of offered.slice(1)) assert.ok(keys.includes(s.key), `"${s.key}" is still proposed ${load}`);
    }
    note(`dismissed "${dropped}": gone, and the others stay`);
    assert.deepEqual(problems, [], 'no script errors or policy violations');
  } finally {
    await context.close();
  }
  failIfAny(failures);
});

// Without bypassing the content security policy (no axe-core here), so the
// analyst's pages, forms and all, are seen to keep to it.
test('keyboard only, under the page policy: log in and add a theme to a response', async () => {
  const { context, page, problems } = await newWindow('desktop', { bypassCSP: false });
  try {
    await page.goto(`${session.baseUrl}/workspace/login`);
    await tabTo(page, (e) => e.id === 'login-name', 'the name field');
    await page.keyboard.type('Kim Keyboard');
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).id, 'login-password');
    await page.keyboard.type(PASSWORD);
    await pressAndWait(page, 'Enter');
    assert.equal(new URL(page.url()).pathname, '/workspace', 'logged in with the keyboard');

    await page.goto(`${session.baseUrl}${BASE}/themes/${THEME}?area=handen`);
    // Through the header, the survey's tabs, the area filter and the first
    // card's Remove buttons to its add-theme select.
    const presses = await tabTo(page, (e) => e.tag === 'SELECT' && /-add$/.test(e.id), "a response's add-theme select", 60);
    const selectId = (await focused(page)).id;
    const select = page.locator(`#${selectId}`);
    const anchor = selectId.replace(/-add$/, '');
    const first = await select.inputValue();
    await page.keyboard.press('ArrowDown');
    const chosen = await select.inputValue();
    assert.notEqual(chosen, first, 'the arrow key chooses the next theme');
    const label = (await select.locator(`option[value="${chosen}"]`).textContent()).trim();
    await page.keyboard.press('Tab');
    const button = await focused(page);
    assert.equal(button.tag, 'BUTTON');
    assert.match(button.text, /^Add/, 'Tab goes from the select to its Add button');
    await pressAndWait(page, 'Enter');
    assert.equal(new URL(page.url()).hash, `#${anchor}`, 'back at the card');
    const tag = page.locator(`#${anchor} .ws-theme-tags li`, { has: page.locator('.ws-tag', { hasText: exactly(label) }) });
    assert.equal(await tag.count(), 1, `the response carries ${label}`);
    assert.match(await tag.locator('.ws-coded-by').textContent(), /^added by Kim Keyboard/);
    note(`keyboard: ${presses} Tabs to the select, ArrowDown to ${label}, Tab, Enter: added by Kim Keyboard`);

    // The stylesheet applies under the policy (a tag is shaded), and the
    // explorer's other pages load without a violation.
    const shade = await tag.locator('.ws-tag').evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.notEqual(shade, 'rgba(0, 0, 0, 0)', 'the stylesheet shades the theme tags');
    for (const href of ['/themes', `/search?q=${SEARCH_WORD}&area=${SEARCH_AREA}`, `/themes/edit-theme?theme=${THEME}`,
      '/themes/suggested-themes']) {
      const response = await page.goto(`${session.baseUrl}${BASE}${href}`);
      assert.equal(response.status(), 200, href);
    }
    assert.deepEqual(problems, [], 'no script errors or policy violations');
  } finally {
    await context.close();
  }
});

test('phone: the explorer\'s pages at 360 px, with axe-core', async () => {
  const failures = [];
  const { context, page, problems } = await newWindow('phone');
  try {
    await session.login(page, 'Anna Analyst');
    const pages = [
      ['themes table', `${BASE}/themes`, 'explorer-themes-phone.png'],
      ['theme responses in Handen', `${BASE}/themes/${THEME}?area=handen`, 'explorer-theme-phone.png'],
      ['search results', `${BASE}/search?q=${SEARCH_WORD}&area=${SEARCH_AREA}`, 'explorer-search-phone.png'],
    ];
    for (const [where, href, file] of pages) {
      const response = await page.goto(`${session.baseUrl}${href}`);
      assert.equal(response.status(), 200, where);
      await session.look(page, `phone ${where}`, file, failures);
    }
    assert.ok(await page.locator('.ws-snippet mark').count() > 0, 'the hits are marked on the phone too');

    // The table's areas scroll in its box; the themes' names stay in sight.
    await page.goto(`${session.baseUrl}${BASE}/themes`);
    const sticky = await page.locator('.ws-table-wrap').evaluate((wrap) => {
      wrap.scrollLeft = wrap.scrollWidth;
      const name = wrap.querySelector('tbody th').getBoundingClientRect();
      return { scrolled: wrap.scrollLeft, nameLeft: name.left, wrapLeft: wrap.getBoundingClientRect().left };
    });
    assert.ok(sticky.scrolled > 0, 'the areas scroll sideways in the table\'s box at 360 px');
    assert.ok(Math.abs(sticky.nameLeft - sticky.wrapLeft) <= 2,
      `the theme's name stays at the box's edge (${sticky.nameLeft} against ${sticky.wrapLeft})`);
    await session.screenshot(page, 'explorer-themes-phone-scrolled.png');

    // The editor with a preview (of a change not saved).
    await page.goto(`${session.baseUrl}${BASE}/themes/edit-theme?theme=${THEME}`);
    await page.fill('#theme-terms_sv', `${await page.inputValue('#theme-terms_sv')}\ntrapphus*`);
    await clickAndWait(page, page.getByRole('button', { name: 'Preview the change' }));
    assert.ok((await previewOf(page)).gaining > 0, 'the preview has answers that gain');
    await session.look(page, 'phone codebook editor with a preview', 'explorer-editor-phone.png', failures);

    await page.goto(`${session.baseUrl}${BASE}/themes/suggested-themes`);
    assert.ok((await suggestions(page)).length >= 1, 'a suggestion left to show');
    await session.look(page, 'phone suggested themes', 'explorer-suggestions-phone.png', failures);
    assert.deepEqual(problems, [], 'no script errors or policy violations');
  } finally {
    await context.close();
  }
  failIfAny(failures);
});

test('a viewer gets the counts and nothing of the answers, under the page policy', async () => {
  // Answers as the command line finds them: none may reach a viewer's page.
  const found = JSON.parse(await session.lyssnaAsync('search', SURVEY, '--limit', '200', '--format', 'json'));
  const texts = found.hits.flatMap((h) => h.snippets.map((s) => s.snippet.replace(/\*\*/g, '')))
    .filter((t) => t.length >= 15);
  assert.ok(texts.length > 50, 'free texts to look for');
  const leaks = (html) => texts.filter((t) => html.includes(t));

  const { context, page, problems } = await newWindow('desktop', { bypassCSP: false });
  try {
    await session.login(page, 'Vera Viewer');
    const response = await page.goto(`${session.baseUrl}${BASE}/themes`);
    assert.equal(response.status(), 200);
    const table = await themeTable(page);
    assert.ok(table && table.rows.length >= 10, 'the viewer sees every theme');
    assert.ok(table.rows.every((r) => r.counts.length === table.columns.length), 'with a count in every cell');
    assert.ok(table.rows.some((r) => r.counts[0] > 0));
    assert.ok(table.rows.every((r) => r.href === null && r.links.length === 0), 'no way into the responses');
    assert.equal(await page.locator('a[href*="edit-theme"], a[href*="suggested-themes"], form[action$="/recode"]').count(), 0,
      'no editor, suggestions or recoding');
    assert.equal(await page.locator('main blockquote, main mark').count(), 0, 'no quotes or snippets');
    assert.deepEqual(leaks(await page.content()), [], 'no free text on the viewer\'s table');
    await session.screenshot(page, 'explorer-themes-viewer-desktop.png');

    for (const href of [`/themes/${THEME}`, `/themes/${THEME}?area=handen`, `/search?q=${SEARCH_WORD}`, '/search',
      `/themes/edit-theme?theme=${THEME}`, '/themes/suggested-themes']) {
      const refused = await page.goto(`${session.baseUrl}${BASE}${href}`);
      assert.equal(refused.status(), 403, `${href} is refused to a viewer`);
      assert.deepEqual(leaks(await refused.text()), [], `no free text in the refusal of ${href}`);
    }
    note('a viewer: counts in the table, 403 on the responses, search, editor and suggestions');
    // The refused pages (403) are the resources that may fail to load.
    assert.deepEqual(problems.filter((p) => !/status of 403/.test(p)), [], 'no script errors or policy violations');
  } finally {
    await context.close();
  }
});
