import { queryOptions } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from './client.ts';
import { itemKeys } from './items.ts';

export const departmentKeys = {
  all: ['departments'] as const,
  list: () => [...departmentKeys.all, 'list'] as const,
};

export const departmentListOptions = () =>
  queryOptions({
    queryKey: departmentKeys.list(),
    queryFn: () => unwrap(api.api.departments.$get()),
  });

/** What the office did lately to a department's items; kept with the items, so an item's write refreshes it. */
export const officeActionsOptions = (code: string) =>
  queryOptions({
    queryKey: [...itemKeys.all, 'office-actions', code] as const,
    queryFn: () =>
      unwrap(api.api.departments[':code']['office-actions'].$get({ param: { code }, query: {} })),
  });

export type OfficeAction = InferResponseType<
  (typeof api.api.departments)[':code']['office-actions']['$get'],
  200
>['actions'][number];
