/** The public progress page's data (接受群众监督): read without signing in. */
import { queryOptions } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from './client.ts';

const open = api.api.public;

export type PublicProgress = InferResponseType<(typeof open)[':campaign']['$get'], 200>;

/** The campaigns the office has opened to the public. */
export const publicCampaignsOptions = () =>
  queryOptions({ queryKey: ['public', 'campaigns'] as const, queryFn: () => unwrap(open.$get()) });

export const publicProgressOptions = (campaign: string) =>
  queryOptions({
    queryKey: ['public', 'progress', campaign] as const,
    queryFn: () => unwrap(open[':campaign'].$get({ param: { campaign } })),
    // A page left open on a wall or a phone follows the ledger.
    refetchInterval: 5 * 60_000,
    // A campaign not opened (or no longer) is a 404: said at once, not after three more tries.
    retry: (failures, error) => (error as { status?: number }).status !== 404 && failures < 3,
  });
