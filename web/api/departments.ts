import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from './client.ts';

export const departmentKeys = {
  all: ['departments'] as const,
  list: () => [...departmentKeys.all, 'list'] as const,
};

export const departmentListOptions = () =>
  queryOptions({
    queryKey: departmentKeys.list(),
    queryFn: () => unwrap(api.api.departments.$get()),
  });
