/** 单位信息: the organisation's names and area word, read by anyone, kept by the office. */
import { queryOptions } from '@tanstack/react-query';
import type { InferRequestType } from 'hono/client';
import { api, unwrap } from './client.ts';

const organisation = api.api.organisation;

export type OrganisationInput = InferRequestType<typeof organisation.$put>['json'];

export const organisationOptions = () =>
  queryOptions({
    queryKey: ['organisation'] as const,
    queryFn: () => unwrap(organisation.$get()),
    staleTime: 5 * 60_000,
    // A big screen left on for weeks follows a rename.
    refetchInterval: 30 * 60_000,
  });

export const saveOrganisation = (input: OrganisationInput) => unwrap(organisation.$put({ json: input }));
