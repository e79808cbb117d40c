import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../../../web/api/client.ts';
import {
  figureItemsOptions,
  figureKeys,
  rankingOptions,
  retryUnlessRefused,
  scopeQuery,
} from '../../../web/api/figures.ts';

describe('figures query options', () => {
  it('drops empty params so equal scopes share a key', () => {
    expect(scopeQuery({ campaign: 'C', domain: '', source: undefined, asOf: '2026-11-15' })).toEqual({
      campaign: 'C',
      asOf: '2026-11-15',
    });
    expect(rankingOptions({ campaign: 'C', domain: '' }).queryKey).toEqual(
      rankingOptions({ campaign: 'C' }).queryKey,
    );
  });

  it('puts every input of a query in its key as one params object', () => {
    expect(rankingOptions({ peerGroup: 'social', asOf: '2026-11-15' }).queryKey).toEqual([
      'figures',
      'ranking',
      { peerGroup: 'social', asOf: '2026-11-15' },
    ]);
    expect(
      figureItemsOptions({ department: 'D21', figure: 'red', part: 'numerator', page: 2, pageSize: 10 })
        .queryKey,
    ).toEqual([
      'figures',
      'items',
      { department: 'D21', figure: 'red', part: 'numerator', page: 2, pageSize: 10 },
    ]);
  });

  it('keeps different figures, parts and pages apart', () => {
    const base = { figure: 'overdue', part: 'numerator', page: 1, pageSize: 20 } as const;
    const keys = [
      figureItemsOptions(base).queryKey,
      figureItemsOptions({ ...base, part: 'denominator' }).queryKey,
      figureItemsOptions({ ...base, page: 2 }).queryKey,
      figureItemsOptions({ ...base, figure: 'closed' }).queryKey,
    ].map((k) => JSON.stringify(k));
    expect(new Set(keys).size).toBe(4);
    expect(figureKeys.all).toEqual(['figures']);
  });
});

describe('retrying a failed figures request', () => {
  it.each([
    [0, new ApiRequestError(404, 'not_found', 'No campaign "X"'), false],
    [0, new ApiRequestError(400, 'invalid_parameter', 'bad asOf'), false],
    [0, new ApiRequestError(500, 'internal', 'boom'), true],
    [2, new ApiRequestError(503, 'http_error', 'HTTP 503'), true],
    [3, new ApiRequestError(500, 'internal', 'boom'), false],
    [0, new TypeError('Failed to fetch'), true],
  ])('after %s failures, %o is retried: %s', (failures, error, expected) => {
    expect(retryUnlessRefused(failures, error)).toBe(expected);
  });
});
