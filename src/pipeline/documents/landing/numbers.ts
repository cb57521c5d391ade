// How the page writes a figure: with thousands separators and the source's own qualifier.
import type { Row } from '../../../core/table-types.ts';

const QUALIFIER_PREFIX: Record<string, string> = {
  exact: '',
  more_than: 'more than ',
  at_least: 'at least ',
  approximately: 'about ',
  nearly: 'nearly ',
};

export const formatNumber = (n: number) => n.toLocaleString('en-GB');

export function formatFigure(metric: Row): string {
  const prefix = QUALIFIER_PREFIX[metric.qualifier as string];
  if (prefix === undefined) throw new Error(`no wording for qualifier ${String(metric.qualifier)}`);
  return `${prefix}${formatNumber(metric.value as number)}`;
}
