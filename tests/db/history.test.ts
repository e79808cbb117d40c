import { describe, expect, it } from 'vitest';
import { demoDb } from '../helpers/db.ts';

describe('item history', () => {
  const db = demoDb({ items: 50 });

  it('refuses UPDATE of a history row', () => {
    expect(() => db.prepare("UPDATE item_history SET kind = 'edited' WHERE id = 1").run()).toThrow(
      /append-only/,
    );
  });

  it('refuses DELETE of a history row', () => {
    const count = (db.prepare('SELECT COUNT(*) AS n FROM item_history').get() as { n: number }).n;
    expect(() => db.prepare('DELETE FROM item_history').run()).toThrow(/append-only/);
    expect((db.prepare('SELECT COUNT(*) AS n FROM item_history').get() as { n: number }).n).toBe(count);
  });

  it('refuses UPDATE and DELETE of the audit log', () => {
    db.prepare(
      "INSERT INTO audit_log (at, actor_name, action, entity) VALUES ('2026-01-01T00:00:00Z', 't', 'x', 'y')",
    ).run();
    expect(() => db.prepare("UPDATE audit_log SET action = 'z'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });
});
