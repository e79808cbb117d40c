/**
 * The organisation's name in a language (单位信息): its Chinese name where it has no English one; null
 * while the office has not named it.
 */
export function organisationName(o: { nameZh: string; nameEn: string }, lang: 'zh-CN' | 'en'): string | null {
  return (lang === 'en' && o.nameEn) || o.nameZh || null;
}
