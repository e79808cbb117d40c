/**
 * The public progress page's data (接受群众监督): readable by anyone, signed in or not, for the
 * campaigns the office has opened to the public; any other campaign is a 404, as if it did not exist.
 * Answered as the figures are (at the current moment; cached until the data changes or the minute
 * turns), so many readers cost little.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { listCampaigns } from '../../db/queries/lookups.ts';
import type { AppEnv } from '../context.ts';
import { notFound } from '../errors.ts';
import { figuresAnswer, respondJson } from '../figures/json-answer.ts';
import type { PublicData } from '../public/public-data.ts';
import { validate } from '../validation.ts';

const publicCampaigns = (c: { var: AppEnv['Variables'] }) =>
  listCampaigns(c.var.deps.db).filter((x) => x.publicPage);

export const publicProgress = new Hono<AppEnv>()
  .get('/', (c) =>
    c.json(
      { campaigns: publicCampaigns(c).map(({ code, nameZh, nameEn }) => ({ code, nameZh, nameEn })) },
      200,
    ),
  )
  .get('/:campaign', validate('param', z.object({ campaign: z.string().min(1).max(64) })), async (c) => {
    const { deps } = c.var;
    const code = c.req.valid('param').campaign;
    if (!publicCampaigns(c).some((x) => x.code === code))
      throw notFound({ zh: '公开的专项活动', en: 'public campaign' }, code, 'campaign');
    // As the figures: at the current moment, so a change made this minute shows at once.
    const data = await figuresAnswer(deps, 'public', { campaign: code });
    // The same for everyone, for a minute at most: a proxy may answer a crowd of readers with it.
    c.header('cache-control', 'public, max-age=60');
    return (await respondJson(c, data)) as unknown as ReturnType<typeof c.json<PublicData, 200>>;
  });
