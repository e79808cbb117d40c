/**
 * What every figure means, in both languages, and which item sets make its numerator and
 * denominator (the drill-down). docs/metrics.md says the same in more words; keep them in step.
 */
import type { Part } from '../../db/queries/figures.ts';
import type { Text } from '../errors.ts';

/** The item sets a drill-down lists: a part of the state at T, or a change since an earlier moment. */
export type ItemSet = Part | ChangeSet;
export type ChangeSet = 'newlyOverdue' | 'newlyClosed';

export interface FigureDefinition {
  name: Text;
  definition: Text;
  numerator?: { part: ItemSet; text: Text };
  denominator?: { part: ItemSet; text: Text };
}

const REGISTERED: { part: Part; text: Text } = {
  part: 'registered',
  text: {
    zh: '截至统计时点已登记的事项（不含作废）',
    en: 'items registered on or before the as-of date (voided excluded)',
  },
};
const DUE: { part: Part; text: Text } = {
  part: 'due',
  text: {
    zh: '截至统计时点有效整改期限已过的事项',
    en: 'items whose effective deadline passed on or before the as-of date',
  },
};

const DEFINITIONS = {
  registered: {
    name: { zh: '登记事项', en: 'Registered' },
    definition: {
      zh: '截至统计时点已登记的事项数；作废事项不计入任何指标。',
      en: 'Items registered on or before the as-of date; voided items count nowhere.',
    },
    numerator: REGISTERED,
  },
  closed: {
    name: { zh: '已销号', en: 'Closed' },
    definition: {
      zh: '统计时点处于销号状态的事项；被退回重新整改的事项在再次销号前不计入。',
      en: 'Items closed at the as-of date; a reopened item is open again until it is closed again.',
    },
    numerator: { part: 'closed', text: { zh: '统计时点已销号的事项', en: 'items closed at the as-of date' } },
  },
  closureRate: {
    name: { zh: '销号率', en: 'Closure rate' },
    definition: { zh: '已销号 ÷ 登记事项。', en: 'Closed ÷ registered.' },
    numerator: { part: 'closed', text: { zh: '统计时点已销号的事项', en: 'items closed at the as-of date' } },
    denominator: REGISTERED,
  },
  due: {
    name: { zh: '已到期', en: 'Due' },
    definition: {
      zh: '有效整改期限（含已批准的延期）截至统计时点已过的事项；按日期的期限在当天24时届满。',
      en: 'Items whose effective deadline (with approved extensions) passed on or before the as-of date; a day deadline passes at that day’s midnight.',
    },
    numerator: DUE,
  },
  onTimeRate: {
    name: { zh: '按期办结率', en: 'On-time rate' },
    definition: {
      zh: '已到期事项中，统计时点已销号且该次销号不晚于有效期限的事项 ÷ 已到期事项。',
      en: 'Due items closed at the as-of date by a closure (the one in force then) made on or before their effective deadline ÷ due items.',
    },
    numerator: {
      part: 'onTime',
      text: { zh: '按期销号的已到期事项', en: 'due items closed on or before their deadline' },
    },
    denominator: DUE,
  },
  overdue: {
    name: { zh: '逾期未销号', en: 'Overdue' },
    definition: {
      zh: '统计时点未销号且有效期限已过的事项；逾期天数 = 统计时点 − 期限届满时刻，不足一天按一天计（至少1天）。',
      en: 'Items open at the as-of date whose effective deadline has passed; days overdue = the as-of moment − the moment the deadline passed, part days counted as whole (at least 1).',
    },
    numerator: { part: 'overdue', text: { zh: '逾期未销号的事项', en: 'open items past their deadline' } },
  },
  overdueShare: {
    name: { zh: '逾期占比', en: 'Overdue share' },
    definition: { zh: '逾期未销号 ÷ 登记事项。', en: 'Overdue ÷ registered.' },
    numerator: { part: 'overdue', text: { zh: '逾期未销号的事项', en: 'open items past their deadline' } },
    denominator: REGISTERED,
  },
  open: {
    name: { zh: '未销号', en: 'Open' },
    definition: { zh: '统计时点尚未销号的事项。', en: 'Items not closed at the as-of date.' },
    numerator: { part: 'open', text: { zh: '统计时点未销号的事项', en: 'items open at the as-of date' } },
  },
  red: {
    name: { zh: '红灯', en: 'Red light' },
    definition: { zh: '未销号且已逾期。', en: 'Open and overdue.' },
    numerator: { part: 'red', text: { zh: '红灯事项', en: 'red items' } },
  },
  yellow: {
    name: { zh: '黄灯', en: 'Yellow light' },
    definition: {
      zh: '未销号、未逾期，但期限在预警天数（默认7天）内届满。',
      en: 'Open, not overdue, with a deadline passing within the warning days (default 7).',
    },
    numerator: { part: 'yellow', text: { zh: '黄灯事项', en: 'yellow items' } },
  },
  green: {
    name: { zh: '绿灯', en: 'Green light' },
    definition: {
      zh: '未销号，期限在预警天数之后届满或长期坚持无期限。',
      en: 'Open, with a deadline beyond the warning days or no deadline (long-term).',
    },
    numerator: { part: 'green', text: { zh: '绿灯事项', en: 'green items' } },
  },
  timeToClose: {
    name: { zh: '办结用时', en: 'Time to close' },
    definition: {
      zh: '统计时点已销号事项的销号日期 − 登记日期（天）；报告中位数和第90百分位（线性插值），均值仅作参考。',
      en: 'Closed date − registered date in days, over items closed at the as-of date; median and 90th percentile (linear interpolation), mean as a secondary figure.',
    },
    numerator: { part: 'closed', text: { zh: '计入用时的已销号事项', en: 'the closed items measured' } },
  },
  firstResponse: {
    name: { zh: '首次响应', en: 'First response' },
    definition: {
      zh: '群众投诉和热线事项：首次响应时间 − 登记时间（小时）；报告中位数和第90百分位。',
      en: 'Complaint and hotline items: first response − registered, in hours; median and 90th percentile.',
    },
    numerator: {
      part: 'responded',
      text: {
        zh: '截至统计时点已响应的投诉事项',
        en: 'complaint items responded to on or before the as-of date',
      },
    },
    denominator: { part: 'complaints', text: { zh: '投诉和热线事项', en: 'complaint and hotline items' } },
  },
  reopenRate: {
    name: { zh: '重新整改率', en: 'Reopen rate' },
    definition: {
      zh: '曾被退回重新整改的事项 ÷ 曾销号的事项。',
      en: 'Items ever reopened ÷ items ever closed.',
    },
    numerator: {
      part: 'everReopened',
      text: { zh: '截至统计时点曾被退回重新整改的事项', en: 'items reopened on or before the as-of date' },
    },
    denominator: {
      part: 'everClosed',
      text: { zh: '截至统计时点曾销号的事项', en: 'items closed at least once on or before the as-of date' },
    },
  },
  extensionRate: {
    name: { zh: '延期率', en: 'Extension rate' },
    definition: {
      zh: '期限被延长过的事项 ÷ 登记事项。',
      en: 'Items whose deadline was extended ÷ registered.',
    },
    numerator: {
      part: 'extended',
      text: {
        zh: '截至统计时点获批延期的事项',
        en: 'items with an extension approved on or before the as-of date',
      },
    },
    denominator: REGISTERED,
  },
  newlyOverdue: {
    name: { zh: '新增逾期', en: 'Newly overdue' },
    definition: {
      zh: '统计时点逾期未销号、而在上次例会时（默认统计时点前7天）未逾期或尚未登记的事项。',
      en: 'Items overdue at the as-of date that were not overdue at the last review (default a week before the as-of date), or not yet registered then.',
    },
    numerator: {
      part: 'newlyOverdue',
      text: { zh: '上次例会以来新增的逾期事项', en: 'items overdue now and not at the last review' },
    },
  },
  newlyClosed: {
    name: { zh: '新增销号', en: 'Newly closed' },
    definition: {
      zh: '统计时点已销号、而在上次例会时（默认统计时点前7天）未销号或尚未登记的事项；上次例会时已销号的事项，其间退回重新整改又再次销号的也不计入。',
      en: 'Items closed at the as-of date that were not closed at the last review (default a week before the as-of date), or not yet registered then; an item closed then does not count, even if reopened and closed again since.',
    },
    numerator: {
      part: 'newlyClosed',
      text: { zh: '上次例会以来新增的销号事项', en: 'items closed now and not at the last review' },
    },
  },
  flow: {
    name: { zh: '周流量', en: 'Weekly flow' },
    definition: {
      zh: '每周新登记、销号（含再次销号）、退回重新整改的事项数，以及未销号事项的净变化 = 新登记 − 销号 + 重新整改。',
      en: 'Per week: items registered, closures made (re-closures included), reopenings, and the net change in open items = registered − closed + reopened.',
    },
  },
  score: {
    name: { zh: '综合得分', en: 'Score' },
    definition: {
      zh: '各项得分之和（0–100）：每项按评分方案的下限和目标线性折算，达到或差于下限得0分，达到或优于目标得满分，其间按比例计分；无数据的项得0分。',
      en: 'Sum of component points (0–100): each component earns 0 points at the profile’s floor or worse, full points (its weight) at the target or better, in proportion between; a component without data earns 0.',
    },
  },
  pointsLost: {
    name: { zh: '失分', en: 'Points lost' },
    definition: {
      zh: '每项的权重减去该项得分：部门因这一项少得的分数。',
      en: 'Each component’s weight minus the points it earned: what the department lost on it.',
    },
  },
  rank: {
    name: { zh: '排名', en: 'Rank' },
    definition: {
      zh: '在本部门分组内按综合得分从高到低排名，得分相同名次相同（1、2、2、4）；总排名在范围内所有参与排名的部门中同样排出。截至统计时点到期事项少于评分方案最低数的部门不参与排名，单独列出。',
      en: 'Order by score, highest first, within the peer group; equal scores share a rank (1, 2, 2, 4). The overall rank does the same across every ranked department in scope. A department with fewer items due by the as-of date than the profile’s minimum is not ranked and is listed apart.',
    },
  },
  rankChange: {
    name: { zh: '名次变化', en: 'Rank change' },
    definition: {
      zh: '与一周前（或所选比较时点）的名次相比上升的位数，上升为正；当时未参与排名则为“—”。',
      en: 'Places climbed since a week earlier (or the chosen comparison moment), positive = up; “—” when not ranked then.',
    },
  },
  improvement: {
    name: { zh: '进步排名', en: 'Improvement ranking' },
    definition: {
      zh: '按综合得分相对本部门基准时点（默认26周前）的提高幅度排名，与自身比较而非与其他部门比较。',
      en: 'Order by how much each department’s score rose since its own baseline (default 26 weeks earlier): measured against itself, not its peers.',
    },
  },
} satisfies Record<string, FigureDefinition>;

export type FigureKey = keyof typeof DEFINITIONS;
export const FIGURE_DEFINITIONS: Record<FigureKey, FigureDefinition> = DEFINITIONS;
export const FIGURE_KEYS = Object.keys(FIGURE_DEFINITIONS) as FigureKey[];
