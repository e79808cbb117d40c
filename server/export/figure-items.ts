/**
 * The items behind a figure as a sheet (the figure panel's list): the ledger's words for each column,
 * the effective deadline and the state at the figure's moment, and days overdue at it.
 */
import type { FigureItem } from '../../db/queries/figures.ts';
import type { Status } from '../domain/lifecycle.ts';
import type { Lang } from '../errors.ts';
import { FIELD_LABELS, STATUS_LABELS } from '../import/vocabulary.ts';
import type { ExportColumn } from './table.ts';

export function figureItemColumns(lang: Lang): ExportColumn<FigureItem>[] {
  const en = lang === 'en';
  const L = FIELD_LABELS;
  return [
    { header: L.ledgerCode, type: 'text', width: 18, value: (r) => r.ledgerCode },
    { header: L.title, type: 'text', width: 40, value: (r) => r.title },
    { header: L.department, type: 'text', width: 22, value: (r) => (en ? r.departmentEn : r.departmentZh) },
    { header: L.person, type: 'text', width: 12, value: (r) => r.responsiblePerson },
    { header: L.registeredAt, type: 'date', value: (r) => r.registeredAt },
    { header: L.deadline, type: 'date', value: (r) => r.deadline },
    { header: L.closedAt, type: 'date', value: (r) => r.closedAt },
    { header: { zh: '逾期天数', en: 'Days overdue' }, type: 'integer', value: (r) => r.daysOverdue },
    {
      header: L.status,
      type: 'text',
      width: 12,
      value: (r) => {
        const label = STATUS_LABELS[r.status as Status];
        return label ? (en ? label.en : label.zh) : r.status;
      },
    },
  ];
}
