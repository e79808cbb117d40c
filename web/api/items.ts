/**
 * The ledger's items: the table, one item with its history, and the workflow's writes. Every write
 * sends the version the user saw; the server answers 409 when the item moved on meanwhile.
 */
import { queryOptions } from '@tanstack/react-query';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { api, unwrap } from './client.ts';
import { scopeQuery } from './figures.ts';

const items = api.api.items;
const one = items[':id'];

export type ItemListQuery = NonNullable<InferRequestType<typeof items.$get>['query']>;
export type ItemList = InferResponseType<typeof items.$get, 200>;
export type ItemListRow = ItemList['items'][number];
export type ItemDetail = InferResponseType<typeof one.$get, 200>;
export type NewItem = InferRequestType<typeof items.$post>['json'];
export type ItemEdit = InferRequestType<typeof one.$patch>['json'];
export type Transition = InferRequestType<(typeof one)['transitions']['$post']>['json'];
export type Extension = InferRequestType<(typeof one)['extensions']['$post']>['json'];

export const itemKeys = {
  all: ['items'] as const,
  lists: () => [...itemKeys.all, 'list'] as const,
  list: (q: ItemListQuery) => [...itemKeys.lists(), scopeQuery(q)] as const,
  detail: (id: number) => [...itemKeys.all, 'detail', id] as const,
};

export const itemListOptions = (q: ItemListQuery) =>
  queryOptions({
    queryKey: itemKeys.list(q),
    queryFn: () => unwrap(items.$get({ query: scopeQuery(q) })),
  });

export const itemOptions = (id: number) =>
  queryOptions({
    queryKey: itemKeys.detail(id),
    queryFn: () => unwrap(one.$get({ param: { id: String(id) } })),
    // An item page shows the latest state: a stale version only earns the user a 409.
    staleTime: 0,
    placeholderData: undefined,
  });

const param = (id: number) => ({ id: String(id) });

export const createItem = (input: NewItem) => unwrap(items.$post({ json: input }));
export const editItem = (id: number, input: ItemEdit) =>
  unwrap(one.$patch({ param: param(id), json: input }));
export const transitionItem = (id: number, input: Transition) =>
  unwrap(one.transitions.$post({ param: param(id), json: input }));
export const extendItem = (id: number, input: Extension) =>
  unwrap(one.extensions.$post({ param: param(id), json: input }));
export const urgeItem = (id: number, note: string) =>
  unwrap(one.urgings.$post({ param: param(id), json: { note } }));
export type OverdueUrging = InferRequestType<(typeof items)['urgings']['$post']>['json'];
/** 批量催办: every overdue item the filters list, if they are still `count` (else a 409). */
export const urgeOverdueItems = (input: OverdueUrging) => unwrap(items.urgings.$post({ json: input }));
/** 佐证材料: the file is the request's body. */
export const addItemFile = (id: number, file: File) =>
  unwrap(one.files.$post({ param: param(id), query: { name: file.name } }, { init: { body: file } }));
export const removeItemFile = (id: number, file: number, reason: string) =>
  unwrap(one.files[':file'].remove.$post({ param: { ...param(id), file: String(file) }, json: { reason } }));
/** A file's download (a plain link: the session cookie goes with it). */
export const itemFileUrl = (id: number, file: number) => `/api/items/${id}/files/${file}`;
export const recordFirstResponse = (id: number, note: string) =>
  unwrap(one.response.$post({ param: param(id), json: note ? { note } : {} }));
export const voidItem = (id: number, input: { version: number; reason: string }) =>
  unwrap(one.void.$post({ param: param(id), json: input }));
export const addMilestone = (id: number, input: { title: string; dueOn: string }) =>
  unwrap(one.milestones.$post({ param: param(id), json: input }));
export const reportProgress = (id: number, note: string) =>
  unwrap(one.progress.$post({ param: param(id), json: { note } }));
export const completeMilestone = (id: number, milestone: number) =>
  unwrap(
    one.milestones[':milestone'].done.$post({
      param: { ...param(id), milestone: String(milestone) },
      json: {},
    }),
  );

const requests = one['extension-requests'];
export const requestExtension = (id: number, input: { deadline: string; reason: string }) =>
  unwrap(requests.$post({ param: param(id), json: input }));
/** The office's decision on a department's request: approved (to the date asked for, or another) or declined. */
export const decideExtension = (
  id: number,
  request: number,
  decision: { approve: true; deadline?: string; note?: string } | { approve: false; note: string },
) => {
  const params = { ...param(id), request: String(request) };
  return decision.approve
    ? unwrap(
        requests[':request'].approve.$post({
          param: params,
          json: {
            ...(decision.deadline ? { deadline: decision.deadline } : {}),
            ...(decision.note ? { note: decision.note } : {}),
          },
        }),
      )
    : unwrap(requests[':request'].decline.$post({ param: params, json: { note: decision.note } }));
};

/** The department withdraws its own waiting request (撤回). */
export const withdrawExtension = (id: number, request: number) =>
  unwrap(requests[':request'].withdraw.$post({ param: { ...param(id), request: String(request) } }));

/** 延期申请 awaiting the office's decision, as the signed-in user may see them (the office: all). */
export const waitingRequestsOptions = () =>
  queryOptions({
    queryKey: [...itemKeys.all, 'extension-requests'] as const,
    queryFn: () => unwrap(api.api['extension-requests'].$get({ query: {} })),
  });
