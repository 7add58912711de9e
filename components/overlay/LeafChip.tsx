import { getNode } from '../../lib/taxonomy';
import { areaOf } from './taxonomy-view';

export interface LeafChipProps {
  /** A taxonomy leaf id, e.g. 'quantization'. Anything else renders nothing. */
  leafId: string;
}

/**
 * The short code of a leaf ("Q") coloured by its area. The visible code is hidden from assistive technology and
 * the leaf name is given as text instead, because a bare "Q" means nothing when read aloud.
 */
export function LeafChip({ leafId }: LeafChipProps) {
  const node = getNode(leafId);
  if (node?.kind !== 'leaf') return null;
  return (
    <span
      class="el-chip"
      data-area={areaOf(node.id)}
      data-leaf={node.id}
      data-testid="leaf-chip"
      title={node.name}
    >
      <span aria-hidden="true">{node.code}</span>
      <span class="el-sr-only">{node.name}</span>
    </span>
  );
}
