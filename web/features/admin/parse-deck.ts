/** The optional deck settings an admin types for a display link: empty, or a JSON object; null when invalid. */
export function parseDeck(text: string): { deck: Record<string, unknown> | null } | null {
  if (!text.trim()) return { deck: null };
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? { deck: value as Record<string, unknown> }
      : null;
  } catch {
    return null;
  }
}
