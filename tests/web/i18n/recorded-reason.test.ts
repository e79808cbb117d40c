import { describe, expect, it } from 'vitest';
import { reasonIn } from '../../../web/i18n/recorded-reason.ts';

describe('a recorded reason in the reader’s language', () => {
  it.each([
    // What an import records now: the ledger's language only.
    ['导入台账：整改状态为“整改中”', '导入台账：整改状态为“整改中”', 'Imported ledger: status "In progress"'],
    [
      '导入台账：整改状态为“已整改待验收”',
      '导入台账：整改状态为“已整改待验收”',
      'Imported ledger: status "Rectified, awaiting verification"',
    ],
    // What imports recorded before: both languages in one string, kept as recorded, read the same way.
    [
      '导入台账：整改状态为“整改中” / Imported ledger: status "In progress"',
      '导入台账：整改状态为“整改中”',
      'Imported ledger: status "In progress"',
    ],
    ['导入台账记载的延期', '导入台账记载的延期', 'Extension recorded in an imported ledger'],
    [
      '导入台账记载的延期 / Extension recorded in an imported ledger',
      '导入台账记载的延期',
      'Extension recorded in an imported ledger',
    ],
    // A person's own words, in whatever language they wrote them.
    ['回头看发现食堂仍未整改', '回头看发现食堂仍未整改', '回头看发现食堂仍未整改'],
    ['Look-back: not fixed / 回头看', 'Look-back: not fixed / 回头看', 'Look-back: not fixed / 回头看'],
    [
      '导入台账：整改状态为“整改中”，另见附件',
      '导入台账：整改状态为“整改中”，另见附件',
      '导入台账：整改状态为“整改中”，另见附件',
    ],
  ])('%s reads %s / %s', (recorded, zh, en) => {
    expect(reasonIn('zh-CN', recorded)).toBe(zh);
    expect(reasonIn('en', recorded)).toBe(en);
  });
});
