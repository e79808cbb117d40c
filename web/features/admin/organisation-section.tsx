import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { type OrganisationInput, organisationOptions, saveOrganisation } from '../../api/organisation.ts';
import { formFields } from '../../components/form-fields.ts';
import { QueryState } from '../../components/query-state.tsx';
import { SuccessLine } from '../../components/success-line.tsx';
import { useT } from '../../i18n/use-t.ts';
import { ActionError } from '../ledger/action-error.tsx';

const FIELDS = [
  { name: 'nameZh', max: 60, required: false },
  { name: 'nameEn', max: 120, required: false },
  { name: 'areaZh', max: 4, required: true },
  { name: 'areaEn', max: 30, required: true },
] as const;

/** 单位信息: the name heading the bulletin, the big screen and the pages outside the app; the rank's area. */
export function OrganisationSection() {
  const t = useT();
  const client = useQueryClient();
  const query = useQuery(organisationOptions());
  const [saved, setSaved] = useState(false);
  const mutation = useMutation({
    mutationFn: saveOrganisation,
    onSuccess: (answer) => {
      client.setQueryData(organisationOptions().queryKey, answer);
      setSaved(true);
    },
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const { text } = formFields(e.currentTarget);
    setSaved(false);
    mutation.mutate(Object.fromEntries(FIELDS.map((f) => [f.name, text(f.name)])) as OrganisationInput);
  };
  return (
    <section className="admin-section" aria-labelledby="organisation-title">
      <h2 id="organisation-title">{t('adminNav.organisation')}</h2>
      <QueryState query={query}>
        {({ organisation }) => (
          <form className="action-form organisation-form" onSubmit={submit} data-testid="organisation-form">
            <div className="edit-grid">
              {FIELDS.map((f) => (
                <label className="field" key={f.name}>
                  <span>{t(`organisation.${f.name}`)}</span>
                  <input
                    name={f.name}
                    maxLength={f.max}
                    required={f.required}
                    defaultValue={organisation[f.name]}
                    onChange={() => setSaved(false)}
                  />
                  <small className="muted">{t(`organisation.${f.name}Hint`)}</small>
                </label>
              ))}
            </div>
            <ActionError error={mutation.error} />
            <div className="form-buttons">
              <button type="submit" className="primary-button" disabled={mutation.isPending}>
                {t('users.save')}
              </button>
              <SuccessLine inline message={saved && t('organisation.saved')} testId="organisation-saved" />
            </div>
          </form>
        )}
      </QueryState>
    </section>
  );
}
