import { Hono } from 'hono';
import { z } from 'zod';
import { recordAudit } from '../../db/queries/accounts-audit.ts';
import {
  findPublishedRanking,
  getPublishedRanking,
  listPublishedRankings,
  savePublishedRanking,
} from '../../db/queries/published-rankings.ts';
import { actorOf, requireRole } from '../auth/index.ts';
import type { AppEnv } from '../context.ts';
import { BULLETIN_OVERDUE_MAX } from '../domain/bulletin.ts';
import { asOfMoment, isoWeekLabel, lastDayCounted } from '../domain/time.ts';
import { ApiError, invalidParameter, notFound } from '../errors.ts';
import { figuresReport } from '../figures/json-answer.ts';
import { nowMoment } from '../now.ts';
import { asOfSchema, ownReason, scopeShape, validate } from '../validation.ts';

const { department: _department, ...rankingScope } = scopeShape;

const publishBody = z.strictObject({
  /** The ISO week published, as the publish form names it ('2026-W47'); it must hold asOf's last day. */
  period: z
    .string()
    .trim()
    .regex(
      /^\d{4}-W\d{2}$/,
      ownReason({ zh: '须为ISO周，如2026-W47', en: 'must be an ISO week such as 2026-W47' }),
    ),
  asOf: asOfSchema,
  ...rankingScope,
  /** Publishing a period and scope again replaces the earlier ranking (recorded in the audit log). */
  replace: z.boolean().default(false),
});

/**
 * Publishing freezes a period's ranking with the profile version it used (DESIGN.md §4), and the rest of
 * its bulletin: the summary line and the overdue list.
 */
export const rankings = new Hono<AppEnv>()
  .get('/published', validate('query', z.strictObject({})), (c) =>
    c.json({ published: listPublishedRankings(c.var.deps.db) }, 200),
  )
  .get('/published/:id', validate('param', z.object({ id: z.coerce.number().int().positive() })), (c) => {
    const { id } = c.req.valid('param');
    const published = getPublishedRanking(c.var.deps.db, id);
    if (!published) throw notFound({ zh: '已发布排名', en: 'published ranking' }, String(id), 'id');
    return c.json(published, 200);
  })
  .post('/published', requireRole('admin'), validate('json', publishBody), async (c) => {
    const { period, asOf, replace, ...filters } = c.req.valid('json');
    const deps = c.var.deps;
    // A ranking is published for a week that has happened, under the name of that week.
    const t0 = asOfMoment(asOf)!;
    if (t0 > nowMoment(deps))
      throw invalidParameter('asOf', { zh: '不能晚于当前时间', en: 'must not be later than now' });
    const week = isoWeekLabel(lastDayCounted(t0));
    if (period !== week)
      throw invalidParameter('period', {
        zh: `须为统计时点所在的周（${week}）`,
        en: `must be the week holding asOf (${week})`,
      });
    const scope = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as Record<
      string,
      string
    >;
    // The ranking API's own answer at asOf with the active profile: cached, and computed off the main thread.
    const result = await figuresReport(deps, 'ranking', { ...scope, asOf });
    // And the rest of the week's bulletin (通报), so it is reprinted as it was issued.
    const bulletin = {
      summary: await figuresReport(deps, 'summary', { ...scope, asOf }),
      overdue: await figuresReport(deps, 'items', {
        ...scope,
        asOf,
        figure: 'overdue',
        part: 'numerator',
        page: 1,
        pageSize: BULLETIN_OVERDUE_MAX,
      }),
    };
    const t = result.asOf;
    const profile = result.profile;
    const at = deps.clock.now().toISOString();
    const id = deps.db
      .transaction(() => {
        const earlier = findPublishedRanking(deps.db, period, scope);
        if (earlier && !replace) {
          throw new ApiError(
            409,
            'already_published',
            {
              zh: `${period}的排名已经发布过；如需替换，请选择重新发布并替换原排名`,
              en: `The ranking for ${period} is already published; to replace it, choose to publish it again, replacing it`,
            },
            { field: 'period', id: earlier.id },
          );
        }
        const saved = savePublishedRanking(deps.db, {
          period,
          asOf: t,
          scope,
          profileId: profile.id,
          result,
          bulletin,
          publishedAt: at,
          publishedBy: c.var.user.id,
        });
        recordAudit(deps.db, {
          at,
          actor: actorOf(c.var.user),
          action: earlier ? 'ranking.republish' : 'ranking.publish',
          entity: 'published_ranking',
          entityId: saved,
          // The replaced ranking whole: what was published and quoted stays on record.
          before: earlier
            ? {
                asOf: earlier.asOf,
                profileId: earlier.profileId,
                publishedAt: earlier.publishedAt,
                result: earlier.result,
                bulletin: earlier.bulletin,
              }
            : undefined,
          after: { period, asOf: t, scope, profileId: profile.id },
        });
        return saved;
      })
      .immediate();
    return c.json(getPublishedRanking(deps.db, id)!, 201);
  });
