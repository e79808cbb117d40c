import { rankingExportUrl } from '../api/exports.ts';
import { type FigureScope, scopeQuery } from '../api/figures.ts';
import { useLang } from '../i18n/use-lang.ts';
import { useT } from '../i18n/use-t.ts';
import { ExportLinks } from './export-links.tsx';

/**
 * Downloads of the ranking shown (same scope and moment) as Excel and CSV (DESIGN §6); of the published
 * ranking when the page quotes one (`published`: its id), so the file holds what the page shows.
 */
export function RankingExportLinks({ scope, published }: { scope: FigureScope; published?: number }) {
  const t = useT();
  const lang = useLang();
  // A ranking ranks every department of its scope; the export refuses a department.
  const { department: _one, ...rankScope } = scopeQuery(scope);
  const params = published === undefined ? rankScope : { published: String(published) };
  return (
    <ExportLinks
      href={(format) => rankingExportUrl(format, params, lang)}
      label={(format) => t(format === 'xlsx' ? 'ranking.exportXlsx' : 'ranking.exportCsv')}
      testId={(format) => `ranking-export-${format}`}
    />
  );
}
