import type { Db } from '../open.ts';

export interface DepartmentRow {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  kind: string;
  peerGroup: string;
  peerGroupZh: string;
  peerGroupEn: string;
  active: boolean;
  items: number;
  open: number;
  overdue: number;
}

/** Every department with its item counts now: items (not voided), open, and open past their deadline. */
export function listDepartmentsWithCounts(db: Db, now: string): DepartmentRow[] {
  const rows = db
    .prepare(
      `SELECT d.id, d.code, d.name_zh, d.name_en, d.kind, g.code AS peer_group, g.name_zh AS peer_group_zh,
              g.name_en AS peer_group_en, d.active,
              COUNT(i.id) AS items,
              COALESCE(SUM(i.status <> 'closed'), 0) AS open,
              COALESCE(SUM(i.status <> 'closed' AND i.deadline_end < @now), 0) AS overdue
       FROM departments d
       JOIN peer_groups g ON g.id = d.peer_group_id
       LEFT JOIN items i ON i.department_id = d.id AND i.voided_at IS NULL AND i.registered_at < @now
       GROUP BY d.id
       ORDER BY g.sort_order, d.code`,
    )
    .all({ now }) as {
    id: number;
    code: string;
    name_zh: string;
    name_en: string;
    kind: string;
    peer_group: string;
    peer_group_zh: string;
    peer_group_en: string;
    active: number;
    items: number;
    open: number;
    overdue: number;
  }[];
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    kind: r.kind,
    peerGroup: r.peer_group,
    peerGroupZh: r.peer_group_zh,
    peerGroupEn: r.peer_group_en,
    active: r.active === 1,
    items: r.items,
    open: r.open,
    overdue: r.overdue,
  }));
}
