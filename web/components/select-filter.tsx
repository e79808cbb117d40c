import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { referenceOptions } from '../api/figures.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { useLang } from '../i18n/use-lang.ts';
import { pick, useT } from '../i18n/use-t.ts';

export interface Choice {
  value: string;
  label: string;
}

/** A labelled select whose first option ("all …") means no filter; the value lives in the URL. */
export function SelectFilter(props: {
  name: string;
  label: string;
  allLabel: string;
  value: string | undefined;
  onChange: (value: string) => void;
  choices?: Choice[];
  /** Options given as elements instead of choices (e.g. grouped). */
  children?: ReactNode;
  /** Shown after the select, inside its label (e.g. a field that narrows its options). */
  after?: ReactNode;
}) {
  const select = (
    <select name={props.name} value={props.value ?? ''} onChange={(e) => props.onChange(e.target.value)}>
      <option value="">{props.allLabel}</option>
      {props.choices?.map((c) => (
        <option key={c.value} value={c.value}>
          {c.label}
        </option>
      ))}
      {props.children}
    </select>
  );
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the select (made above) is inside the label
    <label>
      <span>{props.label}</span>
      {props.after ? (
        <span className="select-and-find">
          {select}
          {props.after}
        </span>
      ) : (
        select
      )}
    </label>
  );
}

/** The campaigns, the domains of a campaign (all when none), the sources and the peer groups, labelled. */
export function useScopeChoices(campaign: string | undefined) {
  const t = useT();
  const lang = useLang();
  const ref = useQuery(referenceOptions()).data;
  const named = (x: { code: string; nameZh: string; nameEn: string }) => ({
    value: x.code,
    label: pick(lang, x.nameZh, x.nameEn),
  });
  return {
    campaigns: ref?.campaigns.map(named) ?? [],
    domains: ref?.domains.filter((d) => !campaign || d.campaignCode === campaign).map(named) ?? [],
    sources: ref?.sources.map((s) => ({ value: s, label: t(`source.${s}` as MessageKey) })) ?? [],
    peerGroups: ref?.peerGroups.map(named) ?? [],
  };
}
