import { useQuery } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { STATUSES } from '../../../server/domain/lifecycle.ts';
import { departmentListOptions } from '../../api/departments.ts';
import { referenceOptions } from '../../api/figures.ts';
import { FindField, useFind } from '../../components/find-field.tsx';
import { InactiveButton } from '../../components/inactive-button.tsx';
import { SelectFilter, useScopeChoices } from '../../components/select-filter.tsx';
import { formatNumber } from '../../i18n/format.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { pick, useT } from '../../i18n/use-t.ts';
import { groupByPeerGroup } from '../departments/group-by-peer-group.ts';
import { isFiltered, type LedgerParams, LIGHTS, SORTS } from './ledger-params.ts';
import { useActingUser } from './use-acting-user.ts';
import { useLedgerParams } from './use-ledger-params.ts';

const LIGHT_ICONS = { red: '●', yellow: '▲', green: '■' } as const;

/** The filters a phone folds under "more filters" (its selects). */
const FOLDED = ['campaign', 'domain', 'source', 'department', 'status', 'light'] as const;

/** Search (title, ledger code, person), the filters and the sort of the ledger table, all in the URL. */
export function LedgerFilters({ params }: { params: LedgerParams }) {
  const t = useT();
  const lang = useLang();
  const { set, clear } = useLedgerParams();
  const choices = useScopeChoices(params.campaign);
  const departments = useQuery(departmentListOptions());
  const find = useFind(departments.data?.departments.length ?? 0);
  const warningDays = useQuery(referenceOptions()).data?.warningDays;
  // A department's liaison reads every department's items, and works on its own: one click to them.
  const own = useActingUser()?.departmentCode ?? null;
  const [q, setQ] = useState(params.q ?? '');
  // On a phone the selects wait behind "more filters" (the search and the checks stay): otherwise
  // they fill the first screen, and the items start below it.
  const [more, setMore] = useState(false);
  const folded = FOLDED.filter(
    (key) => params[key] !== undefined && !(key === 'department' && params[key] === own),
  ).length;
  // The URL wins: back and forward, or "clear filters", put its search into the box.
  useEffect(() => setQ(params.q ?? ''), [params.q]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    set('q', q.trim());
  };

  return (
    <form
      className={more ? 'filter-bar ledger-filters is-open' : 'filter-bar ledger-filters'}
      aria-label={t('filters.label')}
      onSubmit={submit}
    >
      <label className="ledger-search">
        <span>{t('ledger.search')}</span>
        <span className="search-box">
          <input
            type="search"
            name="q"
            value={q}
            maxLength={100}
            placeholder={t('ledger.searchPlaceholder')}
            onChange={(e) => {
              setQ(e.target.value);
              if (e.target.value === '' && params.q) set('q', '');
            }}
          />
          <button type="submit" className="search-button">
            {t('ledger.searchButton')}
          </button>
        </span>
      </label>
      <SelectFilter
        name="campaign"
        label={t('filters.campaign')}
        allLabel={t('filters.allCampaigns')}
        value={params.campaign}
        onChange={(v) => set('campaign', v)}
        choices={choices.campaigns}
      />
      <SelectFilter
        name="domain"
        label={t('filters.domain')}
        allLabel={t('filters.allDomains')}
        value={params.domain}
        onChange={(v) => set('domain', v)}
        choices={choices.domains}
      />
      <SelectFilter
        name="source"
        label={t('filters.source')}
        allLabel={t('filters.allSources')}
        value={params.source}
        onChange={(v) => set('source', v)}
        choices={choices.sources}
      />
      <SelectFilter
        name="department"
        label={t('items.department')}
        allLabel={t('ledger.allDepartments')}
        value={params.department}
        onChange={(v) => set('department', v)}
        after={<FindField find={find} />}
      >
        {groupByPeerGroup(departments.data?.departments ?? []).map((g) => (
          <optgroup
            key={g.code}
            label={pick(lang, g.nameZh, g.nameEn)}
            hidden={g.departments.every(find.hides)}
          >
            {g.departments.map((d) => (
              <option key={d.code} value={d.code} hidden={find.hides(d)}>
                {pick(lang, d.nameZh, d.nameEn)}
              </option>
            ))}
          </optgroup>
        ))}
      </SelectFilter>
      <SelectFilter
        name="status"
        label={t('items.status')}
        allLabel={t('ledger.allStatuses')}
        value={params.status}
        onChange={(v) => set('status', v)}
        choices={STATUSES.map((s) => ({ value: s, label: t(`status.${s}` as MessageKey) }))}
      />
      <SelectFilter
        name="light"
        label={t('ledger.light')}
        allLabel={t('ledger.allLights')}
        value={params.light}
        onChange={(v) => set('light', v)}
        choices={LIGHTS.map((l) => ({
          value: l,
          label: `${LIGHT_ICONS[l]} ${t(`light.${l}`)} · ${
            l === 'yellow' && warningDays !== undefined
              ? t('light.yellow.meaningDays', { days: formatNumber(lang, warningDays) })
              : t(`light.${l}.meaning`)
          }`,
        }))}
      />
      <label>
        <span>{t('ledger.sort')}</span>
        <select name="sort" value={params.sort} onChange={(e) => set('sort', e.target.value)}>
          {SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`ledger.sort.${s}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <span className="filter-checks">
        {own && (
          <FilterCheck
            name="own"
            on={params.department === own}
            onToggle={(on) => set('department', on ? own : '')}
          >
            {t('ledger.ownOnly')}
          </FilterCheck>
        )}
        <FilterCheck
          name="overdue"
          on={params.overdue === true}
          onToggle={(on) => set('overdue', on ? 'true' : '')}
        >
          {t('ledger.overdueOnly')}
        </FilterCheck>
        <FilterCheck
          name="voided"
          on={params.voided === true}
          onToggle={(on) => set('voided', on ? 'true' : '')}
        >
          {t('ledger.voidedOnly')}
        </FilterCheck>
      </span>
      <button
        type="button"
        className="secondary-button more-filters"
        aria-expanded={more}
        data-testid="more-filters"
        onClick={() => setMore(!more)}
      >
        {more
          ? t('ledger.fewerFilters')
          : folded > 0
            ? t('ledger.moreFiltersSet', { n: formatNumber(lang, folded) })
            : t('ledger.moreFilters')}
      </button>
      <InactiveButton className="link-button" active={isFiltered(params)} onClick={clear}>
        {t('filters.reset')}
      </InactiveButton>
    </form>
  );
}

/**
 * A checkbox filter kept in the URL. The router writes the URL in a transition, so the box holds
 * the click itself until the URL catches up; bound to the URL alone it would spring back meanwhile.
 */
function FilterCheck(props: {
  name: string;
  on: boolean;
  onToggle: (on: boolean) => void;
  children: ReactNode;
}) {
  const [checked, setChecked] = useState(props.on);
  useEffect(() => setChecked(props.on), [props.on]);
  return (
    <label className="inline-check">
      <input
        type="checkbox"
        name={props.name}
        checked={checked}
        onChange={(e) => {
          setChecked(e.target.checked);
          props.onToggle(e.target.checked);
        }}
      />
      {props.children}
    </label>
  );
}
