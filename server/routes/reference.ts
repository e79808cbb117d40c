import { Hono } from 'hono';
import { listCampaigns, listDomains, listPeerGroups } from '../../db/queries/lookups.ts';
import { getActiveProfile } from '../../db/queries/profiles.ts';
import type { AppEnv } from '../context.ts';
import { SOURCES } from '../domain/lifecycle.ts';

/**
 * Campaigns, domains, peer groups and sources: the choices of every filter; and the warning days of the
 * active profile, which the yellow light's filter is named by ("7天内到期").
 */
export const reference = new Hono<AppEnv>().get('/', (c) => {
  const { db } = c.var.deps;
  return c.json(
    {
      campaigns: listCampaigns(db),
      domains: listDomains(db),
      peerGroups: listPeerGroups(db),
      sources: SOURCES,
      warningDays: getActiveProfile(db).config.warningDays,
    },
    200,
  );
});
