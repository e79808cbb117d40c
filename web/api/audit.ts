/** The audit log (admin only): changes outside the item history, newest first, a page at a time. */
import { infiniteQueryOptions } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from './client.ts';

type AuditPage = InferResponseType<typeof api.api.audit.$get, 200>;
export type AuditEntry = AuditPage['entries'][number];
export type AuditEntity = AuditPage['entities'][number];

export const auditKeys = {
  all: ['audit'] as const,
  list: (entity: string | undefined) => [...auditKeys.all, entity ?? 'all'] as const,
};

export const auditLogOptions = (entity: AuditEntity | undefined) =>
  infiniteQueryOptions({
    queryKey: auditKeys.list(entity),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.api.audit.$get({
          query: { ...(entity ? { entity } : {}), ...(pageParam ? { before: String(pageParam) } : {}) },
        }),
      ),
    initialPageParam: null as number | null,
    getNextPageParam: (page) => page.next,
    staleTime: 0,
  });
