import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { type FigureScope, figureItemsOptions, type RankingFigures } from '../../api/figures.ts';
import { Explainable, Pager } from '../../components/figure-explainer.tsx';
import { ItemTable } from '../../components/item-table.tsx';
import { LightBadge } from '../../components/light-badge.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { tabIndex, tabListKeyDown } from '../../components/tab-list.ts';
import { formatNumber } from '../../i18n/format.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { useT } from '../../i18n/use-t.ts';

const LIGHTS = ['red', 'yellow', 'green'] as const;
type Light = (typeof LIGHTS)[number];
const PAGE_SIZE = 10;

/** A department's open items by warning light: a count per light (each explains itself) and the list. */
export function LightItems({
  figures,
  scope,
  warningDays,
}: {
  figures: Pick<RankingFigures, 'lights'>;
  scope: FigureScope;
  /** The scoring profile's warning days: the yellow light says "due within 7 days". */
  warningDays: number;
}) {
  const t = useT();
  const lang = useLang();
  const [light, setLight] = useState<Light>(LIGHTS.find((l) => figures.lights[l] > 0) ?? 'red');
  const [page, setPage] = useState(1);
  const ids = useId();
  const choose = (l: Light) => {
    setLight(l);
    setPage(1);
  };
  const query = useQuery(
    figureItemsOptions({ ...scope, figure: light, part: 'numerator', page, pageSize: PAGE_SIZE }),
  );
  return (
    <>
      <div className="light-tiles">
        {LIGHTS.map((l) => (
          <Explainable
            key={l}
            figure={l}
            scope={scope}
            className={`tile light-tile light-tile-${l}`}
            testId={`light-${l}`}
          >
            <span className="tile-label">
              <LightBadge light={l} />
            </span>
            <span className="tile-value" data-testid="value">
              {formatNumber(lang, figures.lights[l])}
            </span>
            <span className="tile-note">
              {l === 'yellow'
                ? t('light.yellow.meaningDays', { days: formatNumber(lang, warningDays) })
                : t(`light.${l}.meaning`)}
            </span>
          </Explainable>
        ))}
      </div>
      <div
        className="tabs"
        role="tablist"
        aria-label={t('department.openItems')}
        onKeyDown={tabListKeyDown(LIGHTS, light, choose)}
      >
        {LIGHTS.map((l) => (
          <button
            key={l}
            type="button"
            role="tab"
            id={`${ids}-${l}`}
            aria-selected={light === l}
            aria-controls={`${ids}-panel`}
            tabIndex={tabIndex(light === l)}
            data-testid={`tab-${l}`}
            onClick={() => choose(l)}
          >
            <LightBadge light={l} /> ({formatNumber(lang, figures.lights[l])})
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${ids}-panel`} aria-labelledby={`${ids}-${light}`}>
        <QueryState query={query}>
          {(data) =>
            data.total === 0 ? (
              <p className="state">{t('department.noLightItems')}</p>
            ) : (
              <>
                <ItemTable
                  items={data.items}
                  columns={
                    light === 'red'
                      ? ['person', 'deadline', 'daysOverdue', 'status']
                      : ['person', 'deadline', 'status']
                  }
                  testId="light-items"
                  caption={`${t('department.openItems')} · ${t(`light.${light}`)}`}
                />
                <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />
              </>
            )
          }
        </QueryState>
      </div>
    </>
  );
}
