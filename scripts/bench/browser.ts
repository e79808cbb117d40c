/** The weekly review in headless Chromium: time from navigation until every headline figure and the ranking are on screen. */
import { chromium } from 'playwright-core';
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
      const started = performance.now();
      await page.goto(`${server.url}/weekly`);
      await page.locator('[data-testid="ranking-table"] tbody tr').first().waitFor({ timeout: 120_000 });
      await page.waitForFunction(
        () => {
          const values = [...document.querySelectorAll('[data-testid="value"]')];
          return values.length >= 6 && values.every((v) => (v.textContent ?? '').trim() !== '');
        },
        undefined,
        { timeout: 120_000 },
      );
      times.push(performance.now() - started);
      await page.close();
    }
    return times;
  } finally {
    await browser.close();
    await server.stop();
  }
}
