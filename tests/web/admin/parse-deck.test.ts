import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../../web/features/admin/parse-deck.ts';

describe('the deck settings typed for a display link', () => {
  it.each([
    ['', { deck: null }],
    ['   ', { deck: null }],
    ['{"campaign": "C2", "interval": 15}', { deck: { campaign: 'C2', interval: 15 } }],
    ['{}', { deck: {} }],
    ['["headline"]', null],
    ['15', null],
    ['null', null],
    ['{"campaign": ', null],
  ])('%j → %j', (text, expected) => {
    expect(parseDeck(text)).toEqual(expected);
  });
});
