import { formatCount } from '../../../platform/views/format.tsx';
import { COUNT_LIMIT } from '../listing.model.ts';

/**
 * A listing's total as its heading says it: exact ("18,913"), or an estimate rounded to two
 * significant figures ("about 19,000"), or "more than 2,000" when the estimate is no higher
 * than what was counted.
 */
export function totalText(total: number, exact: boolean): string {
  if (exact) return formatCount(total);
  if (total <= COUNT_LIMIT + 1) return `more than ${formatCount(COUNT_LIMIT)}`;
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(total)) - 1);
  return `about ${formatCount(Math.round(total / unit) * unit)}`;
}
