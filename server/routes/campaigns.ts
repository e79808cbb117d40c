import { Hono } from 'hono';
import { z } from 'zod';
import type { Db } from '../../db/open.ts';
import { recordAudit } from '../../db/queries/accounts-audit.ts';
import { insertCampaign, insertDomain, updateCampaign } from '../../db/queries/campaigns.ts';
import { loadImportLookups } from '../../db/queries/import.ts';
import { findByCode, listCampaigns, listDomains } from '../../db/queries/lookups.ts';
import { actorOf, requireRole } from '../auth/index.ts';
import type { AppEnv } from '../context.ts';
import { ApiError, invalidParameter, notFound } from '../errors.ts';
import { refuseNameClash } from '../import/name-clash.ts';
import { daySchema, englishOrChinese, nameText, newCodeSchema, validate } from '../validation.ts';

const KINDS = ['special_rectification', 'inspection_feedback', 'efficiency_year', 'other'] as const;
const code = newCodeSchema;
const fields = {
  nameZh: nameText(100).min(1),
  nameEn: nameText(200).default(''),
  kind: z.enum(KINDS),
  startsOn: daySchema,
  endsOn: daySchema.nullable().default(null),
  /** Its aggregated progress on the public page (接受群众监督). */
  publicPage: z.boolean().default(false),
};
const codeParam = z.object({ code: z.string().min(1).max(64) });
const CAMPAIGN = { zh: '活动', en: 'campaign' };
const DOMAIN = { zh: '领域', en: 'domain' };

function checkPeriod(b: { startsOn: string; endsOn: string | null }) {
  if (b.endsOn !== null && b.endsOn < b.startsOn)
    throw invalidParameter('endsOn', { zh: '不能早于开始日期', en: 'must not be before startsOn' });
}

/** The import matches campaigns, and a campaign's domains, by code or name: no two may answer to one name. */
function checkNames(
  db: Db,
  body: { nameZh: string; nameEn: string },
  selfId: number | null,
  campaignId?: number,
) {
  const lookups = loadImportLookups(db);
  const names = [
    { field: 'nameZh', name: body.nameZh },
    { field: 'nameEn', name: body.nameEn },
  ];
  if (campaignId === undefined) refuseNameClash(names, lookups.campaigns, selfId, CAMPAIGN);
  else
    refuseNameClash(
      names,
      lookups.domains.filter((d) => d.campaignId === campaignId),
      selfId,
      DOMAIN,
    );
}

const duplicate = (what: string, value: string, field: string) =>
  new ApiError(
    409,
    'duplicate',
    { zh: `${what} ${value} 已存在`, en: `${field} ${value} already exists` },
    { field },
  );

/** Campaigns and their domains: listed for everyone, kept by the supervision office. */
export const campaigns = new Hono<AppEnv>()
  .get('/', (c) => {
    const { db } = c.var.deps;
    const domains = listDomains(db);
    return c.json(
      {
        campaigns: listCampaigns(db).map((x) => ({
          ...x,
          domains: domains.filter((d) => d.campaignCode === x.code),
        })),
      },
      200,
    );
  })
  .post(
    '/',
    requireRole('admin'),
    validate('json', z.strictObject({ code, ...fields }).transform(englishOrChinese)),
    (c) => {
      const body = c.req.valid('json');
      const deps = c.var.deps;
      checkPeriod(body);
      if (findByCode(deps.db, 'campaigns', body.code)) throw duplicate('活动编码', body.code, 'code');
      checkNames(deps.db, body, null);
      const at = deps.clock.now().toISOString();
      deps.db
        .transaction(() => {
          const id = insertCampaign(deps.db, body);
          recordAudit(deps.db, {
            at,
            actor: actorOf(c.var.user),
            action: 'campaign.create',
            entity: 'campaign',
            entityId: id,
            after: body,
          });
        })
        .immediate();
      return c.json({ campaign: listCampaigns(deps.db).find((x) => x.code === body.code)! }, 201);
    },
  )
  .put(
    '/:code',
    requireRole('admin'),
    validate('param', codeParam),
    // Left out, whether the campaign is on the public page stays as it is.
    validate(
      'json',
      z.strictObject({ ...fields, publicPage: z.boolean().optional() }).transform(englishOrChinese),
    ),
    (c) => {
      const asked = c.req.valid('json');
      const deps = c.var.deps;
      const before = listCampaigns(deps.db).find((x) => x.code === c.req.valid('param').code);
      if (!before) throw notFound(CAMPAIGN, c.req.valid('param').code, 'code');
      const body = { ...asked, publicPage: asked.publicPage ?? before.publicPage };
      checkPeriod(body);
      checkNames(deps.db, body, before.id);
      const at = deps.clock.now().toISOString();
      deps.db
        .transaction(() => {
          updateCampaign(deps.db, before.id, body);
          recordAudit(deps.db, {
            at,
            actor: actorOf(c.var.user),
            action: 'campaign.update',
            entity: 'campaign',
            entityId: before.id,
            // Both sides as the record reads, so the log shows exactly what changed.
            before,
            after: listCampaigns(deps.db).find((x) => x.id === before.id),
          });
        })
        .immediate();
      return c.json({ campaign: listCampaigns(deps.db).find((x) => x.code === before.code)! }, 200);
    },
  )
  .post(
    '/:code/domains',
    requireRole('admin'),
    validate('param', codeParam),
    validate(
      'json',
      z.strictObject({ code, nameZh: fields.nameZh, nameEn: fields.nameEn }).transform(englishOrChinese),
    ),
    (c) => {
      const body = c.req.valid('json');
      const deps = c.var.deps;
      const campaign = findByCode(deps.db, 'campaigns', c.req.valid('param').code);
      if (!campaign) throw notFound(CAMPAIGN, c.req.valid('param').code, 'code');
      if (findByCode(deps.db, 'domains', body.code)) throw duplicate('领域编码', body.code, 'code');
      checkNames(deps.db, body, null, campaign.id);
      const at = deps.clock.now().toISOString();
      deps.db
        .transaction(() => {
          const id = insertDomain(deps.db, { campaignId: campaign.id, ...body });
          recordAudit(deps.db, {
            at,
            actor: actorOf(c.var.user),
            action: 'domain.create',
            entity: 'domain',
            entityId: id,
            after: { campaign: campaign.code, ...body },
          });
        })
        .immediate();
      return c.json({ domain: listDomains(deps.db).find((d) => d.code === body.code)! }, 201);
    },
  );
