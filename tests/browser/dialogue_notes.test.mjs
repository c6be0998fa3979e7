// Browser test of a dialogue session's notes and summary in Debian's
// Chromium: a facilitator signs in and takes five notes from the keyboard
// alone (the text focused on load, Enter saves, the form empty and focused
// again), accepting a theme suggestion with Alt+1 on one note and by Tab
// and Enter on another; the accepted themes are stored as her manual codes
// (the audit log) and every note once (the export). The notes page passes
// axe-core without sideways scrolling at 1280 and 360 px; without
// JavaScript a saved note offers its suggestions as buttons. The summary
// prints to exactly one A4 page (page.pdf, then pdfinfo; pdftoppm makes the
// PNG), in Swedish and in Arabic. Screenshots notes-suggestions.png, notes-desktop.png,
// notes-phone.png, summary-screen.png, summary-print-sv.png,
// summary-print-ar.png and summary-phone-ar.png go to LYSSNA_ARTIFACTS.
//
//   LYSSNA_BINARY     the lyssna binary (default ../../build-test/lyssna)
//   LYSSNA_ARTIFACTS  where screenshots go (default a new temporary directory)
//
// Run: node dialogue_notes.test.mjs   (after `npm ci` in this directory)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import { browserSession, failIfAny, focused, note, pressAndWait, PASSWORD } from './browser_session.mjs';

let sessionId = '';
let arabicId = '';

const session = browserSession({
  prefix: 'lyssna-notes-',
  prepare(s) {
    s.lyssna(['survey', 'new', 'trygghet-2026', '--areas', 'handen,jordbro']);
    s.addUser('Fia Facilitator', 'facilitator');
    const common = ['session', 'new', '--survey', 'trygghet-2026', '--date', '2026-03-12',
      '--facilitator', 'Fia Facilitator', '--area', 'jordbro', '--owner', 'Fia Facilitator'];
    sessionId = s.lyssna([...common, '--place', 'Jordbro bibliotek', '--languages', 'sv,en']).trim();
    arabicId = s.lyssna([...common, '--place', 'Jordbro skola', '--languages', 'ar,sv']).trim();
  },
});

const NOTES = [
  // [text, how a suggestion is accepted: null, 'alt' or 'tab']
  ['Det är alldeles för mycket fortkörning på Jordbrovägen på kvällarna', 'alt'],
  ['Ungdomar saknar en fritidsgård, de har ingenstans att vara', null],
  ['Gångtunneln vid stationen är helt mörk, ingen belysning alls', 'tab'],
  ['Vi vill se mer polis i centrum på helgerna', null],
  ['Inbrott i förråden två gånger i vinter', null],
];

function newWindow(size, options = {}) {
  return session.newWindow(size, { bypassCSP: true, timeout: 20000, ...options });
}

// Signs in with the keyboard: the name, Tab, the password, Enter.
async function keyboardLogin(page) {
  await page.goto(`${session.baseUrl}/workspace/login?lang=en`);
  await page.focus('#login-name');
  await page.keyboard.type('Fia Facilitator');
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await pressAndWait(page, 'Enter');
  assert.equal(new URL(page.url()).pathname, '/workspace');
}

async function suggestionLabels(page) {
  return page.$$eval('#note-suggest-list button', (bs) => bs.map((b) => ({
    text: b.textContent.trim(), pressed: b.getAttribute('aria-pressed'), theme: b.dataset.theme,
  })));
}

test('five notes from the keyboard alone, a suggestion accepted with Alt+1 and with Tab and Enter', async () => {
  const failures = [];
  const { context, page, problems } = await newWindow('desktop');
  await keyboardLogin(page);
  const notesUrl = `${session.baseUrl}/workspace/dialogues/${sessionId}/notes`;
  await page.goto(notesUrl);
  const accepted = [];
  for (const [text, accept] of NOTES) {
    // The text has the focus as the page opens, and is empty. Chromium
    // applies autofocus at a rendering step that may come after the load
    // event on a busy machine: wait for it a while, then look.
    await page.waitForFunction(() => document.activeElement?.id === 'note-text', null, { timeout: 5000 })
      .catch(() => {});
    const f = await focused(page);
    assert.equal(f.id, 'note-text', `the note's text is focused on load (focus: ${JSON.stringify(f)})`);
    assert.equal(await page.inputValue('#note-text'), '');
    await page.keyboard.type(text, { delay: 5 });
    if (accept) {
      await page.waitForFunction(() => document.querySelectorAll('#note-suggest-list button').length > 0,
        null, { timeout: 5000 });
      const before = await suggestionLabels(page);
      note(`suggestions for "${text}": ${before.map((b) => b.text).join(', ')}`);
      if (accept === 'alt') {
        await page.keyboard.press('Alt+1');
      } else {
        await page.keyboard.press('Tab');
        const on = await focused(page);
        assert.equal(on.tag, 'BUTTON', 'Tab from the text goes to the first suggestion');
        // The focused suggestion shows where the focus is.
        const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
        if (outline === 'none') failures.push('a focused suggestion shows no focus outline');
        await page.keyboard.press('Enter');
      }
      const after = await suggestionLabels(page);
      assert.equal(after[0].pressed, 'true', `the first suggestion is accepted (${accept})`);
      const live = await page.textContent('#note-live');
      assert.match(live, /^Accepted: /, 'the acceptance is announced');
      accepted.push(after[0].theme);
      if (accept === 'alt') await session.screenshot(page, 'notes-suggestions.png');
      const hidden = await page.$$eval('#note-accepted input[name="theme"]', (is) => is.map((i) => i.value));
      assert.deepEqual(hidden, [after[0].theme]);
      if (accept === 'tab') {
        await page.keyboard.press('Shift+Tab');
        assert.equal((await focused(page)).id, 'note-text', 'Shift+Tab goes back to the text');
      }
    }
    // Shift+Enter is a new line, not a save.
    if (text.startsWith('Vi vill')) {
      await page.keyboard.press('Shift+Enter');
      await page.keyboard.type('och fler vuxna ute');
      assert.match(await page.inputValue('#note-text'), /\noch fler vuxna ute$/);
    }
    await pressAndWait(page, 'Enter');
    assert.equal(new URL(page.url()).pathname, `/workspace/dialogues/${sessionId}/notes`);
  }
  note('five notes saved with Enter, the text focused and empty after each');
  const items = await page.$$eval('.ws-note .ws-note-text', (ps) => ps.map((p) => p.textContent));
  assert.equal(items.length, 5);
  assert.ok(items[0].startsWith('Inbrott'), 'the newest note is first');
  assert.equal(await page.locator('.ws-note-theme.accepted').count(), 2, 'two notes carry an accepted theme');
  await session.look(page, 'notes page at 1280 px', 'notes-desktop.png', failures);

  // What was stored: five records of the session, the two accepted themes as her codes.
  const exported = session.lyssna(['export', '--survey', 'trygghet-2026']).trim().split('\n')
    .map((l) => JSON.parse(l)).filter((r) => r.session === sessionId);
  assert.equal(exported.length, 5);
  assert.ok(exported.every((r) => r.channel === 'dialogue' && r.lang === 'sv'));
  const audit = JSON.parse(session.lyssna(['audit', 'list', '--limit', '100', '--format', 'json'])).entries
    .filter((e) => e.action === 'response_recoded');
  assert.equal(audit.length, 2);
  assert.ok(audit.every((e) => e.actor === 'Fia Facilitator'));
  assert.deepEqual(audit.map((e) => e.detail.slice(1)).sort(), accepted.slice().sort());
  note(`stored: 5 notes, accepted themes ${accepted.join(', ')} as Fia's manual codes`);
  failIfAny([...failures, ...problems]);
  await context.close();
});

test('the notes page at 360 px, and without JavaScript', async () => {
  const failures = [];
  {
    const { context, page, problems } = await newWindow('phone');
    await keyboardLogin(page);
    await page.goto(`${session.baseUrl}/workspace/dialogues/${sessionId}/notes`);
    await page.keyboard.type('Mörkt och otäckt vid busshållplatsen');
    await page.waitForFunction(() => document.querySelectorAll('#note-suggest-list button').length > 0);
    await session.look(page, 'notes page at 360 px', 'notes-phone.png', failures);
    failIfAny(problems);
    await context.close();
  }
  const { context, page, problems } = await newWindow('desktop', { javaScript: false });
  await keyboardLogin(page);
  await page.goto(`${session.baseUrl}/workspace/dialogues/${sessionId}/notes`);
  assert.equal(await page.isHidden('#note-suggest'), true, 'no suggestion box without JavaScript');
  await page.fill('#note-text', 'Mopeder kör fort på gångvägen');
  await page.focus('#note-save');
  await pressAndWait(page, 'Enter');
  const button = page.locator('.ws-note').first().locator('button', { hasText: 'Traffic' });
  assert.equal(await button.count(), 1, 'the saved note offers its suggestion as a button');
  await button.focus();
  await pressAndWait(page, 'Enter');
  assert.equal(await page.locator('.ws-note').first().locator('.ws-note-theme.accepted').count(), 1);
  note('without JavaScript: saved with the button, the suggestion accepted by its button');
  failIfAny([...failures, ...problems]);
  await context.close();
});

// Prints the summary to PDF and checks it is one A4 page; the PNG of it goes to the artifacts.
async function printSummary(page, id, name) {
  await page.goto(`${session.baseUrl}/workspace/dialogues/${id}/summary`);
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
  const file = path.join(session.artifacts, `${name}.pdf`);
  await writeFile(file, pdf);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)[1]);
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info);
  assert.equal(pages, 1, `${name}: the summary prints on one page (pdfinfo: ${pages} pages)`);
  assert.ok(Math.abs(Number(size[1]) - 595.28) < 2 && Math.abs(Number(size[2]) - 841.89) < 2,
    `${name}: the page is A4 (${size[1]} x ${size[2]} pts)`);
  execFileSync('pdftoppm', ['-png', '-r', '70', '-singlefile', file, path.join(session.artifacts, name)]);
  note(`${name}: one A4 page; ${path.join(session.artifacts, `${name}.png`)}`);
}

test('the summary prints on one A4 page, in Swedish and in Arabic', async () => {
  const failures = [];
  const { context, page, problems } = await newWindow('desktop');
  await keyboardLogin(page);
  // Many long notes in Arabic too, so that cutting to one page is tested.
  await page.goto(`${session.baseUrl}/workspace/dialogues/${arabicId}/notes`);
  for (let i = 0; i < 12; i++) {
    await page.keyboard.type(`الشارع مظلم جدا في الليل ولا توجد إنارة قرب المدرسة والمحطة، ونحن نخاف من المشي هناك بعد الساعة الثامنة مساء ${i}`);
    await pressAndWait(page, 'Enter');
  }
  await page.goto(`${session.baseUrl}/workspace/dialogues/${sessionId}/summary`);
  assert.equal(await page.getAttribute('html', 'lang'), 'sv');
  await page.waitForSelector('#summary-print:not([hidden])');
  await session.look(page, 'summary on screen', 'summary-screen.png', failures);
  await printSummary(page, sessionId, 'summary-print-sv');
  await printSummary(page, arabicId, 'summary-print-ar');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  failIfAny([...failures, ...problems]);
  await context.close();
  // On a phone, in Arabic: one column, nothing wider than the screen.
  const phone = await newWindow('phone');
  await keyboardLogin(phone.page);
  await phone.page.goto(`${session.baseUrl}/workspace/dialogues/${arabicId}/summary`);
  await session.look(phone.page, 'summary at 360 px in Arabic', 'summary-phone-ar.png', failures);
  failIfAny([...failures, ...phone.problems]);
  await phone.context.close();
});
