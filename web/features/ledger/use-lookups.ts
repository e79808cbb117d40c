import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { departmentListOptions } from '../../api/departments.ts';
import { referenceOptions } from '../../api/figures.ts';
import { DASH, formatList } from '../../i18n/format.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { pick, useT } from '../../i18n/use-t.ts';
import { formatDeadline, formatMoment } from './format.ts';
import type { HistoryField } from './history.ts';

/** Names for the ids and codes an item holds (departments, campaigns, domains), in the user's language. */
export function useLookups() {
  const lang = useLang();
  const reference = useQuery(referenceOptions());
  const departments = useQuery(departmentListOptions());
  return useMemo(() => {
    const ref = reference.data;
    const list = departments.data?.departments ?? [];
    const byId = new Map(list.map((d) => [d.id, d]));
    const byCode = new Map(list.map((d) => [d.code, d]));
    const domainsById = new Map((ref?.domains ?? []).map((d) => [d.id, d]));
    const domainsByCode = new Map((ref?.domains ?? []).map((d) => [d.code, d]));
    const campaigns = new Map((ref?.campaigns ?? []).map((c) => [c.code, c]));
    const name = (x: { nameZh: string; nameEn: string } | undefined, fallback: string) =>
      x ? pick(lang, x.nameZh, x.nameEn) : fallback;
    return {
      ready: ref !== undefined && departments.data !== undefined,
      reference: ref,
      departments: list,
      department: (id: number | null | undefined) =>
        id === null || id === undefined ? DASH : name(byId.get(id), `#${id}`),
      departmentByCode: (code: string | null | undefined) => (code ? name(byCode.get(code), code) : DASH),
      domain: (id: number | null | undefined) =>
        id === null || id === undefined ? DASH : name(domainsById.get(id), `#${id}`),
      domainByCode: (code: string | null | undefined) => (code ? name(domainsByCode.get(code), code) : DASH),
      campaign: (code: string | null | undefined) => (code ? name(campaigns.get(code), code) : DASH),
    };
  }, [lang, reference.data, departments.data]);
}

/** A history value as text: statuses, sources and types by name, departments and domains by name, dates by language. */
export function useHistoryValue() {
  const t = useT();
  const lang = useLang();
  const lookups = useLookups();
  return useCallback(
    (field: HistoryField, value: unknown): string => {
      if (value === null || value === undefined || value === '') return DASH;
      switch (field) {
        case 'status':
          return t(`status.${value}` as MessageKey);
        case 'source':
          return t(`source.${value}` as MessageKey);
        case 'rectification_type':
          return t(`rectificationType.${value}` as MessageKey);
        case 'handling_mode':
          return t(`handlingMode.${value}` as MessageKey);
        case 'department_id':
          return lookups.department(Number(value));
        case 'participants':
          return Array.isArray(value) && value.length > 0
            ? formatList(
                lang,
                value.map((id) => lookups.department(Number(id))),
              )
            : DASH;
        case 'domain_id':
          return lookups.domain(Number(value));
        case 'deadline':
        case 'requested_deadline':
        case 'original_deadline':
          // A null value is the dash above: a history value here is always a day or a moment.
          return formatDeadline(lang, t, String(value), {});
        case 'registered_at':
        case 'assigned_at':
        case 'first_response_at':
        case 'rectified_at':
        case 'closed_at':
          return formatMoment(lang, String(value));
        case 'due_on':
          return formatDeadline(lang, t, String(value), {});
        case 'done_at':
          return formatMoment(lang, String(value));
        case 'voided':
          return value ? t('item.yes') : t('item.no');
        default:
          return String(value);
      }
    },
    [t, lang, lookups],
  );
}
