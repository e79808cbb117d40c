import { Hono } from 'hono';
import { listCampaigns, listDomains, listPeerGroups } from '../../db/queries/lookups.ts';
import type { AppEnv } from '../context.ts';
import { SOURCES } from '../domain/lifecycle.ts';

/** Campaigns, domains, peer groups and sources: the choices of every filter. */
export const reference = new Hono<AppEnv>().get('/', (c) => {
  const { db } = c.var.deps;
  return c.json(
    {
      campaigns: listCampaigns(db),
      domains: listDomains(db),
      peerGroups: listPeerGroups(db),
      sources: SOURCES,
    },
    200,
  );
});
