// Browser test of the workspace's citizen promise pages in Debian's
// Chromium, from the keyboard alone (Tab, typing, Space, Enter and the arrow
// keys; focus() only to start at a form): an analyst leaves two of the demo
// survey's marked priorities on its priority page, follows "Draft a
// promise", creates the draft (one focus area per mark), adds the kommun's
// parties, sets the signatories, adds three activities across the two focus
// areas (Swedish text, a responsible party, a frequency, a countable target,
// the indicator), has two activity forms refused (422, the problem named,
// what was typed kept), adopts, records a follow-up with a public text and
// an internal note, and publishes. The public page shows the text and never
// the note; the done-and-behind view counts the follow-up. axe-core finds no
// violations on the promise in draft, adopted and published state, on the
// list and on the progress view, at 1280 and at 360 px, none of them scrolls
// sideways at 360 px, and screenshots (promise-*.png) go to LYSSNA_ARTIFACTS.
// Self-contained: a temporary database made by `lyssna demo` (which also
// publishes its own promise 1 for Haninge) and an analyst.
//
//   LYSSNA_BINARY     the lyssna binary (default ../../build-test/lyssna)
//   LYSSNA_ARTIFACTS  where screenshots go (default a new temporary directory)
//
// Run: node workspace_promise.test.mjs   (after `npm ci` in this directory)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { browserSession, failIfAny, focused, note, pressAndWait, tabTo } from './browser_session.mjs';

const SURVEY = 'trygghet-demo';
const PRIORITIES = `/workspace/surveys/${SURVEY}/priorities`;
const ANALYST = 'Ana Analytiker';
const KOMMUN = 'nynashamn';
const TITLE_SV = 'Medborgarlöfte 2026 – Nynäshamns kommun och lokalpolisområdet';
const TITLE_EN = 'Citizen promise 2026 – Nynäshamn';
const PUBLIC_TEXT = 'Två trygghetsvandringar är gjorda i Nynäshamns centrum och vid stationen.';
const INTERNAL_NOTE = 'Internt: SBF saknade inventerare i april, Lisa tog över.';

const session = browserSession({
  prefix: 'lyssna-promise-ws-',
  prepare(s) {
    // The demo marks the survey's three top priorities and publishes its own
    // promise for Haninge; 150 answers are enough for a ranking.
    s.lyssna(['demo', '--responses', '150']);
    s.addUser(ANALYST, 'analyst');
  },
});

// The state the test walks through, filled in as it goes.
const promise = { id: 0, path: '', focusAreas: [], parties: {}, activities: [], themes: [] };

// `bypassCSP` lets axe-core be injected (the policy refuses other scripts).
async function loggedIn(size) {
  const w = await session.newWindow(size, { bypassCSP: true, timeout: 20000 });
  await session.login(w.page, ANALYST);
  return w;
}

async function open(page, url, status = 200) {
  const response = await page.goto(`${session.baseUrl}${url}`);
  assert.equal(response.status(), status, `GET ${url}`);
  return response;
}

// Presses `key` on the focused control and returns the response of the
// document it leads to (after a POST's 303, the page it leads to).
async function pressForPage(page, key = 'Enter') {
  const [response] = await Promise.all([page.waitForNavigation(), page.keyboard.press(key)]);
  await page.waitForLoadState('load');
  return response;
}

const tabToId = (page, id, max = 40) => tabTo(page, (f) => f.id === id, `#${id}`, max);
const tabToButton = (page, text, max = 40) =>
  tabTo(page, (f) => f.tag === 'BUTTON' && f.text.startsWith(text), `the button "${text}"`, max);

// Replaces the focused field's value by typing.
async function retype(page, text) {
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
}

// Opens a closed <details> from the keyboard: its summary focused, Enter.
async function openDetails(page, summary) {
  await summary.focus();
  assert.equal(await summary.evaluate((s) => s.parentElement.open), false, 'the form starts folded');
  await page.keyboard.press('Enter');
  assert.equal(await summary.evaluate((s) => s.parentElement.open), true, 'Enter on the summary unfolds it');
}

// The forms and tables as a person sees them, beyond what axe-core
// measures: a checkbox or radio button on the line of its label, to its
// left; fields side by side or one under the other, never touching; and no
// table hiding columns behind its box's sideways scroll.
async function checkLayout(page, where, failures) {
  const found = await page.evaluate(() => {
    const out = [];
    // Not in a folded <details> (whose content keeps its boxes, hidden by content-visibility).
    const shown = (el) => el.checkVisibility({ visibilityProperty: true });
    const name = (el) => `#${el.id || el.closest('[id]')?.id}`;
    for (const check of document.querySelectorAll('.ws-check')) {
      const input = check.querySelector('input');
      const label = check.querySelector('label');
      if (!input || !label || !shown(input)) continue;
      const i = input.getBoundingClientRect();
      const l = label.getBoundingClientRect();
      const sameLine = i.top < l.bottom && l.top < i.bottom;
      if (!sameLine || i.right > l.left + 1) {
        out.push(`${name(input)} is not beside its label (box ${Math.round(i.left)},${Math.round(i.top)}-${Math.round(i.right)},${Math.round(i.bottom)}, ` +
          `label ${Math.round(l.left)},${Math.round(l.top)}-${Math.round(l.right)},${Math.round(l.bottom)})`);
      }
    }
    for (const row of document.querySelectorAll('.ws-field-row')) {
      const fields = [...row.children].filter((f) => f.classList.contains('ws-field') && shown(f));
      for (let k = 1; k < fields.length; k++) {
        const a = fields[k - 1].getBoundingClientRect();
        const b = fields[k].getBoundingClientRect();
        const gap = Math.abs(b.top - a.top) < 2 ? b.left - a.right : b.top - a.bottom;
        if (gap < 8) out.push(`${name(fields[k].querySelector('input, select'))} is ${Math.round(gap)} px from the field before it`);
      }
    }
    for (const wrap of document.querySelectorAll('.ws-table-wrap')) {
      if (shown(wrap) && wrap.scrollWidth > wrap.clientWidth + 1) {
        out.push(`the table "${wrap.querySelector('caption')?.textContent.trim()}" is wider than its box ` +
          `(${wrap.scrollWidth} > ${wrap.clientWidth}): columns hide behind a sideways scroll`);
      }
    }
    return out;
  });
  if (found.length) failures.push(`${where}: ${found.length} layout problem(s):\n  ${found.slice(0, 12).join('\n  ')}`);
  else note(`${where}: checkboxes beside their labels, fields apart, tables within their boxes`);
}

// axe-core, no sideways scrolling, the layout, a screenshot.
async function look(page, where, file, failures) {
  await checkLayout(page, where, failures);
  await session.look(page, where, file, failures);
}

function noticeOf(page) {
  return page.locator('.ws-notice').textContent();
}

// The form of one activity, filled from the keyboard after its <details>
// has been opened: Tab from the summary to each field.
async function fillActivity(page, prefix, a) {
  await tabToId(page, `${prefix}-text-sv`);
  if (a.sv) await page.keyboard.type(a.sv);
  await tabToId(page, `${prefix}-text-en`);
  if (a.en) await page.keyboard.type(a.en);
  await tabToId(page, `${prefix}-prioritised_area-sv`);
  await page.keyboard.type(a.area);
  for (const party of a.parties) {
    await tabToId(page, `${prefix}-party-${promise.parties[party]}`);
    await page.keyboard.press('Space');
  }
  await tabToId(page, `${prefix}-frequency-sv`);
  await page.keyboard.type(a.frequency);
  if (a.target) {
    await tabToId(page, `${prefix}-target-count`);
    await retype(page, String(a.target.count));
    await tabToId(page, `${prefix}-target-unit`);
    for (let i = 0; i < a.target.down; i++) await page.keyboard.press('ArrowDown');
    assert.equal(await page.inputValue(`#${prefix}-target-unit`), a.target.unit);
  }
  if (a.countIndicator) {
    // Tab enters the radio group at the checked one; ArrowDown moves it on.
    await tabToId(page, `${prefix}-kind-survey_indicator`);
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.locator(`#${prefix}-kind-count`).isChecked(), true, 'the count indicator is chosen');
    // A count names no survey indicator: its chooser goes back to "–".
    await tabToId(page, `${prefix}-indicator-id`);
    await page.keyboard.press('Home');
    await tabToId(page, `${prefix}-indicator_text-sv`);
    await page.keyboard.type(a.countIndicator);
  }
}

test('an analyst drafts, fills, adopts, follows up and publishes a promise from the keyboard', async () => {
  const failures = [];
  const desk = await loggedIn('desktop');
  const phone = await loggedIn('phone');
  const { page } = desk;
  // The same page at 360 px: axe-core, no sideways scrolling, a screenshot.
  const onPhone = async (url, where, file) => {
    await open(phone.page, url);
    await look(phone.page, `${where} at 360 px`, file, failures);
  };
  try {
    // 1. The priority page: the demo marked three; one mark is taken off
    // from the keyboard, so that two remain.
    await open(page, PRIORITIES);
    let marked = page.locator('tr.prio-marked');
    assert.equal(await marked.count(), 3, 'the demo marked three priorities');
    const dropped = (await marked.nth(2).locator('th').textContent()).trim();
    await marked.nth(2).getByRole('button', { name: /Remove mark/ }).focus();
    await pressAndWait(page, 'Enter');
    assert.equal(await noticeOf(page), 'The mark is removed.');
    marked = page.locator('tr.prio-marked');
    assert.equal(await marked.count(), 2, `the mark of ${dropped} is removed`);
    promise.themes = (await page.locator('.prio-marked-list li strong').allTextContents()).map((t) => t.trim());
    assert.equal(promise.themes.length, 2);
    assert.ok(!promise.themes.includes(dropped));
    note(`two marked priorities left: ${promise.themes.join(', ')} (${dropped} taken off)`);

    // The link to draft, followed with Enter.
    const link = page.getByRole('link', { name: 'Draft a promise from the marked priorities' });
    assert.equal(await link.count(), 1);
    await link.focus();
    assert.equal((await focused(page)).tag, 'A');
    await pressAndWait(page, 'Enter');
    assert.match(page.url(), new RegExp(`/workspace/promises\\?from=${SURVEY}#new-promise-heading$`));
    const from = page.locator('#new-from');
    assert.equal(await from.inputValue(), SURVEY, 'the survey is chosen to start from');
    assert.match(await from.locator('option:checked').textContent(), /2 marked priorities/);

    // The new promise's form: kommun, years, titles, Enter on the button.
    await page.focus('#new-kommun');
    await page.keyboard.type(KOMMUN);
    await tabToId(page, 'new-first_year');
    await retype(page, '2026');
    await tabToId(page, 'new-last_year');
    await retype(page, '2026');
    await tabToId(page, 'new-title-sv');
    await page.keyboard.type(TITLE_SV);
    await tabToId(page, 'new-title-en');
    await page.keyboard.type(TITLE_EN);
    await tabToButton(page, 'Create the draft');
    let response = await pressForPage(page);
    assert.equal(response.status(), 200);
    const created = page.url().match(/\/workspace\/promises\/(\d+)\?done=created$/);
    assert.ok(created, `the draft's page follows the form (${page.url()})`);
    promise.id = Number(created[1]);
    promise.path = `/workspace/promises/${promise.id}`;
    assert.notEqual(promise.id, 1, 'a new promise beside the demo one');
    assert.equal(await noticeOf(page), 'The draft is created.');
    assert.equal((await page.locator('h1').textContent()).trim(), TITLE_EN);
    assert.match(await page.locator('.promise-meta').textContent(), /draft\s+nynashamn, 2026\./);
    const fas = page.locator('section.promise-fa');
    assert.equal(await fas.count(), 2, 'one focus area per marked priority');
    const titled = [];
    for (let i = 0; i < 2; i++) {
      const fa = fas.nth(i);
      promise.focusAreas.push(Number((await fa.getAttribute('id')).replace('fa-', '')));
      const title = (await fa.locator('h3').textContent()).replace(/\s+/g, ' ').trim();
      const theme = title.replace(/^\d+\. /, '');
      assert.equal(title, `${i + 1}. ${theme}`, 'the focus areas are numbered');
      titled.push(theme);
      const evidence = await fa.locator('.promise-evidence').textContent();
      assert.ok(evidence.includes(`Marked priority: ${theme}, the whole kommun (${SURVEY})`), `the evidence of ${theme}`);
      assert.match(evidence, /\d+ respondents/, 'the figures behind the priority');
    }
    assert.deepEqual([...titled].sort(), [...promise.themes].sort(), 'the focus areas are the two marked priorities');
    assert.match(await page.locator('#header').textContent(), /Signed by: no party yet/);
    assert.match(await page.locator('#parties').textContent(), /The kommun has no party yet/);
    note(`draft ${promise.id} with focus areas ${promise.focusAreas.join(', ')}`);

    // 2. The kommun's parties: "Add a party or unit" unfolded with Enter.
    const parties = [
      { code: 'SBF', down: 0, kind: 'kommun', sv: 'Samhällsbyggnadsförvaltningen', en: 'Urban planning' },
      { code: 'polis', down: 1, kind: 'police', sv: 'Lokalpolisområde Nynäshamn', en: 'Local police' },
    ];
    for (const p of parties) {
      await openDetails(page, page.locator('#parties summary').first());
      await tabToId(page, 'party-code');
      await page.keyboard.type(p.code);
      await tabToId(page, 'party-kind');
      for (let i = 0; i < p.down; i++) await page.keyboard.press('ArrowDown');
      assert.equal(await page.inputValue('#party-kind'), p.kind);
      await tabToId(page, 'party-name-sv');
      await page.keyboard.type(p.sv);
      await tabToId(page, 'party-name-en');
      await page.keyboard.type(p.en);
      await tabToButton(page, 'Add the party');
      response = await pressForPage(page);
      assert.equal(response.status(), 200);
      assert.equal(await noticeOf(page), 'The party is added.');
      assert.ok(page.url().endsWith('#parties'), 'back at the party list');
    }
    for (const box of await page.locator('#header-party input[type="checkbox"]').all()) {
      const code = (await page.locator(`label[for="${await box.getAttribute('id')}"] .ws-muted`).textContent()).replace(/[()]/g, '');
      promise.parties[code] = await box.getAttribute('value');
    }
    assert.deepEqual(Object.keys(promise.parties).sort(), ['SBF', 'polis']);
    assert.deepEqual(await page.locator('.promise-party-list li').allTextContents(),
      ['Urban planning (SBF, the kommun)', 'Local police (polis, the police)']);

    // The signatories: both boxes checked with Space, then Save.
    await page.focus('#header-title-sv');
    assert.equal(await page.inputValue('#header-title-sv'), TITLE_SV, 'the Swedish title as typed');
    for (const code of ['SBF', 'polis']) {
      await tabToId(page, `header-party-${promise.parties[code]}`);
      await page.keyboard.press('Space');
    }
    await tabToButton(page, 'Save');
    response = await pressForPage(page);
    assert.equal(response.status(), 200);
    assert.equal(await noticeOf(page), 'Saved.');
    assert.match(await page.locator('#header > p').first().textContent(), /Signed by: Urban planning, Local police/);

    // Three activities: two in the first focus area, one in the second.
    const activities = [
      {
        fa: 0, sv: 'Gemensamma trygghetsvandringar med boende i centrum och vid stationen',
        en: 'Joint safety walks with residents', area: 'Otrygga platser', parties: ['SBF', 'polis'],
        frequency: 'Två gånger per halvår', target: { count: 2, unit: 'half_year', down: 1 },
        shown: { who: 'Urban planning, Local police', frequency: 'Två gånger per halvår (2 per half-year)' },
      },
      {
        fa: 0, sv: 'Belysningen i gångtunnlarna ses över och byts där den är trasig',
        area: 'Belysning', parties: ['SBF'], frequency: 'Varje kvartal',
        target: { count: 1, unit: 'quarter', down: 3 }, countIndicator: 'Antal tunnlar med ny belysning',
        shown: { who: 'Urban planning', frequency: 'Varje kvartal (1 per quarter)', indicator: 'Count: Antal tunnlar med ny belysning' },
      },
      {
        fa: 1, sv: 'Synlig polis vid pendeltågsstationen på fredags- och lördagskvällar',
        en: 'Visible police at the commuter station', area: 'Polisnärvaro', parties: ['polis'],
        frequency: 'Varje helg', target: { count: 4, unit: 'month', down: 4 },
        shown: { who: 'Local police', frequency: 'Varje helg (4 per month)' },
      },
    ];
    for (const a of activities) {
      const faId = promise.focusAreas[a.fa];
      const prefix = `new-${faId}`;
      const fa = page.locator(`#fa-${faId}`);
      await openDetails(page, fa.locator('details.promise-add > summary', { hasText: 'Add an activity' }));
      // The indicator is prefilled with the theme's own, in its area.
      assert.equal(await page.locator(`#${prefix}-kind-survey_indicator`).isChecked(), true);
      const prefilled = await page.inputValue(`#${prefix}-indicator-id`);
      assert.match(prefilled, /^theme_/, 'the survey indicator is prefilled with the theme\'s');
      await fillActivity(page, prefix, a);
      await tabToButton(page, 'Add the activity');
      response = await pressForPage(page);
      assert.equal(response.status(), 200, 'the activity is added');
      assert.equal(await noticeOf(page), 'Added.');
      const anchor = page.url().match(/#act-(\d+)$/);
      assert.ok(anchor, `the page returns to the new activity (${page.url()})`);
      const id = Number(anchor[1]);
      promise.activities.push(id);
      const article = page.locator(`#fa-${faId} article#act-${id}`);
      assert.equal((await article.locator('h4').textContent()).trim(), a.en || a.sv,
        'the activity is shown in the page\'s language, else in Swedish');
      if (!a.en) assert.equal(await article.locator('h4').getAttribute('lang'), 'sv', 'a Swedish fallback says so');
      const facts = Object.fromEntries(await article.locator('.promise-facts > div').evaluateAll((divs) =>
        divs.map((d) => [d.querySelector('dt').textContent.trim(), d.querySelector('dd').textContent.trim()])));
      assert.equal(facts['Prioritised area'], a.area);
      assert.equal(facts.Responsible, a.shown.who);
      assert.equal(facts['How often'], a.shown.frequency);
      if (a.shown.indicator) assert.equal(facts['Follow-up indicator'], a.shown.indicator);
      else assert.match(facts['Follow-up indicator'], /, the whole kommun \(survey\)$/);
      // What was stored is what the change form offers again.
      assert.equal(await page.inputValue(`#act-${id}-text-sv`), a.sv);
      assert.equal(await page.inputValue(`#act-${id}-target-count`), String(a.target.count));
      assert.equal(await page.inputValue(`#act-${id}-target-unit`), a.target.unit);
    }
    assert.equal(await page.locator(`#fa-${promise.focusAreas[0]} article.promise-act`).count(), 2);
    assert.equal(await page.locator(`#fa-${promise.focusAreas[1]} article.promise-act`).count(), 1);
    note(`three activities ${promise.activities.join(', ')} across the two focus areas`);

    // 4. Refused forms: the browser's `required` taken away, the server's
    // rule answers with 422, the problem named, what was typed kept.
    const fa2 = promise.focusAreas[1];
    const prefix2 = `new-${fa2}`;
    const refusals = [
      {
        what: 'an activity without Swedish text', remove: `#${prefix2}-text-sv`, anchor: `${prefix2}-text-sv`,
        rule: /a Swedish text is required/,
        a: { en: 'Only an English text', area: 'Utan svensk text', parties: ['polis'], frequency: 'Varje månad' },
        kept: { [`${prefix2}-text-en`]: 'Only an English text', [`${prefix2}-frequency-sv`]: 'Varje månad' },
        checked: [`${prefix2}-party-${promise.parties.polis}`],
      },
      {
        what: 'an activity without a responsible party', anchor: `${prefix2}-party`,
        rule: /an activity has a responsible party/,
        a: { sv: 'Nattvandrare i hamnen', area: 'Hamnen', parties: [], frequency: 'Varje fredag', target: { count: 2, unit: 'half_year', down: 1 } },
        kept: { [`${prefix2}-text-sv`]: 'Nattvandrare i hamnen', [`${prefix2}-prioritised_area-sv`]: 'Hamnen',
          [`${prefix2}-target-count`]: '2', [`${prefix2}-target-unit`]: 'half_year' },
        checked: [],
      },
    ];
    for (const r of refusals) {
      await open(page, promise.path);
      await openDetails(page, page.locator(`#fa-${fa2} details.promise-add > summary`, { hasText: 'Add an activity' }));
      if (r.remove) await page.locator(r.remove).evaluate((el) => el.removeAttribute('required'));
      await fillActivity(page, prefix2, r.a);
      await tabToButton(page, 'Add the activity');
      response = await pressForPage(page);
      assert.equal(response.status(), 422, `${r.what} is refused`);
      const box = page.locator('.ws-problems');
      assert.equal(await box.count(), 1, 'the problem box');
      assert.ok(await box.isVisible(), 'the problem box is shown');
      const inView = await box.evaluate((el) => {
        const b = el.getBoundingClientRect();
        return b.top >= 0 && b.top < window.innerHeight;
      });
      assert.ok(inView, 'the problem box is in view when the page comes back');
      assert.equal(await box.getAttribute('role'), 'alert');
      assert.match(await box.textContent(), r.rule);
      const problemLink = box.locator('a');
      assert.equal(await problemLink.getAttribute('href'), `#${r.anchor}`, 'the problem names its field');
      assert.equal(await page.locator(`#${r.anchor}`).count(), 1, 'and the field is on the page');
      assert.ok(await page.locator(`#${r.anchor}`).isVisible(), 'in its form unfolded again');
      for (const [id, value] of Object.entries(r.kept)) {
        assert.equal(await page.inputValue(`#${id}`), value, `#${id} keeps what was typed`);
      }
      for (const [code, party] of Object.entries(promise.parties)) {
        const box2 = page.locator(`#${prefix2}-party-${party}`);
        assert.equal(await box2.isChecked(), r.checked.includes(`${prefix2}-party-${party}`), `party ${code} as it was sent`);
      }
      // The problem's link leads the keyboard to the field.
      await problemLink.focus();
      await page.keyboard.press('Enter');
      assert.ok(page.url().endsWith(`#${r.anchor}`));
      await session.checkAxe(page, `draft with ${r.what} refused`, failures);
      note(`${r.what}: 422, "${(await box.locator('li').textContent()).trim()}"`);
    }
    await session.screenshot(page, 'promise-refused-1280.png');
    await open(page, promise.path);
    assert.equal(await page.locator('article.promise-act').count(), 3, 'nothing refused was stored');

    // 5, 6. The draft, looked at at 1280 and 360 px; at 360 px also with
    // the forms of a new activity unfolded from the keyboard.
    await look(page, 'draft promise at 1280 px', 'promise-draft-1280.png', failures);
    await onPhone(promise.path, 'draft promise', 'promise-draft-360.png');
    const phoneFa = phone.page.locator(`#fa-${promise.focusAreas[0]}`);
    await openDetails(phone.page, phoneFa.locator('details.promise-add > summary', { hasText: 'Add an activity' }));
    await openDetails(phone.page, phoneFa.locator('details.promise-add[open] details.promise-more > summary').first());
    await phone.page.locator(`#new-${promise.focusAreas[0]}-text-sv`).scrollIntoViewIfNeeded();
    await checkLayout(phone.page, 'draft promise with the activity form open at 360 px', failures);
    await session.checkNoHorizontalScroll(phone.page, 'draft promise with the activity form open at 360 px', failures);
    await session.checkAxe(phone.page, 'draft promise with the activity form open at 360 px', failures);
    await session.screenshot(phone.page, 'promise-draft-360-form.png');

    // 3. Adopt: the status form's button, Enter.
    await page.getByRole('button', { name: 'Adopt' }).focus();
    response = await pressForPage(page);
    assert.equal(response.status(), 200);
    assert.equal(await noticeOf(page), 'The status is changed.');
    assert.match(await page.locator('.promise-meta .promise-status').textContent(), /^adopted$/);
    assert.equal(await page.locator('summary', { hasText: 'Add an activity' }).count(), 0, 'an adopted promise is not edited');
    assert.equal(await page.locator('form[action$="/header"]').count(), 0);
    await look(page, 'adopted promise at 1280 px', 'promise-adopted-1280.png', failures);
    await onPhone(promise.path, 'adopted promise', 'promise-adopted-360.png');
    // The follow-up's form at 360 px, unfolded from the keyboard.
    await openDetails(phone.page, phone.page.locator(`#act-${promise.activities[0]} details.promise-add > summary`, { hasText: 'Record a follow-up' }));
    await checkLayout(phone.page, 'adopted promise with the follow-up form open at 360 px', failures);
    await session.checkNoHorizontalScroll(phone.page, 'adopted promise with the follow-up form open at 360 px', failures);
    await session.screenshot(phone.page, 'promise-adopted-360-follow-up.png');

    // A follow-up of the first activity, from the keyboard.
    const act = promise.activities[0];
    const fu = `fu-${act}`;
    await openDetails(page, page.locator(`#act-${act} details.promise-add > summary`, { hasText: 'Record a follow-up' }));
    await tabToId(page, `${fu}-date`);
    // 05/05/2026 whichever order the date field's parts come in.
    await page.keyboard.type('05052026');
    assert.equal(await page.inputValue(`#${fu}-date`), '2026-05-05');
    await tabToId(page, `${fu}-done_count`);
    await retype(page, '2');
    await tabToId(page, `${fu}-status`);
    assert.equal(await page.inputValue(`#${fu}-status`), 'on_track');
    await tabToId(page, `${fu}-public_text-sv`);
    await page.keyboard.type(PUBLIC_TEXT);
    await tabToId(page, `${fu}-internal_note`);
    await page.keyboard.type(INTERNAL_NOTE);
    await tabToId(page, `${fu}-published`);
    await page.keyboard.press('Space');
    assert.equal(await page.locator(`#${fu}-published`).isChecked(), true);
    await tabToButton(page, 'Record');
    response = await pressForPage(page);
    assert.equal(response.status(), 200);
    assert.equal(await noticeOf(page), 'The follow-up is recorded.');
    assert.ok(page.url().endsWith(`#act-${act}`));
    const row = page.locator(`#act-${act} table.promise-follow-ups tbody tr`);
    assert.equal(await row.count(), 1);
    const cells = (await row.locator('th, td').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
    assert.equal(cells[0], '2026-05-05');
    assert.equal(cells[1], 'on track');
    assert.equal(cells[2], '2');
    assert.ok(cells[3].startsWith(`${PUBLIC_TEXT} published`), `the public text, published (${cells[3]})`);
    assert.equal(cells[4], INTERNAL_NOTE, 'the staff see the internal note');

    // Publish to residents.
    await page.getByRole('button', { name: 'Publish to residents' }).focus();
    response = await pressForPage(page);
    assert.equal(response.status(), 200);
    assert.match(await page.locator('.promise-meta .promise-status').textContent(), /^published$/);
    const publicLink = page.getByRole('link', { name: 'The public page' });
    assert.equal(await publicLink.getAttribute('href'), `/promise/${promise.id}`);
    await look(page, 'published promise at 1280 px', 'promise-published-1280.png', failures);
    await onPhone(promise.path, 'published promise', 'promise-published-360.png');

    // The public page: the public text, never the internal note.
    await publicLink.focus();
    await pressAndWait(page, 'Enter');
    assert.ok(page.url().endsWith(`/promise/${promise.id}`));
    const publicHtml = await page.content();
    assert.ok(publicHtml.includes(PUBLIC_TEXT), 'the public page shows the follow-up\'s public text');
    assert.ok(!publicHtml.includes(INTERNAL_NOTE) && !publicHtml.includes('Lisa tog över'), 'and not its internal note');
    assert.ok(!publicHtml.includes(ANALYST), 'nor the name of who recorded it');
    for (const a of activities) {
      assert.ok(publicHtml.includes((a.en || a.sv).replace(/&/g, '&amp;')), `the activity "${a.en || a.sv}" is public`);
    }
    note('the public page shows the public text and not the internal note');

    // The done-and-behind view: "2 per half-year" over 2026 plans 4, 2 are done.
    await open(page, `${promise.path}/progress`);
    const progressRow = async (id) => (await page.locator(`tr:has(a[href$="#act-${id}"])`).locator('th, td').allTextContents())
      .map((t) => t.replace(/\s+/g, ' ').trim());
    let p = await progressRow(act);
    assert.deepEqual(p.slice(1), ['2 per half-year', '4', '2', 'on track']);
    assert.match(p[0], /behind$/, 'two of four done in the year is behind');
    assert.match(await page.locator('.promise-summary').textContent(), /activities are behind/);
    await look(page, 'progress view at 1280 px', 'promise-progress-1280.png', failures);
    // The period chosen from the keyboard: the year's second quarter plans 1.
    await page.focus('#progress-period');
    const periods = await page.locator('#progress-period option').evaluateAll((os) => os.map((o) => o.value));
    for (let i = 0; i < periods.indexOf('2026-Q2'); i++) await page.keyboard.press('ArrowDown');
    assert.equal(await page.inputValue('#progress-period'), '2026-Q2');
    await tabToButton(page, 'Show');
    response = await pressForPage(page);
    assert.equal(response.status(), 200);
    assert.ok(page.url().endsWith('/progress?period=2026-Q2'));
    p = await progressRow(act);
    assert.deepEqual(p, [activities[0].en, '2 per half-year', '1', '2', 'on track'], 'two done of one planned in Q2');
    await onPhone(`${promise.path}/progress`, 'progress view', 'promise-progress-360.png');

    // The list: the new promise beside the demo's.
    await open(page, '/workspace/promises');
    const listed = page.locator('table.promise-list tbody tr', { has: page.locator(`a[href="${promise.path}"]`) });
    assert.equal(await listed.count(), 1);
    const listCells = (await listed.locator('th, td').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
    assert.deepEqual(listCells.slice(0, 4), [TITLE_EN, KOMMUN, '2026', 'published']);
    assert.equal(await page.locator('table.promise-list a[href="/workspace/promises/1"]').count(), 1, 'the demo\'s promise is listed');
    await look(page, 'promise list at 1280 px', 'promise-list-1280.png', failures);
    await onPhone('/workspace/promises', 'promise list', 'promise-list-360.png');

    // The agreement to sign: its table with every activity, printed to A4
    // landscape (the page's own @page), pages as PNG to be looked at.
    await open(page, `${promise.path}/agreement?doc_lang=sv`);
    assert.equal(await page.locator('table.agreement-table tbody tr').count(), activities.length);
    assert.equal(await page.locator('.agreement-signature').count(), 2, 'a line per signatory');
    await look(page, 'agreement at 1280 px', 'promise-agreement-1280.png', failures);
    await onPhone(`${promise.path}/agreement?doc_lang=sv`, 'agreement', 'promise-agreement-360.png');
    const pdf = path.join(session.artifacts, 'promise-agreement.pdf');
    // Printed from a page of its own, as a user prints it (the checks above
    // leave their marks in the one they looked at).
    const paper = await desk.context.newPage();
    await open(paper, `${promise.path}/agreement?doc_lang=sv`);
    await paper.emulateMedia({ media: 'print' });
    assert.equal(await paper.locator('.agreement-tools').isVisible(), false, 'no tools on paper');
    assert.equal(await paper.locator('.ws-header').isVisible(), false, 'no header on paper');
    await paper.pdf({ path: pdf, preferCSSPageSize: true, printBackground: false });
    await paper.close();
    const info = spawnSync('/usr/bin/pdfinfo', [pdf], { encoding: 'utf8' });
    assert.equal(info.status, 0, `pdfinfo failed: ${info.stderr}`);
    assert.match(info.stdout, /Page size:\s+841\.\d+ x 59[45]\.\d+ pts \(A4\)/, 'A4 landscape');
    const pages = Number(/Pages:\s+(\d+)/.exec(info.stdout)[1]);
    assert.ok(pages >= 1 && pages <= 3, `three activities on 1 to 3 pages, not ${pages}`);
    const prefix = path.join(session.artifacts, 'promise-agreement-page');
    const made = spawnSync('/usr/bin/pdftoppm', ['-png', '-r', '50', pdf, prefix], { encoding: 'utf8' });
    assert.equal(made.status, 0, `pdftoppm failed: ${made.stderr}`);
    const pngs = readdirSync(session.artifacts).filter((f) => f.startsWith('promise-agreement-page'));
    assert.equal(pngs.length, pages);
    note(`the agreement printed on ${pages} A4 page(s): ${pngs.join(', ')} in ${session.artifacts}`);

    // The refused forms' pages (422) are the only resources that may fail to load.
    for (const w of [desk, phone]) failures.push(...w.problems.filter((x) => !/status of 422/.test(x)));
  } finally {
    await desk.context.close();
    await phone.context.close();
  }
  failIfAny(failures);
});
