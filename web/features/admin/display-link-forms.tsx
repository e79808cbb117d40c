import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { DECK_LIMITS, DEPARTMENTS_SHOWN } from '../../../server/screen/deck-shape.ts';
import {
  type CreatedDisplayLink,
  createDisplayLink,
  type DisplayLinkRow,
  displayLinkKeys,
  type SavedDeckInput,
  updateDisplayLinkDeck,
} from '../../api/display-links.ts';
import { ModalDialog } from '../../components/modal-dialog.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { useT } from '../../i18n/use-t.ts';
import { type DeckDraft, type DeckProblem, deckOf, draftOf } from './deck-draft.ts';
import { DeckFields } from './deck-fields.tsx';

/**
 * The deck form's state, and on submit either the deck to save or the reason it cannot be saved. The
 * forms skip the browser's own checks (noValidate), whose messages follow the browser's language, not
 * the app's; the server names any field it refuses.
 */
function useDeckDraft(initial: DeckDraft) {
  const [draft, setDraft] = useState(initial);
  const [problem, setProblem] = useState<DeckProblem | null>(null);
  const submit = (e: FormEvent, save: (deck: SavedDeckInput) => void) => {
    e.preventDefault();
    const result = deckOf(draft);
    setProblem('problem' in result ? result.problem : null);
    if ('deck' in result) save(result.deck);
  };
  return { draft, setDraft, problem, submit };
}

/** Why the form was not saved: a setting out of its limits, or the server's refusal (it names the field). */
function FormError({ problem, error }: { problem: DeckProblem | null; error: Error | null }) {
  const t = useT();
  if (!problem && !error) return null;
  return (
    <p className="form-error" role="alert">
      {problem === 'noSlides'
        ? t('links.problem.noSlides')
        : problem
          ? t(
              `links.problem.${problem}` as MessageKey,
              problem === 'departments' ? DEPARTMENTS_SHOWN : DECK_LIMITS[problem],
            )
          : error?.message}
    </p>
  );
}

export function AddLinkForm({ onCreated }: { onCreated: (created: CreatedDisplayLink) => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const deck = useDeckDraft(draftOf(null));
  const mutation = useMutation({
    mutationFn: (saved: SavedDeckInput) => createDisplayLink({ name, deck: saved }),
    onSuccess: (created) => {
      onCreated(created);
      setName('');
      deck.setDraft(draftOf(null));
      return queryClient.invalidateQueries({ queryKey: displayLinkKeys.all });
    },
  });
  return (
    <form
      noValidate
      className="form-panel admin-form"
      aria-labelledby="add-link-title"
      onSubmit={(e) => deck.submit(e, (saved) => mutation.mutate(saved))}
    >
      <h3 id="add-link-title">{t('links.add')}</h3>
      <label className="field deck-name">
        <span>{t('links.name')}</span>
        <input
          name="linkName"
          required
          maxLength={100}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <DeckFields draft={deck.draft} onChange={deck.setDraft} />
      <FormError problem={deck.problem} error={mutation.error} />
      <div className="deck-buttons">
        <button type="submit" className="primary-button" disabled={mutation.isPending}>
          {t('links.create')}
        </button>
      </div>
    </form>
  );
}

/** Changes a live link's deck in place: same token, so the screens pick it up at their next refresh. */
export function EditDeckDialog({
  link,
  onClose,
  onSaved,
}: {
  link: DisplayLinkRow;
  onClose: () => void;
  onSaved: (name: string) => void;
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const deck = useDeckDraft(draftOf(link.deck));
  const mutation = useMutation({
    mutationFn: (saved: SavedDeckInput) => updateDisplayLinkDeck(link.id, saved),
    onSuccess: () => {
      onSaved(link.name);
      return queryClient.invalidateQueries({ queryKey: displayLinkKeys.all });
    },
  });
  return (
    <ModalDialog title={t('links.editDeck', { name: link.name })} onClose={onClose} testId="deck-dialog">
      <form noValidate onSubmit={(e) => deck.submit(e, (saved) => mutation.mutate(saved))}>
        <p className="subtitle">{t('links.editDeckExplain')}</p>
        <DeckFields draft={deck.draft} onChange={deck.setDraft} />
        <FormError problem={deck.problem} error={mutation.error} />
        <div className="deck-buttons">
          <button type="submit" className="primary-button" disabled={mutation.isPending}>
            {t('users.save')}
          </button>
          <button type="button" className="secondary-button" onClick={onClose}>
            {t('users.cancel')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
