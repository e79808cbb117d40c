/**
 * Whether texts answer what someone typed to find them: every word of the query (spaces apart) in one
 * of them, case aside. An empty query matches all.
 */
export function matchesWords(texts: readonly string[], query: string): boolean {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const text = texts.join(' ').toLocaleLowerCase();
  return words.every((w) => text.includes(w));
}

/**
 * Whether a department answers what someone typed: its code, Chinese name or English name. A
 * province's 400 departments are "青山县教育局", "Education Bureau, County 1": "教育" or
 * "education 1" finds them.
 */
export function matchesDepartment(
  department: { code: string; nameZh: string; nameEn: string },
  query: string,
): boolean {
  return matchesWords([department.code, department.nameZh, department.nameEn], query);
}
