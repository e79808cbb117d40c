/**
 * The display link's token, from the URL fragment the admin page hands out
 * (`/big-screen#display=TOKEN`, server/routes/display-links.ts): browsers never send a fragment to
 * servers, so the token stays out of access logs and Referer headers.
 */
export function displayTokenFrom(hash: string): string | undefined {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('display')?.trim();
  return token ? token : undefined;
}
