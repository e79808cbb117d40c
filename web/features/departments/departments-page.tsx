import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { meOptions } from '../../api/auth.ts';
import { departmentListOptions } from '../../api/departments.ts';
import { FindField, useFind } from '../../components/find-field.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { QueryState } from '../../components/query-state.tsx';
import { formatNumber } from '../../i18n/format.ts';
import { useLang } from '../../i18n/use-lang.ts';
import { pick, useT } from '../../i18n/use-t.ts';
import { groupByPeerGroup } from './group-by-peer-group.ts';

export function DepartmentsPage() {
  const t = useT();
  usePageTitle(t('departments.title'));
  const lang = useLang();
  const query = useQuery(departmentListOptions());
  const find = useFind(query.data?.departments.length ?? 0);
  const me = useQuery(meOptions());
  const isAdmin = me.data?.kind === 'user' && me.data.user.role === 'admin';
  return (
    <section className="page">
      <h1>{t('departments.title')}</h1>
      <p className="subtitle">{t('departments.subtitle')}</p>
      <FindField find={find} labelled />
      <QueryState query={query}>
        {({ departments }) =>
          departments.length === 0 ? (
            // A new installation: say what comes first instead of an empty table.
            <div className="state" data-testid="departments-none">
              <p>{t('departments.none')}</p>
              {isAdmin ? (
                <p>
                  {t('departments.noneAdmin')}{' '}
                  <Link to="/admin/departments">{t('departments.noneAdminLink')}</Link>
                </p>
              ) : (
                <p>{t('departments.noneOthers')}</p>
              )}
            </div>
          ) : (
            <div className="table-scroll">
              <table className="data-table" data-testid="departments-table">
                <caption className="sr-only">{t('departments.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('departments.code')}</th>
                    <th scope="col">{t('departments.name')}</th>
                    <th scope="col" className="num">
                      {t('departments.items')}
                    </th>
                    <th scope="col" className="num">
                      {t('departments.open')}
                    </th>
                    <th scope="col" className="num">
                      {t('departments.overdue')}
                    </th>
                  </tr>
                </thead>
                {groupByPeerGroup(departments.filter((d) => !find.hides(d))).map((group) => (
                  <tbody key={group.code}>
                    <tr className="group-row">
                      <th colSpan={2} scope="rowgroup">
                        {pick(lang, group.nameZh, group.nameEn)}
                      </th>
                      <td className="num">{formatNumber(lang, group.items)}</td>
                      <td className="num">{formatNumber(lang, group.open)}</td>
                      <td className="num">{formatNumber(lang, group.overdue)}</td>
                    </tr>
                    {group.departments.map((d) => (
                      <tr key={d.code} data-code={d.code}>
                        <td className="code">{d.code}</td>
                        <td>
                          <Link to={`/department/${encodeURIComponent(d.code)}`}>
                            {pick(lang, d.nameZh, d.nameEn)}
                          </Link>
                          {!d.active && <span className="tag">{t('departments.inactive')}</span>}
                        </td>
                        <td className="num">
                          <Link to={`/ledger?department=${encodeURIComponent(d.code)}`}>
                            {formatNumber(lang, d.items)}
                          </Link>
                        </td>
                        <td className="num">{formatNumber(lang, d.open)}</td>
                        <td className={d.overdue > 0 ? 'num overdue' : 'num'}>
                          {d.overdue > 0 ? (
                            <Link to={`/ledger?department=${encodeURIComponent(d.code)}&overdue=true`}>
                              {formatNumber(lang, d.overdue)}
                            </Link>
                          ) : (
                            formatNumber(lang, d.overdue)
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                ))}
              </table>
            </div>
          )
        }
      </QueryState>
    </section>
  );
}
