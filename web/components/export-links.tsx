import type { ExportFormat } from '../api/exports.ts';
import { useT } from '../i18n/use-t.ts';

const FORMATS: ExportFormat[] = ['xlsx', 'csv'];

/**
 * The downloads of what a view shows, as Excel and CSV (DESIGN §6): a plain link each (the session
 * cookie goes with it), never printed. The CSV's says what Excel does to codes like 001 in one.
 */
export function ExportLinks({
  href,
  label,
  testId,
}: {
  href: (format: ExportFormat) => string;
  label: (format: ExportFormat) => string;
  testId: (format: ExportFormat) => string;
}) {
  const t = useT();
  return (
    <span className="export-links no-print">
      {FORMATS.map((format) => (
        <a
          key={format}
          className="secondary-button"
          href={href(format)}
          download
          title={format === 'csv' ? t('export.csvHint') : undefined}
          data-testid={testId(format)}
        >
          {label(format)}
        </a>
      ))}
    </span>
  );
}
