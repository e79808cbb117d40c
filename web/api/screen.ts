/**
 * The big screen's data (GET /api/screen): one query, refreshed on a timer. A meeting-room screen
 * authenticates with its display link's token (Authorization: Bearer); a signed-in user's screen uses
 * the session cookie like every other view.
 */
import { queryOptions } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from './client.ts';

export type ScreenData = InferResponseType<typeof api.api.screen.$get, 200>;
export type ScreenRankingRow = ScreenData['ranking'][number];

export interface ScreenParams {
  campaign?: string | undefined;
  /** The display link's token, when the screen was opened by one. */
  token?: string | undefined;
}

/** A refresh that has not answered in this time counts as failed (the screen shows its stale marker). */
export const SCREEN_REQUEST_TIMEOUT_MS = 20_000;

export const screenKeys = {
  all: ['screen'] as const,
  deck: (p: ScreenParams) => [...screenKeys.all, { campaign: p.campaign, token: p.token }] as const,
};

export async function fetchScreen(
  { campaign, token }: ScreenParams,
  signal?: AbortSignal,
): Promise<ScreenData> {
  const timeout = AbortSignal.timeout(SCREEN_REQUEST_TIMEOUT_MS);
  // The client adds the language header; a display link adds its token.
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  return unwrap(
    api.api.screen.$get(
      { query: campaign ? { campaign } : {} },
      { headers, init: { signal: signal ? AbortSignal.any([signal, timeout]) : timeout } },
    ),
  );
}

export const screenOptions = (params: ScreenParams) =>
  queryOptions({
    queryKey: screenKeys.deck(params),
    queryFn: ({ signal }) => fetchScreen(params, signal),
  });
