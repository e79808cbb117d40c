import { Hono } from 'hono';
import { z } from 'zod';
import { recordAudit } from '../../db/queries/accounts-audit.ts';
import { getActiveProfile, listProfiles, saveProfileVersion } from '../../db/queries/profiles.ts';
import { actorOf, requireRole } from '../auth/index.ts';
import type { AppEnv } from '../context.ts';
import { DEFAULT_PROFILE_NAME } from '../domain/profile-name.ts';
import { COMPONENTS, type ProfileConfig, validateProfile } from '../domain/scoring.ts';
import { ApiError } from '../errors.ts';
import { answerWith } from '../figures/json-answer.ts';
import { resolveScope } from '../figures/params.ts';
import { asOfSchema, validate } from '../validation.ts';

const rule = z.strictObject({ weight: z.number().min(0).max(100), floor: z.number(), target: z.number() });
const configSchema = z.strictObject({
  minDueItems: z.number().int().min(1).max(1000),
  warningDays: z.number().int().min(0).max(365),
  components: z.strictObject(
    Object.fromEntries(COMPONENTS.map((c) => [c, rule])) as Record<(typeof COMPONENTS)[number], typeof rule>,
  ),
});

function checked(config: ProfileConfig): ProfileConfig {
  const problems = validateProfile(config);
  if (problems.length > 0) {
    throw new ApiError(
      400,
      'invalid_parameter',
      {
        zh: `评分方案无效：${problems.map((p) => p.text.zh).join('；')}`,
        en: `The scoring profile is not valid: ${problems.map((p) => p.text.en).join('; ')}`,
      },
      { field: problems[0]!.field, problems: problems.map((p) => p.field) },
    );
  }
  return config;
}

/**
 * Scoring profiles: versioned weights and thresholds. A change is a new version (never an edit of an
 * old one), so every published ranking can be recomputed exactly; an admin first previews how the
 * ranking would move.
 */
export const profiles = new Hono<AppEnv>()
  .get('/', (c) => c.json({ profiles: listProfiles(c.var.deps.db) }, 200))
  .post(
    '/preview',
    requireRole('admin'),
    validate(
      'json',
      z.strictObject({ config: configSchema, asOf: asOfSchema.optional(), campaign: z.string().optional() }),
    ),
    (c) => {
      const { config, asOf, campaign } = c.req.valid('json');
      resolveScope(c.var.deps, { campaign }); // an unknown campaign is a 404 before the config is checked
      // Computed off the main thread as the figures are (two rankings: a province's took 0.45 s here).
      return answerWith(c, 'profilePreview', { config: checked(config), asOf, campaign });
    },
  )
  .post(
    '/',
    requireRole('admin'),
    validate(
      'json',
      z.strictObject({
        name: z.string().trim().min(1).max(40).default(DEFAULT_PROFILE_NAME),
        config: configSchema,
        note: z.string().max(500).nullable().default(null),
      }),
    ),
    (c) => {
      const { name, config, note } = c.req.valid('json');
      const deps = c.var.deps;
      const at = deps.clock.now().toISOString();
      const id = deps.db
        .transaction(() => {
          const before = getActiveProfile(deps.db);
          const saved = saveProfileVersion(deps.db, {
            name,
            config: checked(config),
            note,
            createdAt: at,
            createdBy: c.var.user.id,
          });
          recordAudit(deps.db, {
            at,
            actor: actorOf(c.var.user),
            action: 'profile.create_version',
            entity: 'scoring_profile',
            entityId: saved,
            before: { id: before.id, name: before.name, version: before.version, config: before.config },
            after: { name, config },
          });
          return saved;
        })
        .immediate();
      return c.json({ profile: listProfiles(deps.db).find((p) => p.id === id)! }, 201);
    },
  );
