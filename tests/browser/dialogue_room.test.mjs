// Browser tests of facilitator mode's room in Debian's Chromium: the
// facilitator creates a dialogue session; its page's QR code, rendered to
// PNG by Chromium, decodes with zbarimg (zbar-tools) to the join address; a
// 360 px phone joins by that address and answers; the kiosk starts over
// after a submit and after the idle timeout (with its countdown) and the
// back button shows nothing of the previous person; the workspace stays out
// of reach until the PIN. axe-core on the participant's pages (and the
// session pages), screenshots at 1280 and 360 px.
//
// Run: node dialogue_room.test.mjs   (after `npm ci` in this directory)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { browserSession, clickAndWait, failIfAny, note } from './browser_session.mjs';

const ZBARIMG = '/usr/bin/zbarimg';
const SECRET = 'SECRET-OF-PERSON-ONE';

const session = browserSession({
  prefix: 'lyssna-room-',
  prepare(s) {
    s.lyssna(['survey', 'new', 'trygghet-2026', '--areas', 'handen,jordbro,vasterhaninge=Västerhaninge']);
    s.addUser('Kim Facilitator', 'facilitator');
  },
});

let sessionPath = '';  // /workspace/dialogues/<id>
let joinUrl = '';

// Goes through the questionnaire's pages with Next to its last one.
async function toLastPage(page) {
  for (let i = 0; i < 8; i++) {
    if (await page.locator('button.primary[value="submit"]').count()) return;
    await clickAndWait(page, 'button.primary[value="next"]');
  }
  throw new Error('never reached the last page');
}

// What of `SECRET` or a chosen answer the current document shows. A page
// that moves on by itself (the thank-you, a reset) is read where it lands.
async function traces(page) {
  for (let attempt = 0; ; attempt++) {
    try {
      await page.waitForLoadState('load');
      return await readTraces(page);
    } catch (e) {
      if (attempt >= 5 || !/context was destroyed|navigat/i.test(e.message)) throw e;
    }
  }
}

function readTraces(page) {
  return page.evaluate((secret) => {
    const checked = [...document.querySelectorAll('input:checked')].map((e) => `${e.name}=${e.value}`);
    const typed = [...document.querySelectorAll('textarea, input[type=text]')].map((e) => e.value).filter(Boolean);
    return { text: document.documentElement.innerHTML.includes(secret), checked, typed };
  }, SECRET);
}

function assertClean(t, where) {
  assert.equal(t.text, false, `${where}: the previous person's text is not in the page`);
  assert.deepEqual(t.checked, [], `${where}: no answer is checked`);
  assert.deepEqual(t.typed, [], `${where}: nothing is typed`);
}

// Back as far as the history goes; each document reached must show nothing of theirs.
async function backShowsNothing(page, where, steps = 6) {
  for (let i = 0; i < steps; i++) {
    try {
      await page.goBack({ waitUntil: 'load', timeout: 5000 });
    } catch (e) {
      // A POST's page not in any cache: Chromium shows its own error page
      // (ERR_CACHE_MISS) and sends nothing.
      note(`${where}: back ${i + 1} ended in ${e.message.split('\n')[0]}`);
    }
    assertClean(await traces(page), `${where}, back ${i + 1}`);
    note(`${where}: back ${i + 1} shows ${page.url()}: nothing of the previous person`);
  }
}

test('desktop: the facilitator creates a session; its page shows a QR code that decodes to the join address', async () => {
  const failures = [];
  const { context, page, problems } = await session.newWindow('desktop', { bypassCSP: true });
  try {
    await session.login(page, 'Kim Facilitator');
    assert.equal(await page.locator('a[href="/workspace/dialogues"]').count() >= 1, true, 'the start page leads to the dialogues');
    await clickAndWait(page, 'main a[href="/workspace/dialogues"]');
    await session.look(page, 'dialogues list (empty)', 'room-desktop-dialogues-empty.png', failures);
    await page.fill('#new-place', 'Jordbro bibliotek');
    await page.selectOption('#new-area', 'jordbro');
    for (const l of ['fi', 'so']) await page.locator(`input[name="languages"][value="${l}"]`).uncheck();
    await clickAndWait(page, 'button:has-text("Create the dialogue")');
    sessionPath = new URL(page.url()).pathname;
    assert.match(sessionPath, /^\/workspace\/dialogues\/s-\d{4}-\d\d-\d\d-jordbro-bibliotek-[0-9a-f]{6}$/);
    joinUrl = (await page.locator('.dialogue-join-url a').textContent()).trim();
    assert.match(joinUrl, /^http:\/\/127\.0\.0\.1:\d+\/d\/[a-z0-9]{6}$/);
    await session.look(page, 'session page', 'room-desktop-session.png', failures);

    // The QR code as Chromium draws it, decoded by zbarimg.
    const qr = page.locator('svg.qr');
    const box = await qr.boundingBox();
    assert.ok(box.width >= 300, `the QR code is large (${box.width} px wide)`);
    const png = path.join(session.artifacts, 'room-session-qr.png');
    await qr.screenshot({ path: png });
    if (existsSync(ZBARIMG)) {
      const r = spawnSync(ZBARIMG, ['--raw', '-q', png], { encoding: 'utf8' });
      assert.equal(r.status, 0, `zbarimg found no code: ${r.stderr}`);
      assert.equal(r.stdout.trim(), joinUrl, 'the QR code holds the join address');
      note(`zbarimg decodes the QR code to ${r.stdout.trim()}`);
    } else {
      failures.push('zbarimg is missing (apt-get install zbar-tools): the QR code was not decoded');
    }
    await page.setViewportSize({ width: 360, height: 740 });
    await session.look(page, 'session page at 360 px', 'room-phone-session.png', failures);
    failures.push(...problems);
  } finally {
    await context.close();
  }
  failIfAny(failures);
});

test('phone: a 360 px phone joins by the session address and answers', async () => {
  const failures = [];
  const { context, page, problems } = await session.newWindow('phone', { bypassCSP: true, locale: 'sv-SE' });
  try {
    const base = new URL(joinUrl);
    await page.goto(`${session.baseUrl}/d`);
    await session.look(page, 'phone /d code box', 'room-phone-code-box.png', failures);
    await page.fill('#code-input', base.pathname.slice(3).toUpperCase());
    await clickAndWait(page, 'button.primary');
    assert.equal(new URL(page.url()).pathname, base.pathname, 'the typed code leads to the session');
    await page.goto(joinUrl);
    assert.equal(await page.locator('html').getAttribute('lang'), 'sv');
    const switcher = await page.locator('nav.languages [lang]').evaluateAll((els) => els.map((e) => e.getAttribute('lang')));
    assert.deepEqual(switcher.sort(), ['ar', 'en', 'fa', 'sv'], 'only the session\'s languages');
    await session.look(page, 'phone first page', 'room-phone-join.png', failures);
    await page.locator('label:has-text("Jordbro")').first().click();
    await toLastPage(page);
    await page.fill('textarea[name="free_text"]', 'Belysningen vid busshållplatsen');
    await session.look(page, 'phone last page', 'room-phone-join-last.png', failures);
    await clickAndWait(page, 'button.primary[value="submit"]');
    assert.match(new URL(page.url()).pathname, /\/d\/[a-z0-9]{6}\/thanks$/);
    await session.look(page, 'phone thanks', 'room-phone-thanks.png', failures);
    assert.deepEqual(await context.cookies(), [], 'joining sets no cookie');
    const records = session.lyssna(['export', '--survey', 'trygghet-2026']).trim().split('\n').map((l) => JSON.parse(l));
    const mine = records.filter((r) => r.answers.free_text === 'Belysningen vid busshållplatsen');
    assert.equal(mine.length, 1);
    assert.equal(mine[0].channel, 'dialogue');
    assert.equal(mine[0].session, sessionPath.split('/').pop());
    note('the phone\'s answer is stored once, channel dialogue, with the session id');
    failures.push(...problems);
  } finally {
    await context.close();
  }
  failIfAny(failures);
});

test('kiosk: starts over after a submit and after the idle time; back shows nothing; the PIN leaves', async () => {
  const failures = [];
  const { context, page, problems } = await session.newWindow('desktop', { bypassCSP: true, timeout: 40000 });
  try {
    await session.login(page, 'Kim Facilitator');
    await page.goto(`${session.baseUrl}${sessionPath}`);
    await page.fill('#kiosk-pin', '4711');
    await page.fill('#kiosk-idle_seconds', '15');
    await clickAndWait(page, 'button:has-text("Save the kiosk\'s settings")');
    await clickAndWait(page, '#kiosk-start');
    const kioskPath = new URL(page.url()).pathname;
    assert.match(kioskPath, /^\/kiosk\/s-/);
    await session.look(page, 'kiosk start', 'room-desktop-kiosk-start.png', failures);

    // The workspace is out of reach in kiosk mode.
    await page.goto(`${session.baseUrl}/workspace`);
    assert.equal(new URL(page.url()).pathname, kioskPath, 'the workspace sends a kiosk back');

    // Person one, in Arabic, submits.
    await clickAndWait(page, '.kiosk-languages a[lang="ar"]');
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
    await clickAndWait(page, 'button.kiosk-go');
    assert.equal(await page.locator('form#answers').getAttribute('autocomplete'), 'off');
    await page.locator('label[for="q-area-0"]').click();
    await toLastPage(page);
    await page.fill('textarea[name="free_text"]', SECRET);
    await session.look(page, 'kiosk last page (ar)', 'room-desktop-kiosk-last-ar.png', failures);
    await clickAndWait(page, 'button.primary[value="submit"]');
    assert.match(page.url(), /\/thanks\?lang=ar$/);
    await session.look(page, 'kiosk thanks', 'room-desktop-kiosk-thanks.png', failures);
    await page.waitForURL((u) => u.pathname === kioskPath && u.search === '?lang=ar', { timeout: 15000 });
    note('after the thank-you the kiosk is back on its start page, in Arabic');
    assertClean(await traces(page), 'start page after a submit');
    await backShowsNothing(page, 'after a submit');

    // Person two walks away mid-answer: the countdown, then a clean start.
    await page.goto(`${session.baseUrl}${kioskPath}?lang=en`);
    await clickAndWait(page, 'button.kiosk-go');
    await page.locator('label[for="q-area-1"]').click();
    await toLastPage(page);
    await page.fill('textarea[name="free_text"]', SECRET);
    const countdown = page.locator('.kiosk-countdown');
    await countdown.waitFor({ state: 'visible', timeout: 20000 });
    assert.match(await countdown.textContent(), /Starting over in \d+ s – touch to continue/);
    await page.screenshot({ path: path.join(session.artifacts, 'room-desktop-kiosk-countdown.png') });
    await page.setViewportSize({ width: 360, height: 740 });
    await page.screenshot({ path: path.join(session.artifacts, 'room-phone-kiosk-countdown.png') });
    // The form's own address is the kiosk's too (a POST): the reset's has forget=.
    await page.waitForURL((u) => u.pathname === kioskPath && u.searchParams.has('forget'), { timeout: 20000 });
    note('the idle countdown showed, then the kiosk started over');
    assertClean(await traces(page), 'start page after the idle reset');
    await session.look(page, 'kiosk start at 360 px', 'room-phone-kiosk-start.png', failures);
    await backShowsNothing(page, 'after the idle reset');
    await page.setViewportSize({ width: 1280, height: 800 });

    const stored = session.lyssna(['export', '--survey', 'trygghet-2026']).trim().split('\n').map((l) => JSON.parse(l));
    const kiosk = stored.filter((r) => r.channel === 'kiosk');
    assert.equal(kiosk.length, 1, 'one kiosk answer: the reset person stored nothing');
    assert.equal(kiosk[0].answers.free_text, SECRET);
    assert.equal(kiosk[0].lang, 'ar');

    // Leaving: a wrong PIN, then the right one.
    await page.goto(`${session.baseUrl}${kioskPath}`);
    await clickAndWait(page, '.kiosk-exit a');
    await session.look(page, 'kiosk exit', 'room-desktop-kiosk-exit.png', failures);
    await page.fill('#pin-input', '0000');
    await clickAndWait(page, 'button.primary');
    assert.equal(await page.locator('#pin-error').count(), 1, 'a wrong PIN is refused');
    await page.fill('#pin-input', '4711');
    await clickAndWait(page, 'button.primary');
    assert.equal(new URL(page.url()).pathname, sessionPath, 'the PIN leads back to the session page');
    await page.goto(`${session.baseUrl}/workspace`);
    assert.equal(new URL(page.url()).pathname, '/workspace', 'the workspace is reachable again');
    // The wrong PIN's page is a 403, on purpose.
    failures.push(...problems.filter((p) => !/ERR_CACHE_MISS|status of 403/.test(p)));
  } finally {
    await context.close();
  }
  failIfAny(failures);
});

test('kiosk without JavaScript: the meta refresh is there and the pages work', async () => {
  const failures = [];
  const { context, page } = await session.newWindow('desktop', { javaScript: false });
  try {
    await session.login(page, 'Kim Facilitator');
    await page.goto(`${session.baseUrl}${sessionPath}`);
    await clickAndWait(page, '#kiosk-start');
    await clickAndWait(page, 'button.kiosk-go');
    const refresh = await page.locator('noscript').first().innerHTML();
    assert.match(refresh, /http-equiv="refresh" content="45;url=\/kiosk\//, 'idle + 30 s without JavaScript');
    await toLastPage(page);
    await clickAndWait(page, 'button.primary[value="submit"]');
    assert.match(page.url(), /\/thanks\?lang=en$/);
    note('without JavaScript the kiosk answers and thanks; its pages refresh back to the start');
  } finally {
    await context.close();
  }
  failIfAny(failures);
});
