// How the page writes a figure: with thousands separators and the source's own qualifier.
import type { RowOf } from '../../../schema/registry.ts';

const QUALIFIER_PREFIX: Record<string, string> = {
  exact: '',
  more_than: 'more than ',
  at_least: 'at least ',
  approximately: 'about ',
  nearly: 'nearly ',
};

export const formatNumber = (n: number) => n.toLocaleString('en-GB');

export function formatFigure(metric: Pick<RowOf<'metrics'>, 'qualifier' | 'value'>): string {
  const prefix = QUALIFIER_PREFIX[metric.qualifier];
  if (prefix === undefined) throw new Error(`no wording for qualifier ${String(metric.qualifier)}`);
  return `${prefix}${formatNumber(metric.value)}`;
}
