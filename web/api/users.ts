/** User accounts (admin only). */
import { queryOptions } from '@tanstack/react-query';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { api, unwrap } from './client.ts';

export type UserRow = InferResponseType<typeof api.api.users.$get, 200>['users'][number];
export type NewUser = InferRequestType<typeof api.api.users.$post>['json'];
export type UserChanges = InferRequestType<(typeof api.api.users)[':id']['$patch']>['json'];

export const userKeys = {
  all: ['users'] as const,
  list: () => [...userKeys.all, 'list'] as const,
};

export const userListOptions = () =>
  queryOptions({ queryKey: userKeys.list(), queryFn: () => unwrap(api.api.users.$get()) });

export const createUser = (input: NewUser) => unwrap(api.api.users.$post({ json: input }));

export const updateUser = (id: number, changes: UserChanges) =>
  unwrap(api.api.users[':id'].$patch({ param: { id: String(id) }, json: changes }));

export const resetPassword = (id: number, password: string) =>
  unwrap(api.api.users[':id'].password.$post({ param: { id: String(id) }, json: { password } }));
