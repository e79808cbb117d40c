/**
 * Characters text people write never holds: control characters but line breaks and tabs (NUL apart:
 * every field refuses it by name, server/validation.ts), and the bidirectional overrides and isolates,
 * which turn the text after them around where a list shows it (and the search index ends each field
 * with a control character, migration 004). The API refuses them in what people
 * type (server/routes/items.ts); an import drops them from the cells it reads (server/import/values.ts),
 * so a sheet cannot bring in what a form may not.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is its purpose
const UNPRINTABLE = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Whether the text holds one of them. */
export const hasUnprintable = (text: string) => text.search(UNPRINTABLE) >= 0;

/** The text without them. */
export const withoutUnprintable = (text: string) => text.replace(UNPRINTABLE, '');
