import { useQuery } from '@tanstack/react-query';
import {
  DECK_LANGS,
  DECK_LIMITS,
  DEPARTMENTS_SHOWN,
  type SavedDeck,
} from '../../../server/screen/deck-shape.ts';
import { campaignListOptions } from '../../api/admin-data.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { pick, useT } from '../../i18n/use-t.ts';
import { type DeckDraft, moveSlide, toggleSlide } from './deck-draft.ts';

const slideName = (key: string) => `links.slide.${key}` as MessageKey;
const langName = (lang: string) => `links.lang.${lang}` as MessageKey;

/** Campaign codes with their names in the current language (the code alone until the list is in). */
function useCampaignNames() {
  const lang = useLang();
  const list = useQuery(campaignListOptions());
  const names = new Map((list.data?.campaigns ?? []).map((c) => [c.code, pick(lang, c.nameZh, c.nameEn)]));
  return { codes: [...names.keys()], name: (code: string) => names.get(code) ?? code };
}

/**
 * The deck of a display link as a form: the slides as a list of checkboxes in the order the deck shows
 * them (moved with the arrow buttons), seconds per slide and between refreshes (empty = the default),
 * the campaign and the language.
 */
export function DeckFields({ draft, onChange }: { draft: DeckDraft; onChange: (d: DeckDraft) => void }) {
  const t = useT();
  const campaigns = useCampaignNames();
  const seconds = (field: 'interval' | 'refresh', label: MessageKey) => (
    <label className="field">
      <span>{t(label, { default: DECK_LIMITS[field].default })}</span>
      <input
        name={field}
        type="number"
        inputMode="decimal"
        step="any"
        min={DECK_LIMITS[field].min}
        max={DECK_LIMITS[field].max}
        placeholder={String(DECK_LIMITS[field].default)}
        value={draft[field]}
        onChange={(e) => onChange({ ...draft, [field]: e.target.value })}
      />
    </label>
  );
  const codes = draft.campaign && !campaigns.codes.includes(draft.campaign) ? [draft.campaign] : [];
  return (
    <div className="deck-fields">
      <fieldset className="deck-slides">
        <legend>{t('links.slides')}</legend>
        <ol>
          {draft.slides.map((s, i) => (
            <li key={s.key} data-slide={s.key} className={s.on ? undefined : 'is-off'}>
              <label className="inline-check">
                <input type="checkbox" checked={s.on} onChange={() => onChange(toggleSlide(draft, i))} />
                {t(slideName(s.key))}
              </label>
              <span className="deck-move">
                <button
                  type="button"
                  className="small-button"
                  aria-label={t('links.moveUp', { slide: t(slideName(s.key)) })}
                  disabled={i === 0}
                  onClick={() => onChange(moveSlide(draft, i, -1))}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="small-button"
                  aria-label={t('links.moveDown', { slide: t(slideName(s.key)) })}
                  disabled={i === draft.slides.length - 1}
                  onClick={() => onChange(moveSlide(draft, i, 1))}
                >
                  ↓
                </button>
              </span>
            </li>
          ))}
        </ol>
      </fieldset>
      <div className="deck-settings">
        {seconds('interval', 'links.interval')}
        {seconds('refresh', 'links.refresh')}
        <label className="field">
          <span>{t('links.departments', { default: DEPARTMENTS_SHOWN.default })}</span>
          <input
            name="departments"
            type="number"
            inputMode="numeric"
            step={1}
            min={DEPARTMENTS_SHOWN.min}
            max={DEPARTMENTS_SHOWN.max}
            placeholder={String(DEPARTMENTS_SHOWN.default)}
            value={draft.departments}
            onChange={(e) => onChange({ ...draft, departments: e.target.value })}
          />
        </label>
        <label className="field">
          <span>{t('links.campaign')}</span>
          <select
            name="campaign"
            value={draft.campaign}
            onChange={(e) => onChange({ ...draft, campaign: e.target.value })}
          >
            <option value="">{t('screen.allCampaigns')}</option>
            {[...campaigns.codes, ...codes].map((code) => (
              <option key={code} value={code}>
                {campaigns.name(code)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('links.lang')}</span>
          <select
            name="lang"
            value={draft.lang}
            onChange={(e) => onChange({ ...draft, lang: e.target.value as DeckDraft['lang'] })}
          >
            <option value="">{t('links.lang.browser')}</option>
            {DECK_LANGS.map((l) => (
              <option key={l} value={l}>
                {t(langName(l))}
              </option>
            ))}
          </select>
        </label>
      </div>
    </div>
  );
}

/** A saved deck in a line or two of the link list: the slides in order, then what differs from the defaults. */
export function DeckSummary({ deck }: { deck: SavedDeck | null }) {
  const t = useT();
  const campaigns = useCampaignNames();
  const settings = [
    deck?.interval !== undefined && t('links.everySeconds', { n: deck.interval }),
    deck?.refresh !== undefined && t('links.refreshSeconds', { n: deck.refresh }),
    deck?.departments !== undefined && t('links.departmentsShown', { n: deck.departments }),
    deck?.campaign !== undefined && campaigns.name(deck.campaign),
    deck?.lang !== undefined && t(langName(deck.lang)),
  ].filter((s): s is string => typeof s === 'string');
  return (
    <span className="deck-summary">
      <span>{deck?.slides ? deck.slides.map((s) => t(slideName(s))).join(' → ') : t('links.allSlides')}</span>
      {settings.length > 0 && <span className="muted">{settings.join(' · ')}</span>}
    </span>
  );
}
