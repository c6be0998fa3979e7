// Browser test of the public citizen promise page in Debian's Chromium: a
// resident opens it at 360 px in Arabic (right to left, nothing scrolls
// sideways, Swedish fallbacks marked), the Swedish page at 360 and 1280
// px, the list and the 404 page; axe-core finds no violations on any of
// them; printed, the page is a plain document (no switcher, black on
// white) and is saved as PDF beside the screenshots; the Atom feed parses
// as XML in the browser. Self-contained: a temporary database filled by
// lyssna_seed_public_promise (tests/support/public_promise_seed.hpp).
//
//   LYSSNA_BINARY        the lyssna binary (default ../../build-test/lyssna)
//   LYSSNA_SEED_PROMISE  the seeding program (default <binary's dir>/tests/lyssna_seed_public_promise)
//   LYSSNA_ARTIFACTS     where screenshots and PDFs go (default a new temporary directory)
//
// Run: node promise_public.test.mjs   (after `npm ci` in this directory)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { BINARY, browserSession, failIfAny, note } from './browser_session.mjs';

const SEED = path.resolve(process.env.LYSSNA_SEED_PROMISE ||
  path.join(path.dirname(BINARY), 'tests', 'lyssna_seed_public_promise'));
let promise = '';  // the published promise's path, /promise/<id>

const session = browserSession({
  prefix: 'lyssna-promise-public-',
  prepare(s) {
    assert.ok(existsSync(SEED), `no seeding program at ${SEED} (set LYSSNA_SEED_PROMISE)`);
    const r = spawnSync(SEED, [s.dbPath], { encoding: 'utf8' });
    assert.equal(r.status, 0, `${SEED} failed: ${r.stderr}`);
    promise = `/promise/${r.stdout.trim()}`;
  },
});

// A resident's window: no preferred language unless asked (?lang decides);
// axe-core is injected, which the page's policy would refuse.
function newWindow(size, { locale = null } = {}) {
  return session.newWindow(size, { bypassCSP: true, locale });
}

async function open(page, url, status = 200) {
  const response = await page.goto(`${session.baseUrl}${url}`);
  assert.equal(response.status(), status, `GET ${url}`);
  return response;
}

test('a resident opens the promise at 360 px in Arabic', async () => {
  const failures = [];
  const { context, page, problems } = await newWindow('phone');
  try {
    await open(page, `${promise}?lang=ar`);
    const html = await page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
    assert.deepEqual(html, { lang: 'ar', dir: 'rtl' });
    assert.match(await page.locator('h1').textContent(), /وعد للسكان في هانينغه 2026/);
    // Right to left: the heading and the first focus area start at the right edge.
    const box = await page.locator('h1').boundingBox();
    const width = page.viewportSize().width;
    assert.ok(width - (box.x + box.width) < 24, `the heading hugs the right edge (${Math.round(box.x)}+${Math.round(box.width)} of ${width})`);
    // A Swedish text keeps its language and direction, marked once in Arabic.
    const fallback = page.locator('h2 span[lang="sv"]', { hasText: 'Trafik' });
    assert.equal(await fallback.getAttribute('dir'), 'ltr');
    assert.equal(await page.locator('h2', { hasText: 'Trafik' }).locator('.fallback-note').textContent(), '(بالسويدية)');
    assert.ok(await page.locator('article.activity').count() === 4, 'the four activities');
    assert.ok(await page.locator('.follow-ups li').count() === 3, 'the three published follow-ups');
    note('Arabic at 360 px: rtl, Swedish texts lang=sv dir=ltr with one marker per block');
    await session.look(page, 'promise page, Arabic, 360 px', 'promise-ar-360.png', failures);
    failures.push(...problems);
  } finally {
    await context.close();
  }
  failIfAny(failures);
});

test('the Swedish page at 360 and 1280 px, Arabic at 1280 px, the list and the 404 page', async () => {
  const failures = [];
  for (const [size, lang, file] of [['phone', 'sv', 'promise-sv-360.png'], ['desktop', 'sv', 'promise-sv-1280.png'],
    ['desktop', 'ar', 'promise-ar-1280.png']]) {
    const { context, page, problems } = await newWindow(size);
    try {
      await open(page, `${promise}?lang=${lang}`);
      await session.look(page, `promise page, ${lang}, ${page.viewportSize().width} px`, file, failures);
      failures.push(...problems);
    } finally {
      await context.close();
    }
  }
  const { context, page, problems } = await newWindow('phone', { locale: 'fi-FI' });
  try {
    await open(page, '/promise');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fi', 'Accept-Language chooses Finnish');
    assert.equal(await page.locator('.promise-list li').count(), 1, 'only the published promise is listed');
    await session.look(page, 'promise list, Finnish, 360 px', 'promise-list-fi-360.png', failures);
    failures.push(...problems);
    problems.length = 0;
    await open(page, '/promise/no-such-kommun?lang=fa', 404);
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
    await session.look(page, 'no such promise, Persian, 360 px', 'promise-404-fa-360.png', failures);
    // The browser reports the page's own 404 as a failed load; nothing else may fail.
    failures.push(...problems.filter((p) => !/status of 404/.test(p)));
  } finally {
    await context.close();
  }
  failIfAny(failures);
});

test('printed, the page is a plain document; the PDFs go beside the screenshots', async () => {
  const { context, page, problems } = await newWindow('desktop');
  try {
    for (const lang of ['sv', 'ar']) {
      await open(page, `${promise}?lang=${lang}`);
      await page.emulateMedia({ media: 'print' });
      const printed = await page.evaluate(() => {
        const shown = (sel) => [...document.querySelectorAll(sel)].some((el) => getComputedStyle(el).display !== 'none');
        const body = getComputedStyle(document.body);
        const activity = getComputedStyle(document.querySelector('article.activity'));
        return {
          switcher: shown('.languages'), back: shown('.promise-back'), feed: shown('.promise-feed'),
          background: body.backgroundColor, color: body.color, breakInside: activity.breakInside,
          h2: getComputedStyle(document.querySelector('.focus-area h2')).color,
        };
      });
      assert.deepEqual(printed, {
        switcher: false, back: false, feed: false,
        background: 'rgb(255, 255, 255)', color: 'rgb(0, 0, 0)', breakInside: 'avoid', h2: 'rgb(0, 0, 0)',
      }, `printed in ${lang}`);
      const file = path.join(session.artifacts, `promise-${lang}.pdf`);
      await page.pdf({ path: file, format: 'A4', printBackground: true });
      note(`printed ${lang}: no switcher or links, black on white, activities kept whole; ${file}`);
      await page.emulateMedia({ media: 'screen' });
    }
    failIfAny(problems);
  } finally {
    await context.close();
  }
});

test('the Atom feed linked from the page parses as XML', async () => {
  const { context, page, problems } = await newWindow('desktop');
  try {
    await open(page, `${promise}?lang=en`);
    const href = await page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute('href');
    assert.equal(href, `${promise}/feed.atom?lang=en`);
    const response = await page.request.get(`${session.baseUrl}${href}`);
    assert.equal(response.status(), 200);
    assert.match(response.headers()['content-type'], /^application\/atom\+xml/);
    const feed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      const error = doc.querySelector('parsererror');
      const ns = 'http://www.w3.org/2005/Atom';
      return {
        error: error ? error.textContent : null,
        root: doc.documentElement.namespaceURI,
        entries: doc.getElementsByTagNameNS(ns, 'entry').length,
        titles: [...doc.getElementsByTagNameNS(ns, 'entry')].map((e) => e.getElementsByTagNameNS(ns, 'title')[0].textContent),
      };
    }, await response.text());
    assert.equal(feed.error, null);
    assert.equal(feed.root, 'http://www.w3.org/2005/Atom');
    assert.equal(feed.entries, 3);
    assert.ok(feed.titles.includes('Joint safety walks in the districts the safety survey points to'), feed.titles.join(' | '));
    note(`the feed parses in Chromium: ${feed.entries} entries`);
    failIfAny(problems);
  } finally {
    await context.close();
  }
});
