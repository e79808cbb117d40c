import { describe, expect, it } from 'vitest';
import {
  FIELD_LABELS,
  matchHeader,
  parseRectificationTypeWord,
  parseStatusWord,
  RECTIFICATION_TYPE_LABELS,
  STATUS_LABELS,
} from '../../server/import/vocabulary.ts';
import { messages } from '../../web/i18n/messages.ts';

describe('one name per field: export headers and messages say what the web says (GLOSSARY.md)', () => {
  it.each([
    ['description', '问题描述', 'importField.description'],
    ['department', '牵头部门', 'importField.department'],
    ['participants', '参与单位', 'importField.participants'],
    ['person', '第一责任人', 'importField.person'],
    ['deadline', '整改期限', 'importField.deadline'],
    ['originalDeadline', '原整改期限', 'importField.originalDeadline'],
  ] as const)('%s is %s, as on the import page', (field, zh, key) => {
    expect(FIELD_LABELS[field].zh).toBe(zh);
    expect(messages['zh-CN'][key]).toBe(zh);
  });

  it('names the status "rectified" as the web does', () => {
    expect(STATUS_LABELS.rectified.zh).toBe(messages['zh-CN']['status.rectified']);
    expect(STATUS_LABELS.rectified.zh).toBe('已整改待验收');
    expect(STATUS_LABELS.rectified.en).toBe(messages.en['status.rectified']);
  });

  it('names the rectification type "immediate" as GLOSSARY.md does, on the item page and in exports', () => {
    // GLOSSARY.md: 立查立改、即知即改 → "fix at once" (the speech: 能够当下改的，立查立改、即知即改).
    expect(RECTIFICATION_TYPE_LABELS.immediate).toEqual({ zh: '立查立改', en: 'Fix at once' });
    expect(messages['zh-CN']['rectificationType.immediate']).toBe('立查立改');
    expect(messages.en['rectificationType.immediate']).toBe('Fix at once');
  });
});

describe('the words offices used before, still read', () => {
  it.each([
    ['牵头单位', 'department'],
    ['配合单位', 'participants'],
    ['责任人', 'person'],
    ['整改时限', 'deadline'],
    ['原整改时限', 'originalDeadline'],
    ['问题详情', 'description'],
  ])('header %s reads as %s', (header, field) => {
    expect(matchHeader(header)?.field).toBe(field);
  });

  it('reads 问题描述 as the description when a title column stands beside it, as export writes them', () => {
    expect(matchHeader('问题描述')).toMatchObject({ field: 'title', fallback: 'description' });
  });

  it.each(['立行立改', 'Immediate', '即知即改'])('reads the rectification type %s as immediate', (word) => {
    expect(parseRectificationTypeWord(word)).toBe('immediate');
  });

  it('reads the status words 待验收 and 已整改待验收 as rectified', () => {
    expect(parseStatusWord('待验收')).toBe('rectified');
    expect(parseStatusWord('已整改待验收')).toBe('rectified');
    // The English the app and its exports write, and the single word earlier exports wrote.
    expect(parseStatusWord('Rectified, awaiting verification')).toBe('rectified');
    expect(parseStatusWord('Rectified')).toBe('rectified');
  });
});
