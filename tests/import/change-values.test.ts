import { describe, expect, it } from 'vitest';
import { changeValues, TEXT_EXCERPT } from '../../server/import/change-values.ts';
import type { ImportField } from '../../server/import/vocabulary.ts';

const NAMES = {
  department: (id: number) => ({ zh: `部门${id}`, en: `Department ${id}` }),
  campaign: (id: number) => ({ zh: `活动${id}`, en: `Campaign ${id}` }),
  domain: (id: number) => ({ zh: `领域${id}`, en: `Domain ${id}` }),
};
const COLUMNS: Partial<Record<ImportField, string>> = { measures: 'measures', deadline: 'deadline' };
const column = (f: ImportField) => COLUMNS[f] ?? f;

describe("an update row's values before and after", () => {
  it('keep a megabyte of measures to an excerpt of 60 characters around where they differ', () => {
    const before = `${'甲'.repeat(500_000)}整改完成3项${'乙'.repeat(500_000)}`;
    const after = before.replace('3项', '4项');
    const { measures } = changeValues(['measures'], column, { measures: before }, { measures: after }, NAMES);
    // 500,004 characters agree; the excerpt starts 10 before the first that differs, cut on both sides.
    const shown = `…${'甲'.repeat(6)}整改完成3项${'乙'.repeat(TEXT_EXCERPT - 12)}…`;
    expect(measures).toEqual({
      from: { zh: shown, en: shown },
      to: { zh: shown.replace('3项', '4项'), en: shown.replace('3项', '4项') },
    });
    expect([...shown].length).toBe(TEXT_EXCERPT + 2);
  });

  it('never cut a character in two (𠮷 is two UTF-16 units)', () => {
    for (const lead of ['', 'x']) {
      const before = `${lead}${'𠮷'.repeat(40)}A${'𠮷'.repeat(40)}`;
      const { title } = changeValues(
        ['title'],
        column,
        { title: before },
        { title: before.replace('A', 'B') },
        NAMES,
      );
      for (const text of [title!.from.zh, title!.to.zh]) {
        // No lone half of a pair.
        expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
        expect(text).toMatch(/^…𠮷+[AB]𠮷+…$/u);
      }
    }
  });

  it('show a text that is short whole, and an empty one as empty', () => {
    expect(
      changeValues(
        ['title', 'person'],
        column,
        { title: '食堂', person: null },
        { title: '学校食堂', person: '张三' },
        NAMES,
      ),
    ).toEqual({
      title: { from: { zh: '食堂', en: '食堂' }, to: { zh: '学校食堂', en: '学校食堂' } },
      person: { from: { zh: '（空）', en: '(empty)' }, to: { zh: '张三', en: '张三' } },
    });
  });

  it('show days and moments as the pages write them, a moment at midnight as its day, no deadline as ongoing', () => {
    expect(
      changeValues(
        ['deadline', 'closedAt', 'rectifiedAt'],
        (f) =>
          ({ deadline: 'deadline', closedAt: 'closed_at', rectifiedAt: 'rectified_at' })[f as string] ?? f,
        { deadline: null, closed_at: '2026-11-19T23:59:30', rectified_at: '2026-11-20T00:00:00' },
        { deadline: '2026-12-01T17:30:00', closed_at: null, rectified_at: '2026-11-21T08:05:00' },
        NAMES,
      ),
    ).toEqual({
      deadline: {
        from: { zh: '长期坚持', en: 'Ongoing' },
        to: { zh: '2026年12月1日 17:30', en: 'Dec 1, 2026, 17:30' },
      },
      closedAt: {
        from: { zh: '2026年11月19日 23:59', en: 'Nov 19, 2026, 23:59' },
        to: { zh: '（空）', en: '(empty)' },
      },
      rectifiedAt: {
        from: { zh: '2026年11月20日', en: 'Nov 20, 2026' },
        to: { zh: '2026年11月21日 08:05', en: 'Nov 21, 2026, 08:05' },
      },
    });
  });

  it('name departments, campaigns and domains, and words for codes, in each language', () => {
    expect(
      changeValues(
        ['campaign', 'domain', 'source', 'department', 'participants', 'rectificationType', 'handlingMode'],
        (f) =>
          ({
            campaign: 'campaign_id',
            domain: 'domain_id',
            department: 'department_id',
            rectificationType: 'rectification_type',
            handlingMode: 'handling_mode',
          })[f as string] ?? f,
        {
          campaign_id: 1,
          domain_id: null,
          source: 'hotline',
          department_id: 21,
          participants: [],
          rectification_type: 'phased',
          handling_mode: null,
        },
        {
          campaign_id: 2,
          domain_id: 7,
          source: 'look_back',
          department_id: 22,
          participants: [21, 24],
          rectification_type: 'long_term',
          handling_mode: 'on_site',
        },
        NAMES,
      ),
    ).toEqual({
      campaign: { from: { zh: '活动1', en: 'Campaign 1' }, to: { zh: '活动2', en: 'Campaign 2' } },
      domain: { from: { zh: '（空）', en: '(empty)' }, to: { zh: '领域7', en: 'Domain 7' } },
      source: { from: { zh: '热线', en: 'Hotline' }, to: { zh: '回头看', en: 'Look-back review' } },
      department: { from: { zh: '部门21', en: 'Department 21' }, to: { zh: '部门22', en: 'Department 22' } },
      participants: {
        from: { zh: '（空）', en: '(empty)' },
        to: { zh: '部门21、部门24', en: 'Department 21, Department 24' },
      },
      rectificationType: {
        from: { zh: '分阶段整改', en: 'Phased' },
        to: { zh: '长期坚持', en: 'Long-term' },
      },
      handlingMode: { from: { zh: '（空）', en: '(empty)' }, to: { zh: '上门办', en: 'On-site' } },
    });
  });
});
