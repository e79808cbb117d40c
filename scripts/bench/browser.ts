/** The weekly review in headless Chromium: time from navigation until every headline figure and the ranking are on screen. */
import { chromium } from 'playwright-core';

/**
 * Runs in the page from its first moment: at each frame, checks whether the ranking's first row and
 * every headline figure are there, and once they are, notes the time just after that frame is painted
 * (a message posted from the frame's callback runs after its rendering), in ms since navigation began.
 * Noting it in the page leaves out Playwright's own polling, which backs off to half a second.
 */
const MARK_WHEN_ON_SCREEN = `(() => {
  const onScreen = () => {
    const values = [...document.querySelectorAll('[data-testid="value"]')];
    return document.querySelector('[data-testid="ranking-table"] tbody tr') !== null &&
      values.length >= 6 && values.every((v) => (v.textContent ?? '').trim() !== '');
  };
  const frame = () => {
    if (!onScreen()) return requestAnimationFrame(frame);
    const painted = new MessageChannel();
    painted.port1.onmessage = () => { window.__figuresOnScreen = performance.now(); };
    painted.port2.postMessage(null);
  };
  requestAnimationFrame(frame);
})()`;

import { login, startServer } from './http.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function measureWeeklyReview(dbPath: string, runs: number): Promise<number[]> {
  const server = await startServer(dbPath);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const leader = await login(server.url, 'leader');
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
    await context.addCookies(
      leader.cookie.split('; ').map((pair) => {
        const [name, value] = pair.split('=') as [string, string];
        return { name, value, url: server.url };
      }),
    );
    const times: number[] = [];
    for (let k = 0; k < runs; k++) {
      const page = await context.newPage();
      await page.addInitScript(MARK_WHEN_ON_SCREEN);
      await page.goto(`${server.url}/weekly`);
      const onScreen = await page.waitForFunction(
        () => (window as { __figuresOnScreen?: number }).__figuresOnScreen,
        undefined,
        {
          timeout: 120_000,
        },
      );
      times.push((await onScreen.jsonValue()) as number);
      await page.close();
    }
    return times;
  } finally {
    await browser.close();
    await server.stop();
  }
}
