// Dot voting in Chromium: the facilitator puts up a vote from the session's
// themes and shows the live result at 1280 px; participants at 360 px place
// their dots on their phones by the session's address (touch-size buttons,
// the keyboard alone, Swedish and Arabic), a reload keeps the phone's
// ballot, and the result follows without a reload (JavaScript) and on a
// reload (JavaScript off). axe-core on the participant's pages; screenshots
// of the ballot at 360 px (sv, ar) and of the live vote at 1280 px.
//
//   LYSSNA_SEED_DIALOGUE  the seeding program (default <binary's dir>/tests/lyssna_seed_dialogue)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { BINARY, browserSession, clickAndWait, failIfAny, focused, note } from './browser_session.mjs';

const SEED = path.resolve(process.env.LYSSNA_SEED_DIALOGUE ||
  path.join(path.dirname(BINARY), 'tests', 'lyssna_seed_dialogue'));
let seeded = null;  // {session, code}

const session = browserSession({
  prefix: 'lyssna-dialogue-vote-',
  prepare(s) {
    assert.ok(existsSync(SEED), `no seeding program at ${SEED} (set LYSSNA_SEED_DIALOGUE)`);
    s.addUser('fia', 'facilitator');
    s.addUser('ada', 'admin');
    const r = spawnSync(SEED, [s.dbPath, 'fia'], { encoding: 'utf8' });
    assert.equal(r.status, 0, `${SEED} failed: ${r.stderr}`);
    seeded = JSON.parse(r.stdout);
  },
});

const votes = () => `/workspace/dialogues/${seeded.session}/votes`;
let resultPath = '';

async function phone({ javaScript = true } = {}) {
  return session.newWindow('phone', { bypassCSP: true, locale: null, javaScript });
}

// Every + and − button is at least 44 px each way.
async function checkTargets(page, where, failures) {
  const small = await page.$$eval('button.dot-button, .ballot button[type="submit"]', (els) => els
    .map((b) => { const r = b.getBoundingClientRect(); return { w: r.width, h: r.height, t: b.getAttribute('aria-label') || b.textContent }; })
    .filter((r) => r.w < 44 || r.h < 44));
  if (small.length) failures.push(`${where}: targets under 44 px: ${JSON.stringify(small)}`);
  else note(`${where}: every button at least 44 × 44 px`);
}

test('the facilitator puts up a vote from what the session heard', async () => {
  const failures = [];
  const { context, page, problems } = await session.newWindow('desktop', { bypassCSP: true });
  await session.login(page, 'fia');
  // The server's indexer reads the seeded notes within about a second of starting.
  for (let i = 0; i < 50; i++) {
    await page.goto(`${session.baseUrl}${votes()}`);
    if (await page.locator('#cand-lighting_environment').isChecked()) break;
    await page.waitForTimeout(200);
  }
  assert.ok(await page.isChecked('#cand-lighting_environment'), 'the most heard theme is ticked');
  await page.fill('#vote-custom-1', 'Skatepark');
  await session.look(page, 'votes page', 'vote-setup-1280.png', failures);
  await clickAndWait(page, '.vote-form button[type="submit"]');
  resultPath = new URL(page.url()).pathname;
  assert.match(resultPath, /\/votes\/v-[0-9a-f-]+$/);
  assert.match(await page.textContent('#vote-state'), /Open|Öppen/);
  failIfAny([...failures, ...problems]);
  await context.close();
});

test('a 360 px participant places dots by touch and keyboard; the live result follows', async () => {
  const failures = [];
  const screen = await session.newWindow('desktop', { bypassCSP: true });
  await session.login(screen.page, 'fia');
  await screen.page.goto(`${session.baseUrl}${resultPath}`);
  const before = await screen.page.textContent('#vote-counts');
  assert.match(before, /: 0\b/);

  const { context, page, problems } = await phone();
  const url = `${session.baseUrl}/d/${seeded.code}/vote?lang=sv`;
  await page.goto(url);
  assert.equal(await page.getAttribute('html', 'lang'), 'sv');
  await checkTargets(page, 'ballot sv', failures);
  // Touch: two dots on the first candidate.
  const plus = page.locator('button.dot-button.plus');
  await plus.nth(0).tap();
  await plus.nth(0).tap();
  assert.equal(await page.inputValue('#dots-1'), '2');
  assert.match(await page.textContent('#dots-left'), /Prickar kvar: 1/);
  // Keyboard: focus the second candidate's + and press Space.
  await plus.nth(1).focus();
  await page.keyboard.press('Space');
  assert.equal(await page.inputValue('#dots-2'), '1');
  assert.match(await page.textContent('#dots-left'), /Prickar kvar: 0/);
  assert.ok(await plus.nth(2).isDisabled(), 'no more dots: + is disabled');
  const f = await focused(page);
  assert.ok(f.tag === 'BUTTON' || f.tag === 'INPUT', `focus stays on the ballot (${f.tag})`);
  // Back to 1 left with −, from the keyboard, then + again.
  await page.locator('button.dot-button.minus').nth(1).focus();
  await page.keyboard.press('Enter');
  assert.match(await page.textContent('#dots-left'), /Prickar kvar: 1/);
  await plus.nth(1).focus();
  await page.keyboard.press('Enter');
  const ballotId = await page.inputValue('input[name="ballot"]');
  await session.look(page, 'ballot 360 sv', 'vote-ballot-360-sv.png', failures);
  await clickAndWait(page, '.ballot button[type="submit"]');
  assert.match(await page.textContent('h1'), /Dina prickar är räknade/);
  await session.checkAxe(page, 'counted page sv', failures);

  // Without a reload, the screen shows the ballot within a few seconds.
  await screen.page.waitForFunction(() => /: 1\b/.test(document.getElementById('vote-counts').textContent), null, { timeout: 8000 });
  note('the live result shows the ballot without a reload');

  // A reload of the ballot keeps the phone's ballot id: the same dots again count once.
  await page.goto(url);
  assert.equal(await page.inputValue('input[name="ballot"]'), ballotId, 'the ballot id is kept per vote');
  await plus.nth(0).tap();
  await plus.nth(0).tap();
  await plus.nth(1).tap();
  await clickAndWait(page, '.ballot button[type="submit"]');
  assert.match(await page.textContent('main'), /redan räknade/);
  await screen.page.waitForTimeout(1500);
  assert.match(await screen.page.textContent('#vote-counts'), /: 1\b/);

  // An Arabic participant on another phone, right to left.
  const ar = await phone();
  await ar.page.goto(`${session.baseUrl}/d/${seeded.code}/vote?lang=ar`);
  assert.equal(await ar.page.getAttribute('html', 'dir'), 'rtl');
  const arPlus = ar.page.locator('button.dot-button.plus');
  await arPlus.nth(0).tap();
  await arPlus.nth(2).tap();
  await checkTargets(ar.page, 'ballot ar', failures);
  await session.look(ar.page, 'ballot 360 ar', 'vote-ballot-360-ar.png', failures);
  await clickAndWait(ar.page, '.ballot button[type="submit"]');
  await screen.page.waitForFunction(() => /: 2\b/.test(document.getElementById('vote-counts').textContent), null, { timeout: 8000 });
  await screen.page.waitForTimeout(800);  // the bars' short transition
  await session.screenshot(screen.page, 'vote-live-1280.png');
  failIfAny([...failures, ...problems, ...ar.problems, ...screen.problems]);
  await Promise.all([context.close(), ar.context.close(), screen.context.close()]);
});

test('with JavaScript off: typed numbers, a server-side check, and the result by reload', async () => {
  const failures = [];
  const screen = await session.newWindow('desktop', { javaScript: false });
  await session.login(screen.page, 'fia');
  await screen.page.goto(`${session.baseUrl}${resultPath}`);
  const counted = (await screen.page.textContent('#vote-counts')).match(/: (\d+)/)[1];

  const { context, page, problems } = await phone({ javaScript: false });
  await page.goto(`${session.baseUrl}/d/${seeded.code}/vote?lang=sv`);
  assert.ok(!(await page.locator('button.dot-button').first().isVisible()), 'no +/− without the script');
  await page.fill('#dots-1', '3');
  await page.fill('#dots-2', '2');
  await clickAndWait(page, '.ballot button[type="submit"]');
  assert.match(await page.textContent('.error-summary'), /Du satte 5 prickar/);
  await page.fill('#dots-2', '0');
  await clickAndWait(page, '.ballot button[type="submit"]');
  assert.match(await page.textContent('h1'), /Dina prickar är räknade/);

  await clickAndWait(screen.page, `a[href="${resultPath}"]`);
  const now = (await screen.page.textContent('#vote-counts')).match(/: (\d+)/)[1];
  assert.equal(Number(now), Number(counted) + 1, 'the reload shows the new ballot');
  note('JavaScript off: the reload link shows the new ballot');
  // The ballot with its problem came back as 422, which Chromium logs.
  failIfAny([...failures, ...problems.filter((p) => !/status of 422/.test(p)), ...screen.problems]);
  await Promise.all([context.close(), screen.context.close()]);
});

test('the priority page shows the dots as a third part of the score', async () => {
  const failures = [];
  const { context, page, problems } = await session.newWindow('desktop', { bypassCSP: true });
  await session.login(page, 'ada');
  await page.goto(`${session.baseUrl}/workspace/surveys/trygghet-2026/priorities`);
  assert.ok(await page.locator('rect.prio-vote').count() > 0, 'the votes part is drawn');
  assert.match(await page.textContent('main'), /votes 1, ballots 3, dots 8/);
  await session.look(page, 'priorities with votes', 'vote-priorities-1280.png', failures);
  failIfAny([...failures, ...problems]);
  await context.close();
});
