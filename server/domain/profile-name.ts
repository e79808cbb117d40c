/** The name of the scoring profile a new database starts with: an identifier, shown in words. */
export const DEFAULT_PROFILE_NAME = 'default';

/** A scoring profile's name as people read it: the default one is 默认方案 / "Default". */
export function profileName(name: string, lang: 'zh-CN' | 'en'): string {
  if (name !== DEFAULT_PROFILE_NAME) return name;
  return lang === 'en' ? 'Default' : '默认方案';
}
