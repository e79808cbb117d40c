import { rankingExportUrl } from '../api/exports.ts';
import { type FigureScope, scopeQuery } from '../api/figures.ts';
import { useLang } from '../i18n/use-lang.ts';
import { useT } from '../i18n/use-t.ts';
import { ExportLinks } from './export-links.tsx';

/** Downloads of the ranking shown (same scope and moment) as Excel and CSV (DESIGN §6). */
export function RankingExportLinks({ scope }: { scope: FigureScope }) {
  const t = useT();
  const lang = useLang();
  // A ranking ranks every department of its scope; the export refuses a department.
  const { department: _one, ...rankScope } = scopeQuery(scope);
  return (
    <ExportLinks
      href={(format) => rankingExportUrl(format, rankScope, lang)}
      label={(format) => t(format === 'xlsx' ? 'ranking.exportXlsx' : 'ranking.exportCsv')}
      testId={(format) => `ranking-export-${format}`}
    />
  );
}
