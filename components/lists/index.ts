export type { ListCardProps } from './ListCard';
export { ListCard } from './ListCard';
export type { ListChipProps } from './ListChip';
export { MAX_CHIP_LEAVES, renderListChip } from './ListChip';
export type { ListSummaryBarProps } from './ListSummaryBar';
export { ListSummaryBar, summaryText } from './ListSummaryBar';
export { listsCss } from './styles';
