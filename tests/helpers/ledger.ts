/**
 * Hand-built ledgers for figure tests: items are described by their history (closures, reopenings,
 * extensions, voiding) and written with the same derived columns the app keeps.
 */
import type { Db } from '../../db/open.ts';
import { ensureDefaultProfile } from '../../db/queries/profiles.ts';
import type { Source } from '../../server/domain/lifecycle.ts';
import { deadlineEnd } from '../../server/domain/time.ts';

export interface ItemSpec {
  code: string;
  department: string | null;
  registered: string;
  deadline?: string | null;
  source?: Source;
  domain?: string;
  campaign?: string;
  closures?: { closed: string; reopened?: string }[];
  extensions?: { approved: string; deadline: string }[];
  voided?: string;
  firstResponse?: string;
}

export interface ItemRecord {
  id: number;
  spec: ItemSpec;
}

const moment = (x: string) => (x.length === 10 ? `${x}T09:00:00` : x);

export function ledger(db: Db) {
  const now = '2026-01-01T00:00:00Z';
  ensureDefaultProfile(db, now);
  const ids = {
    group: new Map<string, number>(),
    department: new Map<string, number>(),
    campaign: new Map<string, number>(),
    domain: new Map<string, number>(),
  };

  const api = {
    group(code: string) {
      const id = Number(
        db
          .prepare('INSERT INTO peer_groups (code, name_zh, name_en, sort_order) VALUES (?, ?, ?, ?)')
          .run(code, `组${code}`, `Group ${code}`, ids.group.size).lastInsertRowid,
      );
      ids.group.set(code, id);
      return api;
    },
    department(code: string, group: string, active = true) {
      if (!ids.group.has(group)) api.group(group);
      const id = Number(
        db
          .prepare(
            'INSERT INTO departments (code, name_zh, name_en, kind, peer_group_id, active) VALUES (?, ?, ?, ?, ?, ?)',
          )
          .run(
            code,
            `部门${code}`,
            `Department ${code}`,
            'county_department',
            ids.group.get(group),
            active ? 1 : 0,
          ).lastInsertRowid,
      );
      ids.department.set(code, id);
      return api;
    },
    campaign(code: string, startsOn = '2026-01-01') {
      const id = Number(
        db
          .prepare(
            "INSERT INTO campaigns (code, name_zh, name_en, kind, starts_on) VALUES (?, ?, ?, 'other', ?)",
          )
          .run(code, `活动${code}`, `Campaign ${code}`, startsOn).lastInsertRowid,
      );
      ids.campaign.set(code, id);
      return api;
    },
    domain(code: string, campaign: string) {
      const id = Number(
        db
          .prepare('INSERT INTO domains (campaign_id, code, name_zh, name_en) VALUES (?, ?, ?, ?)')
          .run(ids.campaign.get(campaign), code, `领域${code}`, `Domain ${code}`).lastInsertRowid,
      );
      ids.domain.set(code, id);
      return api;
    },
    appraisal(department: string, period: string, score: number) {
      db.prepare(
        "INSERT INTO appraisals (department_id, kind, period, score) VALUES (?, 'public_appraisal', ?, ?)",
      ).run(ids.department.get(department), period, score);
      return api;
    },
    item(spec: ItemSpec): ItemRecord {
      if (ids.campaign.size === 0) api.campaign('C');
      const campaignId = ids.campaign.get(spec.campaign ?? [...ids.campaign.keys()][0]!)!;
      const closures = spec.closures ?? [];
      const extensions = spec.extensions ?? [];
      const last = closures[closures.length - 1];
      const closedNow = last !== undefined && last.reopened === undefined;
      const original = spec.deadline ?? null;
      const effective = extensions.length > 0 ? extensions[extensions.length - 1]!.deadline : original;
      const changes = [
        ...closures.flatMap((c) => [c.closed, c.reopened ?? '']),
        ...extensions.map((e) => e.approved),
      ]
        .filter(Boolean)
        .map(moment)
        .sort();
      const row = {
        ledger_code: spec.code,
        title: `Item ${spec.code}`,
        campaign_id: campaignId,
        domain_id: spec.domain ? ids.domain.get(spec.domain)! : null,
        source: spec.source ?? 'self_inspection',
        department_id: spec.department ? ids.department.get(spec.department)! : null,
        registered_at: moment(spec.registered),
        original_deadline: original,
        original_deadline_end: original ? deadlineEnd(original) : null,
        deadline: effective,
        deadline_end: effective ? deadlineEnd(effective) : null,
        status: closedNow ? 'closed' : spec.department ? 'in_progress' : 'registered',
        closed_at: closedNow ? moment(last.closed) : null,
        first_closed_at: closures[0] ? moment(closures[0].closed) : null,
        first_reopened_at: closures.find((c) => c.reopened)?.reopened
          ? moment(closures.find((c) => c.reopened)!.reopened!)
          : null,
        first_extended_at: extensions[0] ? moment(extensions[0].approved) : null,
        reopen_count: closures.filter((c) => c.reopened).length,
        extension_count: extensions.length,
        state_changed_at: changes[changes.length - 1] ?? null,
        voided_at: spec.voided ? moment(spec.voided) : null,
        void_reason: spec.voided ? 'duplicate' : null,
        first_response_at: spec.firstResponse ? moment(spec.firstResponse) : null,
        now,
      };
      const id = Number(
        db
          .prepare(
            `INSERT INTO items (ledger_code, title, campaign_id, domain_id, source, department_id, registered_at,
               rectification_type, original_deadline, original_deadline_end, deadline, deadline_end, status, closed_at,
               first_closed_at, first_reopened_at, first_extended_at, reopen_count, extension_count, state_changed_at,
               voided_at, void_reason, first_response_at, created_at, updated_at)
             VALUES (@ledger_code, @title, @campaign_id, @domain_id, @source, @department_id, @registered_at, 'phased',
               @original_deadline, @original_deadline_end, @deadline, @deadline_end, @status, @closed_at, @first_closed_at,
               @first_reopened_at, @first_extended_at, @reopen_count, @extension_count, @state_changed_at, @voided_at,
               @void_reason, @first_response_at, @now, @now)`,
          )
          .run(row).lastInsertRowid,
      );
      for (const c of closures) {
        db.prepare('INSERT INTO item_closures (item_id, closed_at, reopened_at) VALUES (?, ?, ?)').run(
          id,
          moment(c.closed),
          c.reopened ? moment(c.reopened) : null,
        );
      }
      let previous = original;
      for (const e of extensions) {
        db.prepare(
          'INSERT INTO deadline_extensions (item_id, approved_at, old_deadline, new_deadline, new_deadline_end, reason) VALUES (?, ?, ?, ?, ?, ?)',
        ).run(id, moment(e.approved), previous, e.deadline, deadlineEnd(e.deadline), 'test');
        previous = e.deadline;
      }
      return { id, spec };
    },
    ids,
  };
  return api;
}
