// Browser tests of the staff's workspace in Debian's Chromium: logging in
// and out with the keyboard alone, axe-core on the login page, the start
// page and the admin's pages, no sideways scrolling at 360 px, no content
// security policy violation, and screenshots at 1280 and 360 px.
// Self-contained: makes a temporary database with an admin and a viewer,
// starts `lyssna serve`, and removes both at the end.
//
//   LYSSNA_BINARY     the lyssna binary (default ../../build-test/lyssna)
//   LYSSNA_ARTIFACTS  where screenshots go (default a new temporary directory)
//
// Run: node workspace.test.mjs   (after `npm ci` in this directory)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSession, failIfAny, focused, note, pressAndWait, tabTo, PASSWORD } from './browser_session.mjs';

const session = browserSession({
  prefix: 'lyssna-workspace-',
  prepare(s) {
    s.addUser('Anna Andersson', 'admin');
    s.addUser('Vera Viewer', 'viewer');
    s.addUser('<script>alert(1)</script>', 'analyst');
  },
});

for (const size of ['desktop', 'phone']) {
  test(`${size}: keyboard-only login and logout, with axe-core on every page`, async () => {
    const failures = [];
    const { context, page, problems } = await session.newWindow(size, { bypassCSP: true });
    try {
      const response = await page.goto(`${session.baseUrl}/workspace`);
      assert.equal(new URL(page.url()).pathname, '/workspace/login', 'a visitor is sent to the login page');
      assert.equal(response.status(), 200);
      assert.equal(await page.locator('html').getAttribute('lang'), 'en', 'English for an English browser');
      await session.checkAxe(page, `${size} login page`, failures);
      await session.checkNoHorizontalScroll(page, `${size} login page`, failures);
      await session.screenshot(page, `workspace-${size}-login.png`);

      // The skip link comes first and takes the focus to the content.
      await page.keyboard.press('Tab');
      let f = await focused(page);
      assert.equal(f.tag, 'A', 'the first Tab reaches the skip link');
      assert.equal(f.text, 'Skip to the content');

      await tabTo(page, (e) => e.id === 'login-name', 'the name field');
      await page.keyboard.type('Anna Andersson');
      await page.keyboard.press('Tab');
      assert.equal((await focused(page)).id, 'login-password', 'Tab goes from the name to the password');
      await page.keyboard.type('a wrong password');
      await pressAndWait(page, 'Enter');
      assert.equal(await page.locator('.ws-problems').count(), 1, 'a wrong password shows the problem box');
      assert.equal(await page.locator('#login-name').inputValue(), 'Anna Andersson', 'the name typed stays');
      assert.equal(await page.locator('#login-password').inputValue(), '', 'the password is not sent back');
      await session.checkAxe(page, `${size} login page with a problem`, failures);
      note(`${size}: a wrong password is answered on the page, the name kept, the password not`);

      await page.locator('#login-password').focus();
      await page.keyboard.type(PASSWORD);
      await tabTo(page, (e) => e.tag === 'BUTTON' && e.text === 'Log in', 'the Log in button', 3);
      await pressAndWait(page, 'Enter');
      assert.equal(new URL(page.url()).pathname, '/workspace', 'logged in, on the start page');
      assert.match(await page.locator('h2#you').textContent(), /Signed in as Anna Andersson/);
      await session.checkAxe(page, `${size} start page`, failures);
      await session.checkNoHorizontalScroll(page, `${size} start page`, failures);
      await session.screenshot(page, `workspace-${size}-start.png`);
      note(`${size}: logged in with the keyboard alone`);

      for (const [name, href] of [['users', '/workspace/admin/users'], ['audit', '/workspace/admin/audit']]) {
        await page.goto(`${session.baseUrl}${href}`);
        await session.checkAxe(page, `${size} ${name} page`, failures);
        await session.checkNoHorizontalScroll(page, `${size} ${name} page`, failures);
        await session.screenshot(page, `workspace-${size}-${name}.png`);
      }
      assert.equal(await page.evaluate(() => window.__xss), undefined, 'no stored script ran');
      await page.goto(`${session.baseUrl}/workspace`);

      // Logging out: Tab to the button in the header, Enter.
      await tabTo(page, (e) => e.tag === 'BUTTON' && e.text === 'Log out', 'the Log out button');
      await pressAndWait(page, 'Enter');
      assert.equal(new URL(page.url()).pathname, '/workspace/login', 'logged out, on the login page');
      assert.match(await page.locator('.ws-notice').textContent(), /You have logged out/);
      await page.goto(`${session.baseUrl}/workspace`);
      assert.equal(new URL(page.url()).pathname, '/workspace/login', 'the session is gone');
      note(`${size}: logged out with the keyboard alone; the session has ended`);
      // The refused login (401) is a resource the browser reports as failed.
      assert.deepEqual(problems.filter((p) => !/status of 401/.test(p)), [], 'no script errors in the pages');
      failIfAny(failures);
    } finally {
      await context.close();
    }
  });
}

test('the pages keep to their own content security policy, in Swedish', async () => {
  const { context, page, problems } = await session.newWindow('desktop', { locale: 'sv-SE' });
  try {
    await page.goto(`${session.baseUrl}/workspace/login`);
    assert.equal(await page.locator('html').getAttribute('lang'), 'sv', 'Swedish for a Swedish browser');
    await page.fill('#login-name', 'Vera Viewer');
    await page.fill('#login-password', PASSWORD);
    await Promise.all([page.waitForURL(`${session.baseUrl}/workspace`), page.click('button[type="submit"]')]);
    assert.match(await page.locator('h2#you').textContent(), /Inloggad som Vera Viewer/);
    const style = await page.evaluate(() => getComputedStyle(document.querySelector('.ws-header')).backgroundColor);
    assert.notEqual(style, 'rgba(0, 0, 0, 0)', 'the stylesheet applies under the policy');
    const admin = await page.goto(`${session.baseUrl}/workspace/admin/users`);
    assert.equal(admin.status(), 403, 'a viewer gets no user list');
    await session.screenshot(page, 'workspace-desktop-forbidden-sv.png');
    // The refused page itself is the one resource that may fail to load.
    const others = problems.filter((p) => !/status of 403/.test(p));
    assert.deepEqual(others, [], 'no policy violation or script error');
    note('stylesheet served under the policy, no violations reported; a viewer is refused the admin page');
  } finally {
    await context.close();
  }
});
