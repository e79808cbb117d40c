/**
 * npm run figures -- [--as-of YYYY-MM-DD] [--campaign CODE] [--peer-group CODE] [--json] [--lang zh-CN|en]
 * Prints the headline figures and the ranking of the database in CLOSEOUT_DB, for scripted weekly
 * reports: a table by default, or with --json the same JSON as GET /api/figures/summary and /ranking.
 */
import { ensureDefaultProfile } from '../db/queries/profiles.ts';
import { asOfMoment, systemClock } from '../server/domain/time.ts';
import { ApiError } from '../server/errors.ts';
import { resolveMoment, resolveProfile, resolveScope } from '../server/figures/params.ts';
import { rankingReport, summaryReport } from '../server/figures/reports.ts';
import { argsOrExit, configOrExit, openOrExit } from './open-or-exit.ts';

const config = configOrExit(process.env, 'npm run figures');
const USAGE =
  'Usage: npm run figures -- [--as-of YYYY-MM-DD] [--campaign CODE] [--peer-group CODE] [--json] [--lang zh-CN|en] [--db FILE]';
const values = argsOrExit('npm run figures', USAGE, {
  'as-of': { type: 'string' },
  campaign: { type: 'string' },
  'peer-group': { type: 'string' },
  json: { type: 'boolean', default: false },
  lang: { type: 'string', default: 'zh-CN' },
  db: { type: 'string', default: config.dbPath },
});

const en = values.lang === 'en';
function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
if (values['as-of'] !== undefined && asOfMoment(values['as-of']) === null) {
  fail(
    en
      ? `--as-of: expected YYYY-MM-DD, got "${values['as-of']}"`
      : `--as-of 格式不对，应为 YYYY-MM-DD：${values['as-of']}`,
  );
}

const db = openOrExit(values.db, 'npm run figures', { quickCheck: config.startupCheck });
// A ledger imported before the server ever started has no profile yet; the server would seed this one.
ensureDefaultProfile(db, new Date().toISOString());
const deps = { db, clock: systemClock, tz: config.tz };
try {
  const t = resolveMoment(deps, values['as-of']);
  const scope = resolveScope(deps, { campaign: values.campaign, peerGroup: values['peer-group'] });
  const profile = resolveProfile(deps, undefined);
  const summary = summaryReport(db, t, scope, profile);
  const ranking = rankingReport(db, t, scope, profile);
  if (values.json) {
    console.log(JSON.stringify({ summary, ranking }, null, 2));
  } else {
    const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
    const f = summary.figures;
    console.log(
      `${en ? 'As of' : '统计时点'} ${t}  (${en ? 'profile' : '评分方案'} ${profile.name} v${profile.version})`,
    );
    console.table({
      [en ? 'registered' : '登记事项']: f.registered,
      [en ? 'closed' : '已销号']: f.closed,
      [en ? 'closure rate' : '销号率']: pct(f.closureRate),
      [en ? 'on-time rate' : '按期办结率']: pct(f.onTimeRate),
      [en ? 'overdue' : '逾期未销号']: f.overdue,
      [en ? 'median days to close' : '办结用时中位数（天）']: f.timeToClose.medianDays ?? '—',
    });
    console.table(
      ranking.rows.map((r) => ({
        [en ? 'rank' : '总排名']: r.overallRank ?? (en ? 'not ranked' : '不参与排名'),
        [en ? 'group rank' : '组内排名']: r.rank ?? '—',
        [en ? 'department' : '部门']: en ? r.department.nameEn : r.department.nameZh,
        [en ? 'score' : '得分']: r.score.toFixed(2),
        [en ? 'change' : '名次变化']: r.overallRankChange ?? '—',
        [en ? 'on-time' : '按期办结率']: pct(r.figures.onTimeRate),
        [en ? 'overdue' : '逾期']: r.figures.overdue,
      })),
    );
  }
} catch (error) {
  if (error instanceof ApiError) fail(en ? error.text.en : error.text.zh);
  throw error;
} finally {
  db.close();
}
