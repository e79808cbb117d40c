/** The refusals of a file an import cannot read, shared by the CSV and xlsx readers. */
import { ApiError, type Text } from '../errors.ts';
import type { ImportLimits } from './read.ts';

export const fileError = (
  code: string,
  status: 400 | 413 | 422,
  text: Text,
  details?: Record<string, unknown>,
) => new ApiError(status, code, text, details);

export const mib = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MiB`;

export const tooManyRows = (limits: ImportLimits) =>
  fileError(
    'import_too_many_rows',
    413,
    {
      zh: `文件超过 ${limits.maxRows} 行；请拆分后分批导入`,
      en: `The file has more than ${limits.maxRows} rows; split it and import the parts`,
    },
    { limit: limits.maxRows },
  );
