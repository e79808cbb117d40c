/** The refusals of the access layer, each with its status, code and message in both languages. */
import { ApiError, type Text } from '../errors.ts';
import type { AnonymousReason, Role } from './principal.ts';

export const ROLE_NAMES: Record<Role, Text> = {
  admin: { zh: '管理员', en: 'admin' },
  leader: { zh: '领导', en: 'leader' },
  editor: { zh: '部门联络员', en: 'department editor' },
  display: { zh: '大屏链接', en: 'display link' },
};

const UNAUTHENTICATED: Record<AnonymousReason, { code: string; text: Text }> = {
  none: { code: 'unauthenticated', text: { zh: '请先登录', en: 'Please sign in first' } },
  session_expired: {
    code: 'session_expired',
    text: { zh: '登录已过期或已退出，请重新登录', en: 'Your session has ended; please sign in again' },
  },
  display_link_invalid: {
    code: 'display_link_invalid',
    text: { zh: '大屏链接无效或已被撤销', en: 'This display link is not valid or has been revoked' },
  },
};

/** 401: no credential, or one that is no longer valid. */
export const unauthenticated = (reason: AnonymousReason) =>
  new ApiError(401, UNAUTHENTICATED[reason].code, UNAUTHENTICATED[reason].text);

/** 403: signed in, but the role may not do this. */
export const forbiddenRole = (allowed: readonly Role[]) =>
  new ApiError(
    403,
    'forbidden',
    {
      zh: `无权操作：需要以下角色之一：${allowed.map((r) => ROLE_NAMES[r].zh).join('、')}`,
      en: `Not allowed: this needs one of these roles: ${allowed.map((r) => ROLE_NAMES[r].en).join(', ')}`,
    },
    { allowedRoles: allowed },
  );

/** 403: a display link asked for something other than the big-screen data. */
export const displayNotAllowed = () =>
  new ApiError(403, 'forbidden', {
    zh: '无权操作：大屏链接只能读取大屏数据',
    en: 'Not allowed: a display link can read the big-screen data only',
  });

/** 403: a state-changing request failed the CSRF checks (see docs/security.md). */
export const csrfRejected = (reason: 'origin' | 'token') =>
  new ApiError(
    403,
    'csrf_rejected',
    {
      zh: '请求被拒绝：它不是从本系统的页面发出的（CSRF 防护）。请刷新页面后重试。',
      en: "Request refused: it did not come from this app's pages (CSRF protection). Reload the page and try again.",
    },
    { reason },
  );

export const invalidCredentials = () =>
  new ApiError(401, 'invalid_credentials', { zh: '用户名或密码不正确', en: 'Wrong user name or password' });

/** 429: too many failed sign-ins for this user name or from this client. */
export const tooManyAttempts = (retryAfterSeconds: number) => {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return new ApiError(
    429,
    'too_many_attempts',
    {
      zh: `登录失败次数过多，请 ${minutes} 分钟后再试`,
      en: `Too many failed sign-ins; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
    },
    { retryAfterSeconds },
  );
};

export const payloadTooLarge = (maxBytes: number) =>
  new ApiError(
    413,
    'payload_too_large',
    {
      zh: `请求内容太大（上限 ${Math.floor(maxBytes / 1024)} KB）`,
      en: `The request body is too large (limit ${Math.floor(maxBytes / 1024)} KB)`,
    },
    { maxBytes },
  );
