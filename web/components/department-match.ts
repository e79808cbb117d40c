/**
 * Whether a department answers what someone typed to find it: every word of the query (spaces apart)
 * in its code, its Chinese name or its English name, case aside. An empty query matches all. A
 * province's 400 departments are "青山县教育局", "Education Bureau, County 1": "教育" or "education 1"
 * finds them.
 */
export function matchesDepartment(
  department: { code: string; nameZh: string; nameEn: string },
  query: string,
): boolean {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const text = `${department.code} ${department.nameZh} ${department.nameEn}`.toLocaleLowerCase();
  return words.every((w) => text.includes(w));
}
