/**
 * The words of an office's ledger: which column headers mean which item field, and which cell words
 * mean which source, status, rectification type or handling mode. Export writes the first word of
 * each list, so what Closeout exports it reads back.
 */

import {
  type HandlingMode,
  type RectificationType,
  type Source,
  STATUS_LABELS,
  type Status,
} from '../domain/lifecycle.ts';
import type { Text } from '../errors.ts';

export const IMPORT_FIELDS = [
  'ledgerCode',
  'title',
  'description',
  'campaign',
  'domain',
  'source',
  'department',
  'participants',
  'person',
  'registeredAt',
  'assignedAt',
  'rectificationType',
  'handlingMode',
  'measures',
  'originalDeadline',
  'deadline',
  'status',
  'firstResponseAt',
  'rectifiedAt',
  'evidence',
  'closedAt',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/**
 * The name of each field, and the header export writes for it: the web's words (GLOSSARY.md). An
 * office's other words for a field (牵头单位, 整改时限, 责任人…) are read as headers too (HEADER_WORDS).
 */
export const FIELD_LABELS: Record<ImportField, Text> = {
  ledgerCode: { zh: '台账编号', en: 'Ledger code' },
  title: { zh: '问题名称', en: 'Title' },
  description: { zh: '问题描述', en: 'Description' },
  campaign: { zh: '专项活动', en: 'Campaign' },
  domain: { zh: '领域', en: 'Domain' },
  source: { zh: '问题来源', en: 'Source' },
  department: { zh: '牵头部门', en: 'Lead department' },
  participants: { zh: '参与单位', en: 'Participating departments' },
  person: { zh: '第一责任人', en: 'Responsible person' },
  registeredAt: { zh: '登记时间', en: 'Registered' },
  assignedAt: { zh: '交办时间', en: 'Assigned' },
  rectificationType: { zh: '整改类型', en: 'Rectification type' },
  handlingMode: { zh: '办理方式', en: 'Handling mode' },
  measures: { zh: '整改措施', en: 'Measures' },
  originalDeadline: { zh: '原整改期限', en: 'Original deadline' },
  deadline: { zh: '整改期限', en: 'Deadline' },
  status: { zh: '整改状态', en: 'Status' },
  firstResponseAt: { zh: '首次响应时间', en: 'First response' },
  rectifiedAt: { zh: '整改完成时间', en: 'Rectified' },
  evidence: { zh: '整改佐证', en: 'Evidence' },
  closedAt: { zh: '销号时间', en: 'Closed' },
};

/** Columns that export writes but import leaves alone: counts of records a sheet cannot carry. */
export const READ_ONLY_LABELS = {
  extensions: { zh: '延期次数', en: 'Extensions' },
  reopenings: { zh: '重新整改次数', en: 'Reopenings' },
  urgings: { zh: '催办次数', en: 'Urgings' },
  voidedAt: { zh: '作废时间', en: 'Voided at' },
  voidReason: { zh: '作废原因', en: 'Void reason' },
  latestProgress: { zh: '最新整改进展', en: 'Latest progress' },
  latestProgressAt: { zh: '进展报告时间', en: 'Progress reported' },
} satisfies Record<string, Text>;

interface HeaderWord {
  field: ImportField | 'ignore';
  /** Lower wins when two columns claim one field. */
  rank: number;
  /** Taken when the field is already claimed by a better column (e.g. 问题描述 beside 问题名称). */
  fallback?: ImportField;
}

/** A row's number in the sheet (序号): never imported, but a new number starts a new item. */
const NUMBERING_WORDS = ['序号', '排序', '顺序号', 'no', '#', 'seq', 'sn', 's/n', '序', 'number'];

// Each list: [rank, words...]. Words are compared after normalizeHeader.
const HEADER_WORDS: [ImportField | 'ignore', number, string[], ImportField?][] = [
  ['ignore', 0, NUMBERING_WORDS],
  ['ignore', 0, ['备注', 'remarks', 'notes', 'note', 'remark']],
  ['ignore', 0, Object.values(READ_ONLY_LABELS).flatMap((t) => [t.zh, t.en])],
  ['ignore', 0, ['预警', '预警灯', '逾期天数', 'warning', 'warninglight', 'daysoverdue']],
  [
    'ledgerCode',
    0,
    [
      '台账编号',
      '问题编号',
      '编号',
      '台账号',
      '事项编号',
      '工单号',
      '工单编号',
      'ledgercode',
      'code',
      'ledgerno',
    ],
  ],
  ['ledgerCode', 1, ['itemcode', 'ref', 'reference', 'id']],
  ['title', 0, ['问题名称', '问题标题', '事项名称', 'title', 'problem', 'issue']],
  ['title', 1, ['问题', '存在问题', '主要问题', '问题清单', '整改事项', '问题表现', 'item']],
  ['title', 2, ['问题描述', 'problemdescription', 'issuedescription'], 'description'],
  [
    'description',
    0,
    [
      '问题详情',
      '具体问题',
      '具体表现',
      '详细描述',
      '问题具体表现',
      '情况描述',
      '描述',
      'description',
      'details',
    ],
  ],
  ['campaign', 0, ['专项活动', '所属活动', '活动', '专项', '专项整治', '所属专项', 'campaign']],
  [
    'domain',
    0,
    ['领域', '问题类别', '问题类型', '问题分类', '类别', '所属领域', 'domain', 'category', 'area'],
  ],
  ['source', 0, ['问题来源', '来源', '发现途径', '线索来源', '问题渠道', 'source', 'origin']],
  [
    'department',
    0,
    [
      '牵头单位',
      '责任单位',
      '牵头部门',
      '责任部门',
      '责任主体',
      '主责单位',
      '承办单位',
      '整改责任单位',
      '牵头责任单位',
      'leaddepartment',
      'department',
      'responsibleunit',
      'responsibledepartment',
      'leadunit',
      'unit',
    ],
  ],
  [
    'participants',
    0,
    [
      '配合单位',
      '参与单位',
      '协办单位',
      '配合部门',
      '参与部门',
      '协同单位',
      'participatingdepartments',
      'codepartments',
      'supportingdepartments',
      'participants',
    ],
  ],
  ['person', 0, ['责任人', '第一责任人', 'responsibleperson', 'person', 'personincharge']],
  ['person', 1, ['具体责任人', '直接责任人', '责任领导', '分管领导', '联系人', 'contact']],
  [
    'registeredAt',
    0,
    [
      '登记时间',
      '登记日期',
      '发现时间',
      '发现日期',
      '反映时间',
      '受理时间',
      '录入时间',
      'registered',
      'registeredat',
      'registrationdate',
      'dateregistered',
      'reported',
    ],
  ],
  ['assignedAt', 0, ['交办时间', '交办日期', '分办时间', '派单时间', 'assigned', 'assignedat']],
  ['rectificationType', 0, ['整改类型', '整改性质', '整改方式', 'rectificationtype', 'type']],
  ['handlingMode', 0, ['办理方式', '五办方式', '办理模式', 'handlingmode', 'mode']],
  ['measures', 0, ['整改措施', '措施', '整改举措', '具体措施', 'measures', 'actions', 'correctiveactions']],
  [
    'originalDeadline',
    0,
    ['原整改时限', '原定时限', '原完成时限', '原时限', '原整改期限', 'originaldeadline', 'originalduedate'],
  ],
  [
    'deadline',
    0,
    [
      '整改时限',
      '完成时限',
      '办结时限',
      '整改期限',
      '时限',
      '完成期限',
      '办结期限',
      '整改完成时限',
      '截止日期',
      '截止时间',
      // A planned date is the deadline, not the completion ("完成时间" inside them means closedAt).
      '计划完成时间',
      '计划完成日期',
      '要求完成时间',
      '要求完成日期',
      '预计完成时间',
      '预计完成日期',
      '规定完成时间',
      '完成时间节点',
      '时间节点',
      'deadline',
      'due',
      'duedate',
    ],
  ],
  [
    'status',
    0,
    [
      '整改状态',
      '完成情况',
      '办理状态',
      '整改情况',
      '整改进度',
      '状态',
      '进展情况',
      'status',
      'progress',
      'state',
    ],
  ],
  [
    'firstResponseAt',
    0,
    ['首次响应时间', '首次回复时间', '响应时间', '首次联系时间', 'firstresponse', 'firstresponseat'],
  ],
  ['rectifiedAt', 0, ['整改完成时间', '整改完成日期', 'rectified', 'rectifiedat']],
  ['evidence', 0, ['整改佐证', '佐证材料', '销号依据', '整改结果', 'evidence']],
  [
    'closedAt',
    0,
    [
      '销号时间',
      '销号日期',
      '办结日期',
      '办结时间',
      '完成时间',
      '完成日期',
      '实际完成时间',
      'closed',
      'closedat',
      'closeddate',
      'completed',
      'completiondate',
    ],
  ],
];

const HEADERS = new Map<string, HeaderWord>();
for (const [field, rank, words, fallback] of HEADER_WORDS) {
  for (const w of words) {
    const key = normalizeHeader(w);
    if (!HEADERS.has(key)) HEADERS.set(key, fallback ? { field, rank, fallback } : { field, rank });
  }
}
for (const f of IMPORT_FIELDS) {
  for (const w of [FIELD_LABELS[f].zh, FIELD_LABELS[f].en]) {
    const key = normalizeHeader(w);
    // 问题描述 beside 问题名称 (as export writes them) is the description: the fallback of the title's word.
    const read = HEADERS.get(key);
    if (read?.field !== f && read?.fallback !== f)
      throw new Error(`Export header ${w} does not read back as ${f}`);
  }
}
/** Header words long enough to be recognised inside a longer header ("具体整改措施" → 整改措施). */
const CONTAINED = [...HEADERS.entries()]
  .filter(([k]) => (/[\u0080-\uffff]/.test(k) ? k.length >= 2 : k.length >= 6))
  .sort((a, b) => b[0].length - a[0].length);

/** Header text compared without case, spaces, punctuation, notes in brackets or a required-field star. */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[([【〔].*?[)\]】〕]/g, '')
    .replace(/[\s_\-.:*'"’‘“”]/g, '');
}

/** Whether a column numbers the sheet's rows (序号, No.). */
const NUMBERING_KEYS = new Set(NUMBERING_WORDS.map(normalizeHeader));
export const isNumberingHeader = (header: string) => NUMBERING_KEYS.has(normalizeHeader(header));

/** The field a header most likely means, with how sure: exact word, word inside the header, or nothing. */
export function matchHeader(header: string): (HeaderWord & { exact: boolean }) | null {
  const key = normalizeHeader(header);
  if (!key) return null;
  const exact = HEADERS.get(key);
  if (exact) return { ...exact, exact: true };
  for (const [word, h] of CONTAINED) {
    if (key.includes(word)) return { ...h, rank: h.rank + 10, exact: false };
  }
  return null;
}

/** Cell words compared without case, spaces, brackets' contents or trailing punctuation. */
export function normalizeWord(value: string): string {
  return value
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[([【〔].*?[)\]】〕]/g, '')
    .replace(/[\s_]/g, '')
    .replace(/[.。;；,，!！]+$/, '');
}

/**
 * A cell's word → its value: exactly, else by the longest word it starts with; `refine` may then
 * correct the answer from the whole text (it is remembered with it).
 */
function wordTable<T extends string>(
  entries: [T, string[]][],
  refine?: (value: string, found: T | null) => T | null,
): (value: string) => T | null {
  const exact = new Map<string, T>();
  for (const [v, words] of entries) for (const w of words) exact.set(normalizeWord(w), v);
  const prefixes = [...exact.entries()].sort((a, b) => b[0].length - a[0].length);
  // Ledgers repeat a handful of words thousands of times: remember the answers.
  const memo = new Map<string, T | null>();
  return (value: string) => {
    const known = memo.get(value);
    if (known !== undefined) return known;
    const result = refine ? refine(value, lookup(value)) : lookup(value);
    if (memo.size < 10_000) memo.set(value, result);
    return result;
  };
  function lookup(value: string): T | null {
    const key = normalizeWord(value);
    if (!key) return null;
    const hit = exact.get(key);
    if (hit) return hit;
    // "正在整改，预计6月底完成" starts with a status word
    for (const [w, v] of prefixes) if (w.length >= 2 && key.startsWith(w)) return v;
    return null;
  }
}

export const SOURCE_LABELS: Record<Source, Text> = {
  inspection_feedback: { zh: '巡视反馈', en: 'Inspection feedback' },
  self_inspection: { zh: '自查排查', en: 'Self-inspection' },
  public_complaint: { zh: '群众反映', en: 'Public complaint' },
  supervision_check: { zh: '督查检查', en: 'Supervision check' },
  look_back: { zh: '回头看', en: 'Look-back review' },
  hotline: { zh: '热线', en: 'Hotline' },
};

/** The statuses as the app names them: what exports write, and what imports read back. */
export { STATUS_LABELS };

export const RECTIFICATION_TYPE_LABELS: Record<RectificationType, Text> = {
  immediate: { zh: '立查立改', en: 'Fix at once' },
  phased: { zh: '分阶段整改', en: 'Phased' },
  long_term: { zh: '长期坚持', en: 'Long-term' },
};

export const HANDLING_MODE_LABELS: Record<HandlingMode, Text> = {
  immediate: { zh: '立即办', en: 'Immediate' },
  proactive: { zh: '主动办', en: 'Proactive' },
  on_site: { zh: '上门办', en: 'On-site' },
  tracked: { zh: '跟踪办', en: 'Tracked' },
  public: { zh: '公开办', en: 'Public' },
};

const withLabels = <T extends string>(labels: Record<T, Text>, words: Record<T, string[]>): [T, string[]][] =>
  (Object.keys(labels) as T[]).map((k) => [k, [labels[k].zh, labels[k].en, k, ...words[k]]]);

const SOURCE_WORDS = withLabels(SOURCE_LABELS, {
  inspection_feedback: [
    '巡视',
    '巡察',
    '巡察反馈',
    '巡视巡察',
    '巡视巡察反馈',
    '上级反馈',
    '反馈问题',
    'inspection',
    'inspectionfeedback',
  ],
  self_inspection: ['自查', '自查自纠', '自查发现', '排查', '自纠', 'selfinspection', 'selfcheck'],
  public_complaint: [
    '群众反映',
    '群众投诉',
    '投诉',
    '信访',
    '举报',
    '群众来信',
    '来信来访',
    '群众反映投诉',
    'complaint',
    'publiccomplaint',
    'petition',
  ],
  supervision_check: [
    '督查',
    '督查发现',
    '督查检查',
    '督导',
    '明察暗访',
    '暗访',
    'supervision',
    'supervisioncheck',
  ],
  look_back: ['回头看', '回头看检查', 'lookback', 'look-back', 'lookbackreview'],
  hotline: ['热线', '12345', '12345热线', '市长热线', '政务热线', '服务热线', '便民热线', 'hotline'],
});

/** The Chinese words of the sources (and 12345), normalized: those a cell may hold amid other words. */
const SOURCE_WORDS_WITHIN = SOURCE_WORDS.flatMap(([source, words]) =>
  words.map((w) => [source, normalizeWord(w)] as const).filter(([, w]) => /[\u4e00-\u9fff\d]/.test(w)),
);

/**
 * Offices name who found the problem around the word: 县委巡察反馈, 市委第二巡察组反馈, 12345热线转办.
 * A cell holding the words of one source only is that source; words of two (经督查核实的群众举报) are
 * refused rather than guessed.
 */
function sourceWithin(value: string): Source | null {
  const key = normalizeWord(value);
  const found = new Set(SOURCE_WORDS_WITHIN.filter(([, w]) => key.includes(w)).map(([source]) => source));
  return found.size === 1 ? [...found][0]! : null;
}

export const parseSourceWord = wordTable<Source>(
  SOURCE_WORDS,
  (value, found) => found ?? sourceWithin(value),
);

/**
 * A status cell. Words of progress after a word of completion keep the item open: "完成80%",
 * "已完成（阶段性）" and "基本完成" are in progress, "已完成整改，待验收" awaits verification. Read
 * from the text as written: normalizeWord drops what is in brackets.
 */
function progressAfterCompletion(value: string, status: Status | null): Status | null {
  if (status !== 'closed' && status !== 'rectified') return status;
  const text = value.normalize('NFKC');
  const percent = /(\d+(?:\.\d+)?)\s*%/.exec(text);
  if ((percent && Number(percent[1]) < 100) || /阶段|部分|基本完成|初步完成/.test(text)) return 'in_progress';
  if (status === 'closed' && /待(验收|销号|审核|核验|核查)/.test(text)) return 'rectified';
  return status;
}

export const parseStatusWord = wordTable<Status>(
  withLabels(STATUS_LABELS, {
    registered: ['登记', '新登记', '待交办', '未交办', 'new'],
    assigned: ['交办', '已交办', '待整改', '未整改', '未开始', 'todo', 'notstarted'],
    in_progress: [
      '推进中',
      '正在整改',
      '正在推进',
      '办理中',
      '进行中',
      '持续整改',
      '未完成',
      '整改中',
      '基本完成',
      '部分完成',
      '初步完成',
      '阶段性完成',
      '否', // under 是否完成 (completed?): no
      'inprogress',
      'ongoing',
      'underway',
    ],
    rectified: [
      '待验收',
      '已整改',
      '整改完成',
      '待销号',
      '整改完成待验收',
      '已完成待验收',
      '申请销号',
      'rectified', // what exports wrote before they named it as the app does
      'awaitingverification',
      'pendingverification',
    ],
    closed: [
      '是', // under 是否完成 (completed?): yes
      '已完成',
      '办结',
      '已办结',
      '完成',
      '销号',
      '已验收',
      '已验收销号',
      '已销号',
      'done',
      'completed',
      'complete',
      'verified',
      'finished',
    ],
  }),
  progressAfterCompletion,
);

export const parseRectificationTypeWord = wordTable<RectificationType>(
  withLabels(RECTIFICATION_TYPE_LABELS, {
    immediate: ['即知即改', '立即整改', '即时整改', '立行立改'],
    phased: ['限期整改', '阶段整改', '阶段性整改', '分阶段', '持续整改'],
    long_term: ['长期整改', '长期', 'longterm', 'ongoing'],
  }),
);

export const parseHandlingModeWord = wordTable<HandlingMode>(
  withLabels(HANDLING_MODE_LABELS, {
    immediate: [],
    proactive: [],
    on_site: ['onsite'],
    tracked: [],
    public: [],
  }),
);

/** A deadline cell that means "no end date: a long-term item" (长期坚持). */
const ONGOING = new Set(
  [
    '长期坚持',
    '长期',
    '长期推进',
    '常态化',
    '持续推进',
    '长期整改',
    'ongoing',
    'longterm',
    'long-term',
    'continuous',
  ].map(normalizeWord),
);
export function isOngoingWord(value: string): boolean {
  // Most deadline cells are dates: only short non-date text can be an ongoing word.
  if (value.length > 12 || /^\s*\d/.test(value)) return false;
  return ONGOING.has(normalizeWord(value));
}

/**
 * Whether normalizing the text could leave a totals word at its start, judged by its first character:
 * a CJK ideograph, a digit or a letter stays first and unchanged. Most cells of every row stop here.
 */
function mayStartTotals(value: string): boolean {
  const c = value.charCodeAt(0);
  const plain =
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a);
  return !plain || '合总小共累tsgTSG'.includes(value[0]!);
}

/** A totals row (合计, 总计, Total …): counts, not an item. */
export function isTotalsWord(value: string): boolean {
  if (!mayStartTotals(value)) return false;
  return /^(合计|总计|小计|共计|累计|total|sum|subtotal|grandtotal)([:：]|$|\d)/.test(normalizeWord(value));
}

/**
 * A section heading between an office's groups of items: "一、教育领域", "（二）审批服务",
 * "第三部分 …", "… （共5项）". Tested with brackets kept (normalizeWord drops their contents).
 */
export function isHeadingWord(value: string): boolean {
  const text = value.normalize('NFKC').replace(/\s/g, '');
  return (
    /^([一二三四五六七八九十百]+[、.]|\([一二三四五六七八九十百]+\)|第[一二三四五六七八九十百\d]+(部分|章|节|类|批|方面))/.test(
      text,
    ) || /\(共\d+[项条个件]\)$/.test(text)
  );
}

/** A note under the table (注：…, 填表人：…), not an item. */
export function isNoteWord(value: string): boolean {
  return /^(注|备注|说明|填表说明|填表人|填报人|审核人|制表|制表人|单位负责人|联系人|联系电话|note|notes)([:：]|$)/.test(
    normalizeWord(value),
  );
}
