import type { ExportFormat } from '../api/exports.ts';

const FORMATS: ExportFormat[] = ['xlsx', 'csv'];

/**
 * The downloads of what a view shows, as Excel and CSV (DESIGN §6): a plain link each (the session
 * cookie goes with it), never printed.
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
  return (
    <span className="export-links no-print">
      {FORMATS.map((format) => (
        <a
          key={format}
          className="secondary-button"
          href={href(format)}
          download
          data-testid={testId(format)}
        >
          {label(format)}
        </a>
      ))}
    </span>
  );
}
