/**
 * Aliases as an admin types them: one per line, or separated by 、 ， , ; ；. Blank parts are
 * dropped and repeats kept once (the first spelling), so pasting a list from a spreadsheet works.
 */
export function parseAliases(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of text.split(/[\n\r、，,;；]+/)) {
    const alias = part.trim();
    if (!alias || seen.has(alias)) continue;
    seen.add(alias);
    out.push(alias);
  }
  return out;
}
