/**
 * The benchmark's data change: an item registered "now" in the campaign and department of an open
 * item. It changes the figures at the benchmark's T, so the next figure request must compute (an
 * urging, the change used before 2026-12-04, changes no figure, so remembered figures would answer it).
 */
import Database from 'better-sqlite3';

export function newItemBody(file: string): string {
  const db = new Database(file, { readonly: true });
  const row = db
    .prepare(
      `SELECT c.code AS campaign, d.code AS department FROM items i
       JOIN campaigns c ON c.id = i.campaign_id JOIN departments d ON d.id = i.department_id
       WHERE i.status <> 'closed' AND i.voided_at IS NULL LIMIT 1`,
    )
    .get() as { campaign: string; department: string };
  db.close();
  return JSON.stringify({
    title: '基准测试新登记问题',
    campaign: row.campaign,
    source: 'public_complaint',
    rectificationType: 'immediate',
    department: row.department,
    deadline: '2026-11-27',
  });
}
