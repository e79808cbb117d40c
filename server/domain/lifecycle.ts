/**
 * The item lifecycle (DESIGN.md §2): registered → assigned → in progress → rectified → closed, with
 * reopening (a look-back finds a closed item not fixed) and rejection of a claimed rectification.
 * Voiding, deadline extension, urging and first response are not status changes; their rules live
 * here too so the API and the demo generator enforce the same ones.
 */

export const STATUSES = ['registered', 'assigned', 'in_progress', 'rectified', 'closed'] as const;
export type Status = (typeof STATUSES)[number];

export const SOURCES = [
  'inspection_feedback',
  'self_inspection',
  'public_complaint',
  'supervision_check',
  'look_back',
  'hotline',
] as const;
export type Source = (typeof SOURCES)[number];

export const RECTIFICATION_TYPES = ['immediate', 'phased', 'long_term'] as const;
export type RectificationType = (typeof RECTIFICATION_TYPES)[number];

export const HANDLING_MODES = ['immediate', 'proactive', 'on_site', 'tracked', 'public'] as const;
export type HandlingMode = (typeof HANDLING_MODES)[number];

export const DEPARTMENT_KINDS = ['county_department', 'school', 'township', 'office'] as const;

/** Items from these sources are complaints, whose first response time is a figure. */
export const COMPLAINT_SOURCES: readonly Source[] = ['public_complaint', 'hotline'];

export type StatusAction = 'assign' | 'start' | 'rectify' | 'reject' | 'close' | 'reopen';

const TRANSITIONS: Record<StatusAction, { from: readonly Status[]; to: Status }> = {
  assign: { from: ['registered'], to: 'assigned' },
  start: { from: ['assigned'], to: 'in_progress' },
  rectify: { from: ['assigned', 'in_progress'], to: 'rectified' },
  reject: { from: ['rectified'], to: 'in_progress' },
  close: { from: ['rectified'], to: 'closed' },
  reopen: { from: ['closed'], to: 'in_progress' },
};

/** The history kind each action writes: every writer (workflow, import, demo) records events in the past tense. */
export const ACTION_EVENTS = {
  assign: 'assigned',
  start: 'started',
  rectify: 'rectified',
  reject: 'rejected',
  close: 'closed',
  reopen: 'reopened',
} as const satisfies Record<StatusAction, string>;

export class IllegalTransitionError extends Error {
  constructor(
    readonly action: string,
    readonly status: Status | 'voided',
    readonly allowed: StatusAction[],
  ) {
    super(`Cannot ${action} an item that is ${status}; allowed: ${allowed.join(', ') || 'none'}`);
  }
}

/** The status actions allowed from a status. */
export function allowedActions(status: Status, voided = false): StatusAction[] {
  if (voided) return [];
  return (Object.keys(TRANSITIONS) as StatusAction[]).filter((a) => TRANSITIONS[a].from.includes(status));
}

/** The status after an action, or an IllegalTransitionError naming the allowed actions. */
export function nextStatus(status: Status, action: StatusAction, voided = false): Status {
  if (voided || !TRANSITIONS[action].from.includes(status)) {
    throw new IllegalTransitionError(action, voided ? 'voided' : status, allowedActions(status, voided));
  }
  return TRANSITIONS[action].to;
}

export function isOpen(status: Status): boolean {
  return status !== 'closed';
}

/**
 * Side actions apply to items that are not voided, and all but voiding only to open ones; a department asks
 * for more time only until it reports the rectification done.
 */
export function checkSideAction(
  action: 'void' | 'extend' | 'request_extension' | 'urge' | 'respond' | 'milestone' | 'progress' | 'file',
  item: { status: Status; voided: boolean },
): void {
  const ok =
    !item.voided &&
    (action === 'void' || isOpen(item.status)) &&
    !(action === 'request_extension' && item.status === 'rectified');
  if (!ok)
    throw new IllegalTransitionError(
      action,
      item.voided ? 'voided' : item.status,
      allowedActions(item.status, item.voided),
    );
}

/**
 * At most this many items urged at once (批量催办, one transaction on the server's thread): 200 at a
 * province's scale hold it 13–25 ms, 500 held it 65–115 ms, past the 50 ms any request may wait.
 */
export const URGE_AT_ONCE = 200;

/** Names of statuses and actions in both languages (GLOSSARY.md), for messages and the UI. */
export const STATUS_LABELS: Record<Status, { zh: string; en: string }> = {
  registered: { zh: '已登记', en: 'Registered' },
  assigned: { zh: '已交办', en: 'Assigned' },
  in_progress: { zh: '整改中', en: 'In progress' },
  rectified: { zh: '已整改待验收', en: 'Rectified, awaiting verification' },
  closed: { zh: '已销号', en: 'Closed' },
};

export const ACTION_LABELS: Record<
  | StatusAction
  | 'void'
  | 'extend'
  | 'request_extension'
  | 'urge'
  | 'respond'
  | 'edit'
  | 'milestone'
  | 'progress'
  | 'file',
  { zh: string; en: string }
> = {
  assign: { zh: '分解交办', en: 'assign' },
  start: { zh: '开始整改', en: 'start' },
  rectify: { zh: '报告整改完成', en: 'mark rectified' },
  reject: { zh: '验收退回', en: 'reject the rectification' },
  close: { zh: '验收销号', en: 'verify and close' },
  reopen: { zh: '退回重新整改', en: 'reopen' },
  void: { zh: '作废', en: 'void' },
  extend: { zh: '延期', en: 'extend the deadline' },
  request_extension: { zh: '申请延期', en: 'request an extension for' },
  urge: { zh: '催办', en: 'urge' },
  respond: { zh: '首次响应', en: 'record the first response' },
  edit: { zh: '修改', en: 'edit' },
  milestone: { zh: '安排阶段目标', en: 'plan a milestone' },
  progress: { zh: '报告整改进展', en: 'report progress on' },
  file: { zh: '上传或撤下佐证材料', en: 'add or take off a file of' },
};
