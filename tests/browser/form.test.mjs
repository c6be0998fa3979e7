// Browser tests of the resident's questionnaire, in Debian's Chromium on a
// phone-sized viewport. Self-contained: makes a temporary database with the
// demo survey, starts `lyssna serve`, walks the questionnaire as a person
// would (with and without JavaScript, in Swedish and in Arabic), runs axe-core
// on the pages and checks with `lyssna export` what was stored.
//
//   LYSSNA_BINARY     the lyssna binary (default ../../build-test/lyssna)
//   LYSSNA_ARTIFACTS  where screenshots go (default a new temporary directory)
//
// Run: node form.test.mjs   (after `npm ci` in this directory)
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { decodePng } from './png.mjs';
import { browserSession, failIfAny, note } from './browser_session.mjs';

const SURVEY = 'trygghet-demo';
const DEMO_RESPONSES = 50;

// ---------------------------------------------------------------------------
// Shared state: one server and one browser for the whole file.

const session = browserSession({
  prefix: 'lyssna-browser-',
  prepare: (s) => s.lyssnaAsync('demo', '--responses', String(DEMO_RESPONSES)),
});
const lyssna = (...args) => session.lyssnaAsync(...args);

async function exportRecords() {
  const text = await lyssna('export', '--survey', SURVEY);
  return text.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line));
}

// The one record stored for a record id (the form's _rid), checked to be one.
async function storedRecord(rid) {
  const records = await exportRecords();
  const mine = records.filter((r) => r.id === rid);
  assert.equal(mine.length, 1, `expected exactly one stored record with id ${rid}, found ${mine.length}`);
  return { record: mine[0], total: records.length };
}

// ---------------------------------------------------------------------------
// Helpers for driving the pages.

// A phone-sized window; axe-core is injected as a script, which the pages'
// CSP would refuse, so the policy is bypassed unless a test says not to.
function newPhone({ javaScript = true, bypassCSP = true } = {}) {
  return session.newWindow('phone', { javaScript, bypassCSP, locale: null });
}

async function open(page, lang) {
  const response = await page.goto(`${session.baseUrl}/s/${SURVEY}?lang=${lang}`);
  assert.equal(response.status(), 200, `GET /s/${SURVEY}?lang=${lang}`);
  return response;
}

// Taps something that submits the form and waits until the next document
// has loaded. Returns the status of the POST's response, and of the page
// shown in the end (after a redirect, that of the GET it led to).
async function press(page, control) {
  const navigated = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: 15000 });
  const posted = page.waitForResponse((r) => r.request().method() === 'POST', { timeout: 15000 });
  await control.tap();
  const response = await posted;
  await navigated;
  await page.waitForLoadState('load');
  let last = response;
  for (let request = response.request().redirectedTo(); request; request = request.redirectedTo()) {
    last = await request.response();
  }
  return { post: response.status(), final: last ? last.status() : 0 };
}

// Taps Submit on the last page and checks the redirect to the thank-you page.
async function submit(page, lang) {
  const { post, final } = await press(page, visible(page, 'submit'));
  assert.equal(post, 303, 'a complete submission is answered with 303 See Other');
  assert.equal(final, 200, 'the thank-you page answers 200');
  const url = new URL(page.url());
  assert.equal(url.pathname, `/s/${SURVEY}/thanks`, 'redirected to the thank-you page');
  assert.equal(url.searchParams.get('lang'), lang, `thank-you page asked in ${lang}`);
  await expectLanguage(page, lang);
  const h1 = (await page.locator('h1').textContent()).trim();
  assert.ok(h1.length > 0, 'the thank-you page has a heading');
  return h1;
}

const visible = (page, action) => page.locator(`.actions button[name="_action"][value="${action}"]`);

async function nextPage(page, expectedPage) {
  const { post } = await press(page, visible(page, 'next'));
  assert.equal(post, 200, 'Next answers 200');
  await expectPage(page, expectedPage);
}

async function backPage(page, expectedPage) {
  const { post } = await press(page, visible(page, 'back'));
  assert.equal(post, 200, 'Back answers 200');
  await expectPage(page, expectedPage);
}

// Page numbers here are 1-based, as the resident sees them ("Step 2 of 5").
async function expectPage(page, n) {
  assert.equal(await page.locator('form#answers input[name="_page"]').inputValue(), String(n - 1), `on page ${n}`);
  assert.equal(await page.locator('progress').getAttribute('value'), String(n), `progress shows page ${n}`);
}

async function expectLanguage(page, lang) {
  const html = page.locator('html');
  assert.equal(await html.getAttribute('lang'), lang, `<html lang="${lang}">`);
  const dir = lang === 'ar' || lang === 'fa' ? 'rtl' : 'ltr';
  assert.equal(await html.getAttribute('dir'), dir, `<html dir="${dir}">`);
}

const optionInput = (page, q, v) => page.locator(`form#answers input[type="radio"][name="${q}"][value="${v}"]`);
const optionLabel = (page, q, v) => page.locator(`form#answers .option:has(> input[name="${q}"][value="${v}"]) > label`);

// Taps the label of each option, as a person on a phone would, and checks
// that the radio button became checked.
async function choose(page, answers) {
  for (const [q, v] of Object.entries(answers)) {
    await optionLabel(page, q, v).tap();
    assert.ok(await optionInput(page, q, v).isChecked(), `${q}=${v} is checked after tapping its label`);
  }
}

async function expectChosen(page, answers, why) {
  for (const [q, v] of Object.entries(answers)) {
    assert.ok(await optionInput(page, q, v).isChecked(), `${q}=${v} still checked ${why}`);
  }
}

// Which way the options of a scale run: the first option's box is left of the
// second's in left-to-right languages, right of it in right-to-left ones.
async function checkScaleDirection(page, dir, failures) {
  const scale = page.locator('form#answers .options.scale').first();
  const boxes = await scale.locator('.option').evaluateAll((els) => els.slice(0, 2).map((el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top };
  }));
  assert.equal(boxes.length, 2, 'a scale with at least two options');
  const [a, b] = boxes;
  const sameRow = Math.abs(a.top - b.top) < 1;
  const ok = dir === 'rtl' ? sameRow && a.left >= b.right - 0.5 : sameRow && a.right <= b.left + 0.5;
  if (ok) {
    note(`scale options run ${dir === 'rtl' ? 'right to left' : 'left to right'} (first ${Math.round(a.left)}..${Math.round(a.right)}, second ${Math.round(b.left)}..${Math.round(b.right)})`);
  } else {
    failures.push(`scale options do not run ${dir}: first option ${JSON.stringify(a)}, second ${JSON.stringify(b)}`);
  }
}

// Where the progress bar's filled part lies, from what Chromium drew: the
// value of a <progress> is a user-agent shadow part that no script can
// measure, so the bar's screenshot is read back and the pixels of its middle
// row that are nearer the accent colour than the track's give the extent.
const ACCENT = [0x1d, 0x4e, 0x89];
const TRACK = [0xdf, 0xe4, 0xea];
async function progressFill(page) {
  const bar = page.locator('.progress progress');
  const png = decodePng(await bar.screenshot());
  const distance = (p, q) => p.reduce((sum, v, i) => sum + (v - q[i]) ** 2, 0);
  const y = png.height >> 1;
  let first = -1;
  let last = -1;
  for (let x = 0; x < png.width; x++) {
    const p = png.pixel(x, y);
    if (distance(p, ACCENT) < distance(p, TRACK)) {
      if (first < 0) first = x;
      last = x;
    }
  }
  const value = Number(await bar.getAttribute('value'));
  const max = Number(await bar.getAttribute('max'));
  return { width: png.width, first, last, value, max };
}

// The filled part starts at the inline start: it touches the bar's left edge
// in left-to-right languages and its right edge in Arabic and Persian, and
// is as long as the step is far.
async function checkProgressDirection(page, dir, where, failures) {
  const f = await progressFill(page);
  const edge = 2; // device pixels of anti-aliasing at a rounded end
  const share = (f.last - f.first + 1) / f.width;
  const touches = dir === 'rtl' ? f.last >= f.width - edge : f.first >= 0 && f.first < edge;
  const partial = dir === 'rtl' ? f.first > edge : f.last < f.width - edge;
  if (f.first < 0 || !touches || (f.value < f.max && !partial) || Math.abs(share - f.value / f.max) > 0.03) {
    failures.push(`${where}: the progress bar (step ${f.value} of ${f.max}) does not fill from the ` +
      `${dir === 'rtl' ? 'right' : 'left'}: filled pixels ${f.first}..${f.last} of 0..${f.width - 1}`);
  } else {
    note(`${where}: progress step ${f.value} of ${f.max} fills from the ${dir === 'rtl' ? 'right' : 'left'} ` +
      `(pixels ${f.first}..${f.last} of 0..${f.width - 1})`);
  }
}

// ---------------------------------------------------------------------------
// The answers each walk gives, page by page. Some questions are left out on
// purpose: an unanswered question must not appear in the stored record.

const PLANS = {
  sv: {
    pages: [
      { area: 'handen', age_group: '25-44', gender: 'woman' },
      { safe_night: 'fairly_safe', avoid_places: 'no', worry_crime: 'a_little', police_trust: 'fairly_high' },
      {
        problem_litter: 'small', problem_vandalism: 'fairly_big', problem_traffic: 'very_big',
        problem_youth_disorder: 'no_problem', problem_intoxicated: 'dont_know', problem_drug_dealing: 'small',
        problem_burglary: 'no_problem', problem_car_crime: 'fairly_big', problem_violence: 'small',
        problem_shootings: 'no_problem', problem_harassment: 'small', problem_poor_lighting: 'very_big',
        problem_transit: 'fairly_big', /* problem_fraud left unanswered */
      },
      { victim_burglary: 'no', victim_theft: 'yes', victim_assault: 'no', victim_threat: 'no', victim_harassment: 'yes' },
    ],
    freeText: 'Belysningen i gångtunneln vid Handens station är trasig sedan i höstas.\nDet känns otryggt att gå där på kvällen – särskilt för äldre.',
    freePlace: 'Gångtunneln under Nynäsvägen, vid pendeltåget',
  },
  ar: {
    pages: [
      { area: 'jordbro', age_group: '45-64', gender: 'man' },
      { safe_night: 'fairly_unsafe', avoid_places: 'yes', worry_crime: 'fairly', police_trust: 'dont_know' },
      {
        problem_litter: 'very_big', problem_vandalism: 'small', problem_traffic: 'no_problem',
        problem_youth_disorder: 'fairly_big', problem_intoxicated: 'small', problem_drug_dealing: 'very_big',
        problem_burglary: 'dont_know', problem_car_crime: 'small', problem_violence: 'fairly_big',
        problem_shootings: 'small', problem_harassment: 'very_big', problem_poor_lighting: 'very_big',
        problem_transit: 'no_problem', problem_fraud: 'small',
      },
      { victim_burglary: 'yes', victim_theft: 'no', victim_assault: 'no', victim_threat: 'yes', victim_fraud: 'no' },
    ],
    freeText: 'الإضاءة سيئة في النفق ليلاً',
    freePlace: 'النفق قرب محطة القطار في يوردبرو\nوموقف الحافلات أيضاً',
  },
};

function expectedAnswers(plan) {
  return Object.assign({}, ...plan.pages, { free_text: plan.freeText, free_place: plan.freePlace });
}

// The whole questionnaire with JavaScript, as a resident on a phone.
async function walk(lang) {
  const plan = PLANS[lang];
  const dir = lang === 'ar' ? 'rtl' : 'ltr';
  const failures = [];
  const { context, page, problems } = await newPhone();
  try {
    await open(page, lang);
    await expectLanguage(page, lang);
    assert.equal(await page.evaluate(() => document.documentElement.dir), dir, `document.documentElement.dir is ${dir}`);
    note(`${lang}: <html lang="${lang}" dir="${dir}">`);
    const rid = await page.locator('form#answers input[name="_rid"]').inputValue();
    assert.match(rid, /^[0-9a-f-]{36}$/, 'the form carries a record id');

    // Page 1: about you.
    await expectPage(page, 1);
    await choose(page, plan.pages[0]);
    await session.checkNoHorizontalScroll(page, `${lang} page 1`, failures);
    await session.screenshot(page, `${lang}-page1.png`);
    await session.checkAxe(page, `${lang} page 1`, failures);
    await nextPage(page, 2);

    // Page 2: safety, with the scales.
    await checkScaleDirection(page, dir, failures);
    await choose(page, plan.pages[1]);
    await session.checkNoHorizontalScroll(page, `${lang} page 2`, failures);
    await nextPage(page, 3);

    // Page 3: problems. Then back to page 2 and forward again: nothing lost.
    await choose(page, plan.pages[2]);
    await checkProgressDirection(page, dir, `${lang} page 3`, failures);
    await session.checkNoHorizontalScroll(page, `${lang} page 3`, failures);
    await session.screenshot(page, `${lang}-page3.png`);
    await session.checkAxe(page, `${lang} page 3`, failures);
    await backPage(page, 2);
    await expectChosen(page, plan.pages[1], 'after Back from page 3');
    note(`${lang}: Back shows page 2 with its ${Object.keys(plan.pages[1]).length} answers still selected`);
    await nextPage(page, 3);
    await expectChosen(page, plan.pages[2], 'after Back and Next');
    note(`${lang}: page 3 answers survive Back and Next`);
    await nextPage(page, 4);

    // Page 4: experiences. An answer given and then taken back with the
    // (JavaScript) "clear answer" button is not stored.
    await choose(page, plan.pages[3]);
    if (!('victim_fraud' in plan.pages[3])) {
      await choose(page, { victim_fraud: 'yes' });
      const clear = page.locator('#q-victim_fraud .clear-answer');
      assert.ok(await clear.isVisible(), 'a clear-answer button appears once victim_fraud is answered');
      await clear.tap();
      assert.equal(await page.locator('input[name="victim_fraud"]:checked').count(), 0, 'victim_fraud cleared');
      assert.ok(await clear.isHidden(), 'the clear-answer button hides again');
      note(`${lang}: the clear-answer button takes back a choice`);
    }
    await session.checkNoHorizontalScroll(page, `${lang} page 4`, failures);
    await nextPage(page, 5);

    // Page 5: free text, typed in the page's language.
    const freeText = page.locator('textarea[name="free_text"]');
    const freePlace = page.locator('textarea[name="free_place"]');
    await freeText.tap();
    await page.keyboard.type(plan.freeText);
    await freePlace.fill(plan.freePlace);
    assert.equal(await freeText.inputValue(), plan.freeText, 'free_text holds what was typed');
    const counter = await page.locator('#q-free_text [data-counter]').textContent();
    assert.ok(counter.includes(`${Array.from(plan.freeText).length} / 4000`), `the character counter counts (${counter})`);
    // Back to page 4 and forward again: typed text is carried unchanged.
    await backPage(page, 4);
    await expectChosen(page, plan.pages[3], 'after Back from page 5');
    await nextPage(page, 5);
    assert.equal(await freeText.inputValue(), plan.freeText, 'free_text unchanged after Back and Next');
    assert.equal(await freePlace.inputValue(), plan.freePlace, 'free_place unchanged after Back and Next');
    note(`${lang}: free texts survive Back and Next`);
    await session.checkNoHorizontalScroll(page, `${lang} page 5`, failures);
    await session.checkAxe(page, `${lang} page 5 (last)`, failures);

    // Submit, then the thank-you page.
    const countBefore = (await exportRecords()).length;
    const h1 = await submit(page, lang);
    note(`${lang}: thank-you page "${h1}"`);
    await session.checkNoHorizontalScroll(page, `${lang} thank-you page`, failures);
    await session.checkAxe(page, `${lang} thank-you page`, failures);

    const { record, total } = await storedRecord(rid);
    assert.equal(total, countBefore + 1, 'exactly one new record stored');
    assert.equal(record.lang, lang, 'record language');
    assert.equal(record.channel, 'online', 'record channel');
    assert.deepEqual(record.answers, expectedAnswers(plan), 'stored answers');
    assert.equal(record.answers.free_text, plan.freeText, 'free text round-trips exactly');
    note(`${lang}: exactly one record ${rid} stored with lang ${lang} and the ${Object.keys(record.answers).length} answers given`);

    assert.deepEqual(problems, [], 'no script errors in the page');
    failIfAny(failures);
  } finally {
    await context.close();
  }
}

test('Swedish: the whole questionnaire on a phone', () => walk('sv'));

test('Arabic: the whole questionnaire on a phone, right to left', () => walk('ar'));

// A text longer than allowed can only come from a browser that ignores
// maxlength; it is the way to get the page with problems listed.
for (const lang of ['sv', 'ar']) {
  test(`${lang}: the page with a validation error`, async () => {
    const failures = [];
    const { context, page, problems } = await newPhone();
    try {
      await open(page, lang);
      const rid = await page.locator('form#answers input[name="_rid"]').inputValue();
      for (let n = 2; n <= 5; n++) await nextPage(page, n);
      const place = page.locator('textarea[name="free_place"]');
      const max = Number(await place.getAttribute('maxlength'));
      assert.ok(max > 0, 'free_place has a maxlength');
      await place.evaluate((el) => el.removeAttribute('maxlength'));
      const sentence = lang === 'ar' ? 'الشارع مظلم جداً قرب المدرسة. ' : 'Det är mörkt vid busshållplatsen. ';
      const long = sentence.repeat(Math.ceil((max + 20) / sentence.length)).trim();
      await place.fill(long);
      const countBefore = (await exportRecords()).length;
      const { post } = await press(page, visible(page, 'submit'));
      assert.equal(post, 422, 'a too long text is answered with 422');
      await expectLanguage(page, lang);
      await expectPage(page, 5);
      const summary = page.locator('.error-summary');
      assert.ok(await summary.isVisible(), 'the error summary is shown');
      await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary'));
      assert.equal(await page.locator('#q-free_place.has-error textarea[aria-invalid="true"]').count(), 1, 'the textarea is marked invalid');
      assert.equal(await place.inputValue(), long, 'the too long text is kept for editing');
      note(`${lang}: ${Array.from(long).length} characters give a 422 page with an error summary that takes focus`);
      await session.checkNoHorizontalScroll(page, `${lang} validation error page`, failures);
      await session.screenshot(page, `${lang}-page5-error.png`);
      await session.checkAxe(page, `${lang} validation error page`, failures);
      assert.equal((await exportRecords()).length, countBefore, 'nothing stored while there are problems');

      // Shortened, it goes through.
      await place.fill(sentence.trim());
      await submit(page, lang);
      const { record, total } = await storedRecord(rid);
      assert.equal(total, countBefore + 1, 'exactly one new record stored');
      assert.deepEqual(record.answers, { free_place: sentence.trim() }, 'only the corrected text is stored');
      note(`${lang}: after shortening the text exactly one record is stored`);
      // Chromium logs every 4xx document as "Failed to load resource".
      const unexpected = problems.filter((p) => !/Failed to load resource: .*\b422\b/.test(p));
      assert.deepEqual(unexpected, [], 'no script errors in the page');
      failIfAny(failures);
    } finally {
      await context.close();
    }
  });
}

// Waits for the thank-you page after several submissions in a row. Without
// JavaScript the browser abandons one navigation for the next, and Playwright
// reports the abandoned one (net::ERR_ABORTED, a detached frame): that is
// expected here, so keep waiting until the page that stays is the thank-you page.
async function waitForThanks(page) {
  const deadline = Date.now() + 20000;
  const isThanks = () => new URL(page.url()).pathname === `/s/${SURVEY}/thanks`;
  while (Date.now() < deadline) {
    try {
      await page.waitForURL((u) => u.pathname === `/s/${SURVEY}/thanks`, { timeout: 2000 });
      await page.waitForLoadState('load', { timeout: 2000 });
      if (isThanks()) return;
    } catch (e) {
      if (!/ERR_ABORTED|detached|Timeout|interrupted/i.test(String(e && e.message))) throw e;
    }
    await page.waitForTimeout(100);
  }
  assert.ok(isThanks(), `ended on the thank-you page (at ${page.url()})`);
}

// Walks to the last page with a few answers, double-clicks Submit and checks
// that one record is stored. With JavaScript the page itself sends only one
// POST. Then the very same POST is sent once more, as a browser retrying
// after a lost connection would: the server must store nothing new (it knows
// the record id) and still answer with the redirect to the thank-you page.
async function doubleSubmit({ javaScript }) {
  // No CSP bypass here: the product's own script must run under its CSP.
  const { context, page, problems } = await newPhone({ javaScript, bypassCSP: false });
  try {
    await open(page, 'sv');
    const rid = await page.locator('form#answers input[name="_rid"]').inputValue();
    await choose(page, { area: 'dalaro' });
    for (let n = 2; n <= 5; n++) await nextPage(page, n);
    const text = `Dubbelklick ${javaScript ? 'med' : 'utan'} JavaScript.`;
    await page.locator('textarea[name="free_text"]').fill(text);
    const countBefore = (await exportRecords()).length;
    const posts = [];
    page.on('request', (r) => { if (r.method() === 'POST') posts.push(r); });
    // With JavaScript, watch each submit event and whether the page's guard
    // cancelled it (this listener runs after the page's own).
    const submits = [];
    if (javaScript) {
      page.on('console', (m) => {
        const hit = /^lyssna-test: submit prevented=(true|false)$/.exec(m.text());
        if (hit) submits.push(hit[1] === 'true');
      });
      await page.evaluate(() => document.getElementById('answers').addEventListener('submit', (e) => {
        console.log(`lyssna-test: submit prevented=${e.defaultPrevented}`);
      }));
    }
    // A slow connection: the first submission is held back for a moment,
    // during which the impatient resident taps Submit once more.
    let held = 0;
    await page.route((u) => u.pathname === `/s/${SURVEY}`, async (route) => {
      if (route.request().method() === 'POST' && ++held === 1) await new Promise((r) => setTimeout(r, 800));
      await route.continue().catch(() => {}); // a replaced navigation's request is gone
    });
    const submitButton = visible(page, 'submit');
    await submitButton.scrollIntoViewIfNeeded();
    const box = await submitButton.boundingBox();
    const firstSent = page.waitForRequest((r) => r.method() === 'POST');
    await submitButton.dblclick();
    await firstSent;
    await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
    await waitForThanks(page);
    await page.waitForTimeout(500); // let a late request, if any, arrive
    if (javaScript) {
      assert.ok(submits.length >= 2, `the clicks after the first reached the form (${submits.length} submit events)`);
      assert.deepEqual(submits, [false, ...Array(submits.length - 1).fill(true)],
        'the first submit event goes through and every later one is cancelled');
      assert.equal(posts.length, 1, 'with JavaScript, clicks after the first send nothing');
      note(`JavaScript guard: ${submits.length} submit events, all but the first cancelled`);
    }
    let { record, total } = await storedRecord(rid);
    assert.equal(total, countBefore + 1, 'exactly one new record stored');
    assert.deepEqual(record.answers, { area: 'dalaro', free_text: text });
    note(`double click and a late tap on Submit ${javaScript ? 'with' : 'without'} JavaScript: the browser sent ${posts.length} POST(s), one record stored`);

    const again = await context.request.post(posts[0].url(), {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      data: posts[0].postData(),
      maxRedirects: 0,
    });
    assert.equal(again.status(), 303, 'the repeated submission is answered with 303 too');
    assert.equal(new URL(again.headers()['location'], session.baseUrl).pathname, `/s/${SURVEY}/thanks`);
    ({ record, total } = await storedRecord(rid));
    assert.equal(total, countBefore + 1, 'still exactly one new record after the repeated POST');
    note('the same POST sent again stores nothing new');
    assert.deepEqual(problems, [], 'no script or CSP errors in the page');
  } finally {
    await context.close();
  }
}

test('double-click on Submit stores one record (JavaScript guard)', () => doubleSubmit({ javaScript: true }));
test('double-click on Submit stores one record (without JavaScript)', () => doubleSubmit({ javaScript: false }));

for (const javaScript of [true, false]) {
  test(`the progress bar fills from the right in Arabic and Persian, from the left in Swedish (${javaScript ? 'with' : 'without'} JavaScript)`, async () => {
    const failures = [];
    const { context, page } = await newPhone({ javaScript });
    try {
      for (const lang of ['sv', 'ar', 'fa']) {
        await open(page, lang);
        await expectLanguage(page, lang);
        await checkProgressDirection(page, lang === 'sv' ? 'ltr' : 'rtl', `${lang} page 1${javaScript ? '' : ' without JavaScript'}`, failures);
      }
      failIfAny(failures);
    } finally {
      await context.close();
    }
  });
}

test('Swedish without JavaScript: walk all pages and submit', async () => {
  const plan = PLANS.sv;
  const { context, page } = await newPhone({ javaScript: false });
  try {
    await open(page, 'sv');
    await expectLanguage(page, 'sv');
    const rid = await page.locator('form#answers input[name="_rid"]').inputValue();
    await choose(page, plan.pages[0]);
    await nextPage(page, 2);
    await choose(page, plan.pages[1]);
    await nextPage(page, 3);
    await choose(page, plan.pages[2]);
    await backPage(page, 2);
    await expectChosen(page, plan.pages[1], 'after Back without JavaScript');
    await nextPage(page, 3);
    await expectChosen(page, plan.pages[2], 'after Back and Next without JavaScript');
    await nextPage(page, 4);
    assert.equal(await page.locator('.clear-answer').count(), 0, 'no script-made buttons');
    await choose(page, plan.pages[3]);
    await nextPage(page, 5);
    await page.locator('textarea[name="free_text"]').fill(plan.freeText);
    await page.locator('textarea[name="free_place"]').fill(plan.freePlace);
    const countBefore = (await exportRecords()).length;
    await submit(page, 'sv');
    const { record, total } = await storedRecord(rid);
    assert.equal(total, countBefore + 1, 'exactly one new record stored');
    assert.equal(record.lang, 'sv');
    assert.deepEqual(record.answers, expectedAnswers(plan), 'stored answers');
    note(`without JavaScript: 5 pages walked, Back kept the answers, one record ${rid} stored`);
  } finally {
    await context.close();
  }
});

test('language switcher keeps the page and the answers', async () => {
  const failures = [];
  const { context, page, problems } = await newPhone();
  try {
    await open(page, 'sv');
    const rid = await page.locator('form#answers input[name="_rid"]').inputValue();
    await choose(page, { area: 'vendelso' });
    await nextPage(page, 2);
    await choose(page, { safe_night: 'very_unsafe' });
    const { post } = await press(page, page.locator('nav.languages button[name="_switch"][value="ar"]'));
    assert.equal(post, 200, 'switching answers 200');
    await expectLanguage(page, 'ar');
    await expectPage(page, 2);
    assert.equal(await page.locator('nav.languages [aria-current]').getAttribute('lang'), 'ar', 'Arabic is the current language');
    assert.equal(await page.locator('nav.languages [aria-current]').evaluate((el) => el.tagName), 'SPAN');
    assert.equal(await page.locator('form#answers input[name="_lang"]').inputValue(), 'ar');
    assert.equal(await page.locator('form#answers input[name="_rid"]').inputValue(), rid, 'same record id');
    await expectChosen(page, { safe_night: 'very_unsafe' }, 'after switching to Arabic');
    assert.equal(await page.locator('form#answers input[type="hidden"][name="area"]').inputValue(), 'vendelso', 'page 1 answer carried');
    note('switching to Arabic on page 2 keeps page 2, the record id and the chosen answer');
    await checkScaleDirection(page, 'rtl', failures);
    await session.checkNoHorizontalScroll(page, 'ar page 2 after switching', failures);

    // Finish in Arabic: the record takes the language it was sent in.
    for (let n = 3; n <= 5; n++) await nextPage(page, n);
    const countBefore = (await exportRecords()).length;
    await submit(page, 'ar');
    const { record, total } = await storedRecord(rid);
    assert.equal(total, countBefore + 1, 'exactly one new record stored');
    assert.equal(record.lang, 'ar');
    assert.deepEqual(record.answers, { area: 'vendelso', safe_night: 'very_unsafe' });
    note('the switched survey is stored once, as Arabic, with both answers');
    assert.deepEqual(problems, [], 'no script errors in the page');
    failIfAny(failures);
  } finally {
    await context.close();
  }
});
