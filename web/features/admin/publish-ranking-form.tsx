import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { adminDataKeys, publishRanking } from '../../api/admin-data.ts';
import { ApiRequestError } from '../../api/client.ts';
import { useRecentWeekEnds, WeekOptions } from '../../components/filter-bar.tsx';
import { SelectFilter, useScopeChoices } from '../../components/select-filter.tsx';
import { SuccessLine } from '../../components/success-line.tsx';
import { formatPeriod, isoWeekLabel } from '../../components/weeks.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { useT } from '../../i18n/use-t.ts';
import { ActionError } from '../ledger/action-error.tsx';

const WEEKS_OFFERED = 12;

/**
 * Publishes a week's ranking (DESIGN §4): the week (as of its Sunday), the campaign or all; the period
 * is named by its ISO week. Publishing a period and scope again asks first, then replaces it (the
 * operations log keeps the earlier one).
 */
export function PublishRankingForm() {
  const t = useT();
  const lang = useLang();
  const client = useQueryClient();
  const weeks = useRecentWeekEnds(WEEKS_OFFERED);
  const choices = useScopeChoices(undefined);
  const [week, setWeek] = useState<string | null>(null);
  const [campaign, setCampaign] = useState('');
  const [published, setPublished] = useState<string | null>(null);
  const asOf = week ?? weeks[0] ?? '';
  // The ISO week holding the day: the only name the server takes for a week's ranking.
  const periodName = asOf ? isoWeekLabel(asOf) : '';
  const mutation = useMutation({
    mutationFn: (replace: boolean) =>
      publishRanking({ period: periodName, asOf, ...(campaign ? { campaign } : {}), replace }),
    onSuccess: (saved) => {
      setPublished(saved.period);
      void client.invalidateQueries({ queryKey: adminDataKeys.published() });
    },
  });
  const taken = mutation.error instanceof ApiRequestError && mutation.error.code === 'already_published';
  /** A changed field is another publication: the last outcome (and its offer to replace) no longer applies. */
  const changed = () => {
    mutation.reset();
    setPublished(null);
  };
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setPublished(null);
    mutation.mutate(false);
  };
  return (
    <form className="filter-bar publish-form" onSubmit={submit} data-testid="publish-form">
      <label>
        <span>{t('filters.asOf')}</span>
        <select
          name="asOf"
          value={asOf}
          onChange={(e) => {
            setWeek(e.target.value);
            changed();
          }}
        >
          <WeekOptions weeks={weeks} />
        </select>
      </label>
      <SelectFilter
        name="campaign"
        label={t('filters.campaign')}
        allLabel={t('filters.allCampaigns')}
        value={campaign}
        onChange={(v) => {
          setCampaign(v);
          changed();
        }}
        choices={choices.campaigns}
      />
      <label>
        <span>{t('published.period')}</span>
        <input type="text" name="period" readOnly value={periodName} />
      </label>
      <button type="submit" className="primary-button" disabled={!asOf || mutation.isPending}>
        {t('published.publish')}
      </button>
      <SuccessLine message={published && t('published.done', { period: formatPeriod(lang, published) })} />
      <div className="publish-form-error">
        <ActionError error={mutation.error} />
        {taken && (
          <button
            type="button"
            className="small-button is-danger"
            disabled={mutation.isPending}
            onClick={() => mutation.mutate(true)}
          >
            {t('published.replace', { period: formatPeriod(lang, periodName) })}
          </button>
        )}
      </div>
    </form>
  );
}
