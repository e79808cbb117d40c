import { formatNumber } from '../i18n/format.ts';
import { useLang } from '../i18n/use-lang.ts';
import { useT } from '../i18n/use-t.ts';

/** A rank change: ▲3 climbed three places, ▼2 fell two, ＝ unchanged, "new" when not ranked before. */
export function RankChange({ change }: { change: number | null }) {
  const t = useT();
  const lang = useLang();
  if (change === null)
    return (
      <span className="rank-change rank-new" title={t('rankChange.newTitle')}>
        {t('rankChange.new')}
      </span>
    );
  if (change === 0)
    return (
      <span className="rank-change rank-same" title={t('rankChange.same')}>
        <span aria-hidden="true">＝</span>
        <span className="sr-only">{t('rankChange.same')}</span>
      </span>
    );
  const up = change > 0;
  const label = t(up ? 'rankChange.up' : 'rankChange.down', { n: Math.abs(change) });
  return (
    <span className={up ? 'rank-change rank-up' : 'rank-change rank-down'} title={label}>
      <span aria-hidden="true">
        {up ? '▲' : '▼'}
        {formatNumber(lang, Math.abs(change))}
      </span>
      <span className="sr-only">{label}</span>
    </span>
  );
}
