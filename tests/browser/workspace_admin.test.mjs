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
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSession, clickAndWait, failIfAny, note } from './browser_session.mjs';

function record(id, channel, day, text) {
  return JSON.stringify({ id, survey: 'trygghet-2026', lang: 'sv', channel, session: channel === 'dialogue' ? 's1' : null,
    submitted_at: `${day}T18:22:05Z`, answers: { area: 'jordbro', free_text: text } });
}

const session = browserSession({
  prefix: 'lyssna-admin-',
  prepare(s) {
    s.lyssna(['survey', 'new', 'trygghet-2026', '--areas', 'handen,jordbro,vasterhaninge=Västerhaninge',
      '--opens', '2026-01-01']);
    s.addUser('Anna Andersson', 'admin');
    const answers = [
      record('a1', 'online', '2026-03-02', 'Mörkt vid busshållplatsen'),
      record('a2', 'online', '2026-03-02', '<script>window.__xss = 1</script>'),
      record('a3', 'paper', '2026-03-03', 'Gatlyktor saknas'),
      record('a4', 'online', '2026-03-05', '=HYPERLINK("http://evil.example")'),
    ];
    s.lyssna(['import', '-'], answers.join('\n') + '\n');
  },
});

// Every page checked the same way: axe-core, no sideways scrolling, a screenshot.
function look(page, size, name, failures) {
  return session.look(page, `${size} ${name}`, `workspace-admin-${size}-${name}.png`, failures);
}

const goodMargins = JSON.stringify({ margins: {
  area: { handen: 21000, jordbro: 9000, brandbergen: 12000 },
  gender: { woman: 21000, man: 21000 } } });

for (const size of ['desktop', 'phone']) {
  test(`${size}: create a survey, change its settings, upload margins`, async () => {
    const failures = [];
    const id = `trygghet-2027-${size}`;
    // bypassCSP only lets axe-core in; a policy violation would still show as a console error.
    const { context, page, problems } = await session.newWindow(size, { bypassCSP: true });
    try {
      await session.login(page, 'Anna Andersson');
      assert.equal(new URL(page.url()).pathname, '/workspace');

      // The header's link leads to the list.
      await clickAndWait(page, '.ws-nav a[href="/workspace/surveys"]');
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
      await clickAndWait(page, '#new-heading ~ form button[type="submit"]');
      assert.equal(new URL(page.url()).pathname, `/workspace/surveys/${id}/settings`);
      assert.match(await page.locator('.ws-notice').textContent(), /The survey was created/);
      assert.equal(await page.locator('#set-areas').inputValue(), 'handen = Handen\nbrandbergen = Brandbergen\n');
      note(`${size}: created ${id} from the standard questionnaire`);

      // Its settings: a third area, dates, codes required.
      await page.fill('#set-areas', 'handen = Handen\nbrandbergen = Brandbergen\njordbro = Jordbro');
      await page.fill('#set-opens', '2027-03-01');
      await page.fill('#set-closes', '2027-03-31');
      await page.check('#set-requires-code');
      await clickAndWait(page, '#settings-heading ~ form button[type="submit"]');
      assert.match(await page.locator('.ws-notice').textContent(), /The settings were saved/);
      assert.equal(await page.locator('#set-closes').inputValue(), '2027-03-31');
      assert.ok(await page.locator('#set-requires-code').isChecked());
      note(`${size}: the settings were saved and shown again`);

      // A bad margins file: its problem on the page, linked to the field.
      await page.setInputFiles('#margins-file', { name: 'befolkning.json', mimeType: 'application/json',
        buffer: Buffer.from('{"margins": {"shoe_size": {"42": 100}}}') });
      await clickAndWait(page, '#margins-heading ~ form[enctype] button[type="submit"]');
      const box = await page.locator('.ws-problems').textContent();
      assert.match(box, /befolkning\.json/);
      assert.match(box, /shoe_size/);
      await look(page, size, 'settings-problem', failures);
      note(`${size}: a bad margins file gives its error on the page`);

      // A good one: stored, and shown as tables.
      await page.setInputFiles('#margins-file', { name: 'befolkning.json', mimeType: 'application/json',
        buffer: Buffer.from(goodMargins) });
      await clickAndWait(page, '#margins-heading ~ form[enctype] button[type="submit"]');
      assert.match(await page.locator('.ws-notice').textContent(), /The margins were stored/);
      assert.match(await page.locator('#margins-heading').locator('..').textContent(), /Margin: area/);
      await look(page, size, 'settings', failures);
      note(`${size}: margins uploaded and shown`);

      // The older survey's answers by channel and day.
      await page.goto(`${session.baseUrl}/workspace/surveys/trygghet-2026/settings`);
      const counts = await page.locator('#counts-caption').locator('..').textContent();
      assert.match(counts, /2026-03-02/);
      assert.match(counts, /Paper/);
      await look(page, size, 'settings-counts', failures);

      assert.equal(await page.evaluate(() => window.__xss), undefined, 'no stored script ran');
      assert.deepEqual(problems.filter((p) => !/status of 422/.test(p)), [], 'no policy violation or script error');
      failIfAny(failures);
    } finally {
      await context.close();
    }
  });
}
