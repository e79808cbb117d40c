/** Display links for meeting-room screens (admin only). */
import { queryOptions } from '@tanstack/react-query';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { api, unwrap } from './client.ts';

export type DisplayLinkRow = InferResponseType<
  (typeof api.api)['display-links']['$get'],
  200
>['links'][number];
export type NewDisplayLink = InferRequestType<(typeof api.api)['display-links']['$post']>['json'];
export type CreatedDisplayLink = InferResponseType<(typeof api.api)['display-links']['$post'], 201>;

export const displayLinkKeys = {
  all: ['display-links'] as const,
  list: () => [...displayLinkKeys.all, 'list'] as const,
};

export const displayLinkListOptions = () =>
  queryOptions({ queryKey: displayLinkKeys.list(), queryFn: () => unwrap(api.api['display-links'].$get()) });

export const createDisplayLink = (input: NewDisplayLink) =>
  unwrap(api.api['display-links'].$post({ json: input }));

export const revokeDisplayLink = (id: number) =>
  unwrap(api.api['display-links'][':id'].revoke.$post({ param: { id: String(id) } }));

export type SavedDeckInput = InferRequestType<
  (typeof api.api)['display-links'][':id']['$patch']
>['json']['deck'];

/** A new deck for a link; its token (and the screens' address) stays the same. */
export const updateDisplayLinkDeck = (id: number, deck: SavedDeckInput) =>
  unwrap(api.api['display-links'][':id'].$patch({ param: { id: String(id) }, json: { deck } }));
