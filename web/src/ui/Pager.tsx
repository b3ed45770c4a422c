// Paging controls under a table: range shown, first/previous/next/last, rows per page.

import { formatNumber } from '../i18n';
import { t } from './ui.messages';

export interface PagerProps {
  total: number;
  /** 1-based. */
  page: number;
  size: number;
  sizes?: number[];
  onPage: (page: number) => void;
  onSize?: (size: number) => void;
  testId?: string;
}

export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}

export function Pager({ total, page, size, sizes, onPage, onSize, testId = 'pager' }: PagerProps) {
  const pages = pageCount(total, size);
  const from = total === 0 ? 0 : (page - 1) * size + 1;
  const to = Math.min(total, page * size);
  return (
    <nav class="pager" aria-label={t('pagerLabel')} data-testid={testId}>
      <span class="pager-range" data-testid={`${testId}-range`} aria-live="polite">
        {total === 0
          ? t('pagerEmpty')
          : t('pagerRange', { from: formatNumber(from), to: formatNumber(to), total: formatNumber(total) })}
      </span>
      <span class="pager-buttons">
        <button type="button" class="icon-button" disabled={page <= 1} onClick={() => onPage(1)}
          aria-label={t('pagerFirst')} title={t('pagerFirst')} data-testid={`${testId}-first`}>«</button>
        <button type="button" class="icon-button" disabled={page <= 1} onClick={() => onPage(page - 1)}
          aria-label={t('pagerPrev')} title={t('pagerPrev')} data-testid={`${testId}-prev`}>‹</button>
        <span class="pager-page">{t('pagerPage', { page, pages })}</span>
        <button type="button" class="icon-button" disabled={page >= pages} onClick={() => onPage(page + 1)}
          aria-label={t('pagerNext')} title={t('pagerNext')} data-testid={`${testId}-next`}>›</button>
        <button type="button" class="icon-button" disabled={page >= pages} onClick={() => onPage(pages)}
          aria-label={t('pagerLast')} title={t('pagerLast')} data-testid={`${testId}-last`}>»</button>
      </span>
      {sizes && onSize && (
        <label class="pager-size">
          <span>{t('pagerSize')}</span>
          <select value={String(size)} onChange={(e) => onSize(Number(e.currentTarget.value))}
            data-testid={`${testId}-size`}>
            {sizes.map((s) => (
              <option key={s} value={String(s)}>{s}</option>
            ))}
          </select>
        </label>
      )}
    </nav>
  );
}
