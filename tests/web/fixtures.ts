/** Small hand-made API rows for the view functions' tests. */
import { DEFAULT_PROFILE } from '../../server/domain/scoring.ts';
import type { Figures, ProfileConfig, RankingRow } from '../../web/api/figures.ts';

export const PROFILE: ProfileConfig = DEFAULT_PROFILE;

export function figures(over: Partial<Figures> = {}): Figures {
  return {
    registered: 0,
    closed: 0,
    closureRate: null,
    due: 0,
    onTime: 0,
    onTimeRate: null,
    overdue: 0,
    overdueShare: null,
    open: 0,
    lights: { red: 0, yellow: 0, green: 0 },
    timeToClose: { n: 0, medianDays: null, p90Days: null, meanDays: null },
    firstResponse: { complaints: 0, n: 0, medianHours: null, p90Hours: null, meanHours: null },
    everClosed: 0,
    everReopened: 0,
    reopenRate: null,
    extended: 0,
    extensionRate: null,
    ...over,
  };
}

const ZERO = {
  closureRate: 0,
  onTimeRate: 0,
  overdueShare: 0,
  medianDaysToClose: 0,
  reopenRate: 0,
  appraisal: 0,
};

export function row(
  code: string,
  over: Partial<Omit<RankingRow, 'department'>> & { peerGroup?: string } = {},
): RankingRow {
  const { peerGroup = 'general', ...rest } = over;
  return {
    department: {
      id: Number(code.replace(/\D/g, '')) || 1,
      code,
      nameZh: `部门${code}`,
      nameEn: `Department ${code}`,
      peerGroup,
      peerGroupZh: peerGroup,
      peerGroupEn: peerGroup,
    },
    figures: figures(),
    values: {
      closureRate: null,
      onTimeRate: null,
      overdueShare: null,
      medianDaysToClose: null,
      reopenRate: null,
      appraisal: null,
    },
    score: 0,
    points: { ...ZERO },
    lost: { ...ZERO },
    ranked: true,
    notRankedReason: null,
    rank: 1,
    overallRank: 1,
    rankedInGroup: 1,
    previous: null,
    rankChange: null,
    overallRankChange: null,
    scoreChange: null,
    ...rest,
  };
}
