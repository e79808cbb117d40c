import { Hono } from 'hono';
import { z } from 'zod';
import { recordAudit } from '../../db/queries/accounts-audit.ts';
import { type AppraisalValue, listAppraisals, upsertAppraisal } from '../../db/queries/appraisals.ts';
import { findByCode } from '../../db/queries/lookups.ts';
import { actorOf, requireRole } from '../auth/index.ts';
import type { AppEnv } from '../context.ts';
import { APPRAISAL_PERIOD } from '../domain/appraisal-period.ts';
import { ApiError } from '../errors.ts';
import { ownReason, validate } from '../validation.ts';

const row = z.strictObject({
  department: z.string().trim().min(1).max(64),
  kind: z.enum(['public_appraisal', 'work_assessment']),
  period: z
    .string()
    .trim()
    .regex(
      APPRAISAL_PERIOD,
      ownReason({
        zh: '须为年度（2025）、半年（2025-H1）、季度（2025-Q3）或月份（2025-06）',
        en: 'must be a year (2025), half (2025-H1), quarter (2025-Q3) or month (2025-06)',
      }),
    ),
  score: z.number().min(0).max(1000),
  rank: z.number().int().min(1).nullable().default(null),
  outOf: z.number().int().min(1).nullable().default(null),
});

/**
 * External appraisals (民主评议, 政府工作考核): a score and rank per department per period, imported
 * by the supervision office and shown beside Closeout's own figures. An import is all or nothing.
 */
export const appraisals = new Hono<AppEnv>()
  .get('/', validate('query', z.strictObject({ period: z.string().max(10).optional() })), (c) =>
    c.json({ appraisals: listAppraisals(c.var.deps.db, c.req.valid('query').period) }, 200),
  )
  .post(
    '/',
    requireRole('admin'),
    validate('json', z.strictObject({ rows: z.array(row).min(1).max(5000) })),
    (c) => {
      const { rows } = c.req.valid('json');
      const deps = c.var.deps;
      const seen = new Map<string, number>();
      const resolved = rows.map((r, index) => {
        const department = findByCode(deps.db, 'departments', r.department);
        if (!department) {
          throw new ApiError(
            400,
            'invalid_parameter',
            {
              zh: `第 ${index + 1} 行：找不到部门 ${r.department}`,
              en: `Row ${index + 1}: no department "${r.department}"`,
            },
            { field: `rows.${index}.department`, row: index + 1 },
          );
        }
        if (r.rank !== null && r.outOf !== null && r.rank > r.outOf) {
          throw new ApiError(
            400,
            'invalid_parameter',
            {
              zh: `第 ${index + 1} 行：名次大于参评总数`,
              en: `Row ${index + 1}: the rank is greater than the number ranked`,
            },
            { field: `rows.${index}.rank`, row: index + 1 },
          );
        }
        // One value per department, kind and period: a second would silently replace the first.
        const key = `${department.code} ${r.kind} ${r.period}`;
        const first = seen.get(key);
        if (first !== undefined) {
          throw new ApiError(
            400,
            'invalid_parameter',
            {
              zh: `第 ${index + 1} 行：与第 ${first} 行是同一部门、同一类别和同一期间`,
              en: `Row ${index + 1}: the same department, kind and period as row ${first}`,
            },
            { field: `rows.${index}.department`, row: index + 1 },
          );
        }
        seen.set(key, index + 1);
        return { ...r, key, departmentId: department.id };
      });
      const at = deps.clock.now().toISOString();
      deps.db
        .transaction(() => {
          // Each appraisal the import adds or changes, by department, kind and period, with the value it
          // replaced: a score that feeds the ranking is never changed without a trace.
          const before: Record<string, AppraisalValue> = {};
          const after: Record<string, AppraisalValue> = {};
          for (const r of resolved) {
            const value = { score: r.score, rank: r.rank, outOf: r.outOf };
            const replaced = upsertAppraisal(deps.db, r);
            if (replaced && JSON.stringify(replaced) === JSON.stringify(value)) continue;
            if (replaced) before[r.key] = replaced;
            after[r.key] = value;
          }
          // Nothing added or changed (the same file again): nothing to record.
          if (Object.keys(after).length === 0) return;
          recordAudit(deps.db, {
            at,
            actor: actorOf(c.var.user),
            action: 'appraisal.import',
            entity: 'appraisal',
            entityId: null,
            before: Object.keys(before).length > 0 ? before : null,
            after,
          });
        })
        .immediate();
      return c.json({ imported: rows.length }, 201);
    },
  );
