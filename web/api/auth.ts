/** Sign-in, sign-out, who am I, and changing one's own password. */
import { queryOptions } from '@tanstack/react-query';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { ApiRequestError, api, unwrap } from './client.ts';
import { maybeSignedIn } from './session-cookie.ts';

export type Me = InferResponseType<typeof api.api.auth.me.$get, 200>;
export type SignedInUser = Extract<Me, { kind: 'user' }>['user'];
export type LoginInput = InferRequestType<typeof api.api.auth.login.$post>['json'];
export type PasswordChange = InferRequestType<typeof api.api.auth.password.$post>['json'];

export const authKeys = {
  all: ['auth'] as const,
  me: () => [...authKeys.all, 'me'] as const,
};

/** Who is signed in. A 401 is an answer here (nobody), so it is not retried. */
export const meOptions = () =>
  queryOptions({
    queryKey: authKeys.me(),
    queryFn: () =>
      maybeSignedIn()
        ? unwrap<Me>(api.api.auth.me.$get())
        : Promise.reject(new ApiRequestError(401, 'unauthenticated', 'not signed in')),
    retry: false,
    staleTime: 5 * 60_000,
  });

export const login = (input: LoginInput) => unwrap(api.api.auth.login.$post({ json: input }));

export async function logout(): Promise<void> {
  const res = await api.api.auth.logout.$post();
  // 204 has no body; anything else carries the server's error, which unwrap throws.
  if (res.status !== 204) await unwrap(Promise.resolve(res));
}

export const changePassword = (input: PasswordChange) => unwrap(api.api.auth.password.$post({ json: input }));

/** A 401: nobody is signed in (or the session ended). */
export const isUnauthenticated = (error: unknown) => error instanceof ApiRequestError && error.status === 401;
