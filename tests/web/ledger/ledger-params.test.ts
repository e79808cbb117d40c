import { describe, expect, it } from 'vitest';
import { itemsExportUrl } from '../../../web/api/exports.ts';
import {
  clearedLedgerSearch,
  isFiltered,
  lastPage,
  readLedgerParams,
  toFilterQuery,
  toItemQuery,
  withLedgerParam,
} from '../../../web/features/ledger/ledger-params.ts';

const read = (qs: string) => readLedgerParams(new URLSearchParams(qs));

describe('ledger params in the URL', () => {
  it('default to the newest registrations, page 1, no filter', () => {
    expect(read('')).toEqual({ sort: 'registered', page: 1 });
    expect(isFiltered(read(''))).toBe(false);
  });

  it('read control characters in a search as spaces (the server refuses them)', () => {
    expect(read('q=%E7%8F%AD%09%E9%A2%9D%0A%0Bx').q).toBe('班 额 x');
    expect(read('q=%01%02').q).toBeUndefined();
  });

  it('read every filter, the search, the sort and the page', () => {
    expect(
      read(
        'q=%E7%8F%AD%E9%A2%9D&campaign=C-CONDUCT&domain=oversized&source=hotline&department=D21&status=in_progress&light=red&overdue=true&voided=true&sort=deadline&page=3',
      ),
    ).toEqual({
      q: '班额',
      campaign: 'C-CONDUCT',
      domain: 'oversized',
      source: 'hotline',
      department: 'D21',
      status: 'in_progress',
      light: 'red',
      overdue: true,
      voided: true,
      sort: 'deadline',
      page: 3,
    });
  });

  it.each([
    ['source=rumour', { sort: 'registered', page: 1 }],
    ['status=done', { sort: 'registered', page: 1 }],
    ['light=blue', { sort: 'registered', page: 1 }],
    ['overdue=yes', { sort: 'registered', page: 1 }],
    ['sort=random', { sort: 'registered', page: 1 }],
    ['page=0', { sort: 'registered', page: 1 }],
    ['page=2.5', { sort: 'registered', page: 1 }],
    ['page=-4', { sort: 'registered', page: 1 }],
    ['q=%20%20', { sort: 'registered', page: 1 }],
  ])('leave out a malformed value (%s)', (qs, expected) => {
    expect(read(qs)).toEqual(expected);
  });

  it('cut an overlong search to what the API accepts', () => {
    expect(read(`q=${'x'.repeat(150)}`).q).toHaveLength(100);
  });

  it('go back to page 1 when a filter, the search or the sort changes, not when paging', () => {
    const on3 = new URLSearchParams('status=closed&page=3');
    expect(withLedgerParam(on3, 'light', 'red').toString()).toBe('status=closed&light=red');
    expect(withLedgerParam(on3, 'q', '停车').get('page')).toBeNull();
    expect(withLedgerParam(on3, 'sort', 'code').get('page')).toBeNull();
    expect(withLedgerParam(on3, 'page', '4').toString()).toBe('status=closed&page=4');
  });

  it('drop a value that is empty or the default', () => {
    const qs = new URLSearchParams('status=closed&sort=deadline&page=2');
    expect(withLedgerParam(qs, 'status', '').toString()).toBe('sort=deadline');
    expect(withLedgerParam(qs, 'sort', 'registered').toString()).toBe('status=closed');
    expect(withLedgerParam(qs, 'page', '1').toString()).toBe('status=closed&sort=deadline');
  });

  it("drop the domain when the campaign changes (domains belong to one campaign's list)", () => {
    const qs = new URLSearchParams('campaign=C-CONDUCT&domain=oversized');
    expect(withLedgerParam(qs, 'campaign', 'C-EFFICIENCY').toString()).toBe('campaign=C-EFFICIENCY');
  });

  it('clear every filter but keep the sort and what is not the ledger’s', () => {
    const qs = new URLSearchParams('q=x&status=closed&overdue=true&sort=code&page=5&lang=en');
    expect(clearedLedgerSearch(qs).toString()).toBe('sort=code&lang=en');
  });

  it('become the API query: filters as strings, the default sort left out, paging added', () => {
    const p = read('status=closed&overdue=true&sort=deadline&page=2');
    expect(toFilterQuery(p)).toEqual({ status: 'closed', overdue: 'true', sort: 'deadline' });
    expect(toItemQuery(p)).toEqual({
      status: 'closed',
      overdue: 'true',
      sort: 'deadline',
      page: '2',
      pageSize: '50',
    });
    expect(toFilterQuery(read('q=a'))).toEqual({ q: 'a' });
  });

  it('round-trip: the URL a change writes reads back as that change', () => {
    let qs = new URLSearchParams();
    qs = withLedgerParam(qs, 'department', 'D21');
    qs = withLedgerParam(qs, 'light', 'yellow');
    qs = withLedgerParam(qs, 'page', '2');
    expect(read(qs.toString())).toEqual({ department: 'D21', light: 'yellow', sort: 'registered', page: 2 });
  });

  it('export links carry the same filters and the app language, not the page', () => {
    const url = itemsExportUrl('xlsx', toFilterQuery(read('status=closed&q=停车&page=4')), 'zh-CN');
    expect(url.startsWith('/api/exports/items.xlsx?')).toBe(true);
    const qs = new URLSearchParams(url.split('?')[1]);
    expect(Object.fromEntries(qs)).toEqual({ status: 'closed', q: '停车', lang: 'zh-CN' });
  });

  it('count the pages of a total', () => {
    expect([lastPage(0), lastPage(1), lastPage(50), lastPage(51)]).toEqual([1, 1, 1, 2]);
  });
});
