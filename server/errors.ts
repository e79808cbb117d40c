import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type Lang = 'zh-CN' | 'en';

export interface Text {
  zh: string;
  en: string;
}

/** Every failure the API reports: one shape, `{ error: { code, message, details } }`, with an explicit status. */
/** A text in the reader's language. */
export const inLang = (lang: Lang, text: Text): string => (lang === 'en' ? text.en : text.zh);

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    readonly text: Text,
    readonly details?: Record<string, unknown>,
  ) {
    super(text.en);
  }
}

/** How an invalid parameter's message begins; the web app shows the field's label there instead. */
export const invalidParameterLead = (field: string): Text => ({
  zh: `参数 ${field} 无效：`,
  en: `Invalid parameter ${field}: `,
});

export const invalidParameter = (field: string, reason: Text) => {
  const lead = invalidParameterLead(field);
  return new ApiError(
    400,
    'invalid_parameter',
    { zh: `${lead.zh}${reason.zh}`, en: `${lead.en}${reason.en}` },
    { field },
  );
};

export const notFound = (what: Text, key: string, field?: string) =>
  new ApiError(
    404,
    'not_found',
    { zh: `找不到${what.zh}：${key}`, en: `No ${what.en} "${key}"` },
    field ? { field } : {},
  );

/** A request for an address the API has no route for. */
export const noSuchAddress = () =>
  new ApiError(404, 'not_found', { zh: '没有这个地址', en: 'No such address' });

/** The language of a request: the client's explicit choice (`lang` query or header), else Accept-Language. */
export function requestLang(c: Context): Lang {
  // A plain link (an export) carries the browser's Accept-Language, not the app's: the app adds ?lang=.
  const explicit =
    c.req.header('x-closeout-lang') ?? c.req.query('lang') ?? c.req.header('accept-language') ?? '';
  return /^\s*en/i.test(explicit) ? 'en' : 'zh-CN';
}

export function errorBody(error: ApiError, lang: Lang) {
  return {
    error: {
      code: error.code,
      message: lang === 'en' ? error.text.en : error.text.zh,
      details: error.details ?? {},
    },
  };
}
