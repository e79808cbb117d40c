/**
 * Signing in and out, the redirect to the login page, and the Admin view, in a real browser against
 * the real server with demo data. Screenshots of the login and admin pages at both sizes in both
 * languages go to screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  launchBrowser,
  login,
  openPage,
  type RunningServer,
  screenshot,
  startServer,
  VIEWPORTS,
} from './harness.ts';

const TEXT = {
  'zh-CN': {
    title: '登录',
    wrong: '用户名或密码不正确',
    logout: '退出登录',
    admin: '管理',
    users: '用户',
    links: '大屏链接',
    onlyAdmins: '只有管理员（督查室）可以打开此页面。',
  },
  en: {
    title: 'Sign in',
    wrong: 'Wrong user name or password',
    logout: 'Sign out',
    admin: 'Admin',
    users: 'Users',
    links: 'Display links',
    onlyAdmins: 'Only admins (the supervision office) can open this page.',
  },
} as const;

/** Console errors other than the browser's own note on a refused request (a wrong password, bad input). */
const realErrors = (errors: string[]) =>
  errors.filter(
    (e) =>
      !/Failed to load resource: the server responded with a status of (400|401)|net::ERR_FAILED/.test(e),
  );

async function sizes(page: Page, name: string) {
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    await screenshot(page, `${name}-${size}`);
  }
  await page.setViewportSize(VIEWPORTS.laptop);
}

describe('sign-in, sign-out and the admin view in a real browser', { timeout: 60_000 }, () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`sends a visitor to the login page, refuses a wrong password and signs in (${lang})`, async () => {
      const { page, errors } = await openPage(browser, `${server.url}/weekly`, lang);
      await page.waitForURL((url) => url.pathname === '/login');
      expect(new URL(page.url()).searchParams.get('next')).toBe('/weekly');
      expect(await page.locator('h1').textContent()).toBe(TEXT[lang].title);
      expect(await page.locator('button[type="submit"]').textContent()).toBe(TEXT[lang].title);
      await sizes(page, `login-${lang}`);

      await page.locator('input[name="username"]').fill('leader');
      await page.locator('input[name="password"]').fill('not the password');
      await page.locator('button[type="submit"]').click();
      await expect.poll(() => page.getByRole('alert').textContent()).toBe(TEXT[lang].wrong);
      expect(await page.locator('input[name="password"]').inputValue()).toBe('');
      await screenshot(page, `login-error-${lang}-laptop`);

      await login(page, 'leader');
      expect(new URL(page.url()).pathname).toBe('/weekly');
      const header = page.locator('.shell-header');
      await expect.poll(() => header.textContent()).toContain('县领导');
      expect(await header.textContent()).toContain(lang === 'en' ? 'Leader' : '领导');
      // A leader has no Admin view in the navigation.
      expect(await page.locator('.shell-nav a').allTextContents()).not.toContain(TEXT[lang].admin);
      expect(realErrors(errors)).toEqual([]);
      await page.context().close();
    });
  }

  it('signed in without a page to return to, each role lands on its main view', async () => {
    for (const [account, view] of [
      ['leader', '/weekly'],
      ['editor-d21', '/department/D21'],
      ['admin', '/departments'],
    ] as const) {
      const { page, errors } = await openPage(browser, `${server.url}/login`, 'zh-CN');
      await login(page, account);
      await page.waitForURL((url) => url.pathname !== '/login' && url.pathname !== '/');
      expect([account, new URL(page.url()).pathname]).toEqual([account, view]);
      expect(realErrors(errors)).toEqual([]);
      await page.context().close();
    }
  });

  it('signs out: the header button ends the session on the server and the app asks to sign in again', async () => {
    const { page, errors } = await openPage(browser, `${server.url}/departments`, 'en');
    await login(page, 'editor-d21');
    await page.getByTestId('departments-table').waitFor();
    const cookie = (await page.context().cookies()).find((c) => c.name === 'closeout_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    // A sign-out the server does not confirm keeps the user where they are, told so.
    await page.route('**/api/auth/logout', (route) => route.abort());
    await page.getByRole('button', { name: 'Sign out' }).click();
    expect(await page.getByRole('alert').textContent()).toBe(
      'Sign-out failed: you are still signed in. Try again.',
    );
    expect(new URL(page.url()).pathname).toBe('/departments');
    await page.unroute('**/api/auth/logout');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    expect(await page.getByRole('status').textContent()).toBe('You have signed out.');
    // The old cookie no longer opens anything.
    const res = await fetch(`${server.url}/api/departments`, {
      headers: { cookie: `closeout_session=${cookie.value}` },
    });
    expect(res.status).toBe(401);
    await page.goto(`${server.url}/departments`);
    await page.waitForURL((url) => url.pathname === '/login');
    expect(realErrors(errors), errors.join('\n')).toEqual([]);
    await page.context().close();
  });

  it('goes to the login page when the session ends while the app is open, and comes back after', async () => {
    const { page } = await openPage(browser, `${server.url}/departments`, 'zh-CN');
    const apiQuiet = trackApiRequests(page);
    await login(page, 'leader');
    await page.getByTestId('departments-table').waitFor();
    // Every request of the page answered first: one still on its way when the session ends would get
    // the 401 on /departments (and rightly come back there), before the click below.
    await apiQuiet();
    // The session ends on the server (signed out in another tab): the next API call gets 401.
    const session = (await page.context().cookies()).find((c) => c.name === 'closeout_session')!;
    const csrf = (await page.context().cookies()).find((c) => c.name === 'closeout_csrf')!;
    const out = await fetch(`${server.url}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie: `closeout_session=${session.value}`, 'x-csrf-token': csrf.value },
    });
    expect(out.status).toBe(204);
    await page.locator('.shell-nav a[href^="/weekly"]').click();
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/weekly');
    expect(await page.getByRole('status').textContent()).toBe('登录已过期或已退出，请重新登录。');
    await login(page, 'leader');
    expect(new URL(page.url()).pathname).toBe('/weekly');
    await page.context().close();
  });

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`shows admins their users and display links, makes a link shown once and changes its deck in place (${lang})`, async () => {
      const { page, errors } = await openPage(browser, `${server.url}/admin`, lang);
      await login(page, 'admin');
      expect(new URL(page.url()).pathname).toBe('/admin');
      await page.getByTestId('users-table').waitFor();
      expect(await page.locator('h2').allTextContents()).toEqual(
        expect.arrayContaining([TEXT[lang].users, TEXT[lang].links]),
      );
      const editor = page.locator('[data-testid="users-table"] tr[data-username="editor-d21"]');
      expect(await editor.textContent()).toContain(lang === 'en' ? 'Education Bureau' : '县教育局');
      expect(await page.locator('[data-testid="users-table"] tbody tr').count()).toBe(42);
      await page.getByTestId('display-links-table').waitFor();
      expect(
        await page.locator('[data-testid="display-links-table"] tbody tr').count(),
      ).toBeGreaterThanOrEqual(1);
      await sizes(page, `admin-${lang}`);

      const name = lang === 'en' ? 'Hall screen' : '第一会议室';
      const form = page.locator('form[aria-labelledby="add-link-title"]');
      await form.locator('input[name="linkName"]').fill(name);
      // The deck: the trend moved up to first, the department pass left out, 20 s a slide.
      for (let i = 0; i < 2; i++) await form.locator('li[data-slide="trend"] button').first().click();
      await form.locator('li[data-slide="departments"] input[type="checkbox"]').uncheck();
      await form.locator('input[name="interval"]').fill('20');
      await form.locator('button[type="submit"]').click();
      const link = page.getByTestId('new-link');
      await link.waitFor();
      const url = new URL(await link.inputValue());
      expect(url.origin).toBe(server.url);
      expect(url.pathname).toBe('/big-screen');
      const token = url.hash.replace('#display=', '');
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      await expect.poll(() => page.locator(`tr[data-link="${name}"]`).count()).toBe(1);
      const row = page.locator(`tr[data-link="${name}"]`);
      expect(await row.locator('.deck-summary').textContent()).toContain(
        lang === 'en' ? 'Trend by week → Headline figures → Ranking' : '周走势 → 主要指标 → 部门排名',
      );
      await screenshot(page, `admin-new-link-${lang}-laptop`);

      // The token reads the big-screen identity and nothing else.
      const bearer = { authorization: `Bearer ${token}` };
      const me = await fetch(`${server.url}/api/auth/me`, { headers: bearer });
      expect(await me.json()).toMatchObject({
        kind: 'display',
        display: {
          name,
          deck: { slides: ['trend', 'headline', 'ranking', 'red-list', 'domains'], interval: 20 },
        },
      });

      // The deck is changed in place: the same token reads the new one.
      await row.getByRole('button', { name: lang === 'en' ? 'Edit deck' : '修改设置' }).click();
      const dialog = page.getByTestId('deck-dialog');
      expect(await dialog.locator('input[name="interval"]').inputValue()).toBe('20');
      await dialog.locator('select[name="campaign"]').selectOption('C-EFFICIENCY');
      await dialog.locator('select[name="lang"]').selectOption('en');
      await dialog.locator('input[name="interval"]').fill('0.01');
      await dialog.locator('button[type="submit"]').click();
      expect(await dialog.getByRole('alert').textContent()).toBe(
        lang === 'en'
          ? 'Seconds per slide must be a number from 0.05 to 3600.'
          : '每页停留秒数须为 0.05 至 3600 之间的数。',
      );
      await dialog.locator('input[name="interval"]').fill('30');
      await dialog.locator('button[type="submit"]').click();
      await dialog.waitFor({ state: 'detached' });
      const changed = await fetch(`${server.url}/api/auth/me`, { headers: bearer });
      expect(((await changed.json()) as { display: { deck: unknown } }).display.deck).toEqual({
        slides: ['trend', 'headline', 'ranking', 'red-list', 'domains'],
        interval: 30,
        campaign: 'C-EFFICIENCY',
        lang: 'en',
      });
      const users = await fetch(`${server.url}/api/users`, { headers: { authorization: `Bearer ${token}` } });
      expect(users.status).toBe(403);

      page.once('dialog', (dialog) => dialog.accept());
      await row.locator('button.is-danger').click();
      await expect.poll(() => page.locator(`tr[data-link="${name}"] button`).count()).toBe(0);
      const revoked = await fetch(`${server.url}/api/auth/me`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(revoked.status).toBe(401);
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }

  it('lets an admin add an editor who can then sign in, and tells a leader the admin view is not theirs', async () => {
    const { page, errors } = await openPage(browser, `${server.url}/admin`, 'en');
    await login(page, 'admin');
    await page.getByTestId('users-table').waitFor();
    const form = page.locator('form[aria-labelledby="add-user-title"]');
    await form.locator('input[name="username"]').fill('edu-deputy');
    await form.locator('input[name="displayName"]').fill('Deputy liaison');
    await form.getByLabel('Role').selectOption('editor');
    await form.getByLabel('Department').selectOption({ label: 'D21 Education Bureau' });
    await form.locator('input[name="password"]').fill('short');
    await form.locator('button[type="submit"]').click();
    // Said with the form's own label, and the field marked, not the API's parameter name.
    await expect
      .poll(() => form.getByRole('alert').textContent())
      .toContain('Password (at least 10 characters): must be at least 10 characters');
    expect(await form.getByRole('alert').textContent()).not.toContain('Invalid parameter');
    expect(await form.locator('input[name="password"]').getAttribute('aria-invalid')).toBe('true');
    await form.locator('input[name="password"]').fill('deputy liaison secret');
    await form.locator('button[type="submit"]').click();
    await expect
      .poll(() => page.locator('[role="status"]:not(:empty)').textContent())
      .toBe('User edu-deputy created.');
    expect(await page.locator('tr[data-username="edu-deputy"]').textContent()).toContain(
      'D21 Education Bureau',
    );
    expect(realErrors(errors)).toEqual([]);
    await page.context().close();

    const leader = await openPage(browser, `${server.url}/admin`, 'en');
    await login(leader.page, 'leader');
    expect(await leader.page.getByRole('alert').textContent()).toBe(TEXT.en.onlyAdmins);
    await leader.page.context().close();

    const signIn = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'edu-deputy', password: 'deputy liaison secret' }),
    });
    expect(signIn.status).toBe(200);
  });
  it('changes one’s own password on the account page; the old one stops working (zh-CN)', async () => {
    const { page, errors } = await openPage(browser, `${server.url}/account`, 'zh-CN');
    await login(page, 'editor-d21');
    expect(new URL(page.url()).pathname).toBe('/account');
    expect(await page.locator('h1').textContent()).toBe('我的账号');
    expect(await page.locator('.account-facts').textContent()).toContain('县教育局');
    await sizes(page, 'account-zh-CN');
    await page.locator('input[name="currentPassword"]').fill(DEMO_PASSWORD);
    await page.locator('input[name="newPassword"]').fill('a new liaison secret');
    await page.locator('input[name="confirmPassword"]').fill('a different one');
    await page.locator('form button[type="submit"]').click();
    expect(await page.getByRole('alert').textContent()).toBe('两次输入的新密码不一致。');
    await page.locator('input[name="confirmPassword"]').fill('a new liaison secret');
    await page.locator('form button[type="submit"]').click();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toBe('密码已修改，您在其他设备上的登录已全部退出。');
    // Still signed in here, with the new session.
    await page.locator('.shell-nav a[href^="/departments"]').click();
    await page.getByTestId('departments-table').waitFor();
    const signIn = (password: string) =>
      fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'editor-d21', password }),
      });
    expect((await signIn(DEMO_PASSWORD)).status).toBe(401);
    expect((await signIn('a new liaison secret')).status).toBe(200);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

/**
 * Counts the page's API requests on their way; the function it answers resolves once none has been
 * for 500 ms. (Playwright's "networkidle" is a state of the page's load, reached once: it does not
 * wait for the requests of a page that is already loaded.)
 */
function trackApiRequests(page: Page): () => Promise<void> {
  let pending = 0;
  let changed = Date.now();
  const isApi = (url: string) => new URL(url).pathname.startsWith('/api/');
  page.on('request', (r) => {
    if (!isApi(r.url())) return;
    pending++;
    changed = Date.now();
  });
  const settled = (r: { url(): string }) => {
    if (!isApi(r.url())) return;
    pending--;
    changed = Date.now();
  };
  page.on('requestfinished', settled);
  page.on('requestfailed', settled);
  return async () => {
    const deadline = Date.now() + 60_000;
    while (pending > 0 || Date.now() - changed < 500) {
      if (Date.now() > deadline) throw new Error(`${pending} API requests still on their way after 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
}
