/**
 * The supervision office's reference data (admin): departments with their import aliases, peer groups, campaigns
 * and domains, external appraisals, scoring profiles (preview, then a new version) and published
 * rankings. Lists are readable by every signed-in user; every write is the admin's.
 */
import { queryOptions } from '@tanstack/react-query';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { api, unwrap } from './client.ts';
import { departmentKeys } from './departments.ts';

const departments = api.api.departments;
const campaigns = api.api.campaigns;
const profiles = api.api.profiles;
const peerGroups = api.api['peer-groups'];

export type DepartmentRecord = InferResponseType<(typeof departments)[':code']['$get'], 200>['department'];
export type NewDepartment = InferRequestType<typeof departments.$post>['json'];
export type DepartmentChanges = InferRequestType<(typeof departments)[':code']['$put']>['json'];
export type NewPeerGroup = InferRequestType<typeof peerGroups.$post>['json'];
export type PeerGroupNames = InferRequestType<(typeof peerGroups)[':code']['$put']>['json'];
export type CampaignRow = InferResponseType<typeof campaigns.$get, 200>['campaigns'][number];
export type NewCampaign = InferRequestType<typeof campaigns.$post>['json'];
export type CampaignChanges = InferRequestType<(typeof campaigns)[':code']['$put']>['json'];
export type NewDomain = InferRequestType<(typeof campaigns)[':code']['domains']['$post']>['json'];
export type AppraisalRow = InferResponseType<typeof api.api.appraisals.$get, 200>['appraisals'][number];
export type AppraisalInput = InferRequestType<typeof api.api.appraisals.$post>['json']['rows'][number];
export type ProfileRow = InferResponseType<typeof profiles.$get, 200>['profiles'][number];
export type ProfileConfig = ProfileRow['config'];
export type ProfilePreview = InferResponseType<typeof profiles.preview.$post, 200>;
export type PublishedRanking = InferResponseType<
  typeof api.api.rankings.published.$get,
  200
>['published'][number];

export const adminDataKeys = {
  department: (code: string) => [...departmentKeys.all, 'detail', code] as const,
  campaigns: () => ['campaigns'] as const,
  appraisals: () => ['appraisals'] as const,
  profiles: () => ['profiles'] as const,
  published: () => ['rankings', 'published'] as const,
};

export const departmentOptions = (code: string) =>
  queryOptions({
    queryKey: adminDataKeys.department(code),
    queryFn: () => unwrap(departments[':code'].$get({ param: { code } })),
    staleTime: 0,
  });
export const createDepartment = (input: NewDepartment) => unwrap(departments.$post({ json: input }));
export const updateDepartment = (code: string, input: DepartmentChanges) =>
  unwrap(departments[':code'].$put({ param: { code }, json: input }));

export const createPeerGroup = (input: NewPeerGroup) => unwrap(peerGroups.$post({ json: input }));
export const renamePeerGroup = (code: string, input: PeerGroupNames) =>
  unwrap(peerGroups[':code'].$put({ param: { code }, json: input }));

export const campaignListOptions = () =>
  queryOptions({ queryKey: adminDataKeys.campaigns(), queryFn: () => unwrap(campaigns.$get()) });
export const createCampaign = (input: NewCampaign) => unwrap(campaigns.$post({ json: input }));
export const updateCampaign = (code: string, input: CampaignChanges) =>
  unwrap(campaigns[':code'].$put({ param: { code }, json: input }));
export const createDomain = (campaign: string, input: NewDomain) =>
  unwrap(campaigns[':code'].domains.$post({ param: { code: campaign }, json: input }));

export const appraisalListOptions = () =>
  queryOptions({
    queryKey: adminDataKeys.appraisals(),
    queryFn: () => unwrap(api.api.appraisals.$get({ query: {} })),
  });
export const importAppraisals = (rows: AppraisalInput[]) =>
  unwrap(api.api.appraisals.$post({ json: { rows } }));

export const profileListOptions = () =>
  queryOptions({ queryKey: adminDataKeys.profiles(), queryFn: () => unwrap(profiles.$get()) });
export const previewProfile = (config: ProfileConfig, campaign?: string) =>
  unwrap(profiles.preview.$post({ json: { config, ...(campaign ? { campaign } : {}) } }));
export const saveProfile = (input: { name: string; config: ProfileConfig; note: string | null }) =>
  unwrap(profiles.$post({ json: input }));

export const publishedRankingsOptions = () =>
  queryOptions({
    queryKey: adminDataKeys.published(),
    queryFn: () => unwrap(api.api.rankings.published.$get({ query: {} })),
  });

export type PublishInput = InferRequestType<typeof api.api.rankings.published.$post>['json'];
/** Freezes the ranking of a period (replace: publish a period and scope again). */
export const publishRanking = (input: PublishInput) =>
  unwrap(api.api.rankings.published.$post({ json: input }));

/** One published ranking with its frozen result, exactly as published. */
export const publishedRankingOptions = (id: number) =>
  queryOptions({
    queryKey: [...adminDataKeys.published(), id] as const,
    queryFn: () => unwrap(api.api.rankings.published[':id'].$get({ param: { id: String(id) } })),
  });
