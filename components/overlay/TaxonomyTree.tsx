import type { TaxonomyNode } from '../../lib/taxonomy';
import { LeafChip } from './LeafChip';
import { childrenOf } from './taxonomy-view';

export interface TaxonomyTreeProps {
  /** Where the taxonomy browser shows a node. */
  nodeHref: (nodeId: string) => string;
  /** Papers per node id (leaves, groups and areas). Without it no counts are shown; a missing id counts 0. */
  counts?: Readonly<Record<string, number>>;
  /** Accessible name of the outer list. */
  label?: string;
}

/** The whole survey taxonomy as nested lists (areas > groups > leaves), each node a link with its paper count. */
export function TaxonomyTree({ nodeHref, counts, label = 'Survey taxonomy' }: TaxonomyTreeProps) {
  return (
    <ul class="el-tree" data-testid="taxonomy-tree" aria-label={label}>
      {childrenOf(null).map((area) => (
        <TreeNode key={area.id} node={area} nodeHref={nodeHref} counts={counts} />
      ))}
    </ul>
  );
}

function TreeNode({
  node,
  nodeHref,
  counts,
}: {
  node: TaxonomyNode;
  nodeHref: (nodeId: string) => string;
  counts: Readonly<Record<string, number>> | undefined;
}) {
  const children = childrenOf(node.id);
  const count = counts ? (counts[node.id] ?? 0) : null;
  return (
    <li class="el-tree-node" data-testid="tree-node" data-node-id={node.id} data-kind={node.kind}>
      <div class="el-tree-row">
        {node.kind === 'leaf' && <LeafChip leafId={node.id} />}
        <a href={nodeHref(node.id)}>{node.kind === 'area' ? `§${node.section} ${node.name}` : node.name}</a>
        {count !== null && (
          <span class="el-count" data-testid="node-count">
            {count}
            <span class="el-sr-only">{count === 1 ? ' paper' : ' papers'}</span>
          </span>
        )}
      </div>
      {children.length > 0 && (
        <ul>
          {children.map((child) => (
            <TreeNode key={child.id} node={child} nodeHref={nodeHref} counts={counts} />
          ))}
        </ul>
      )}
    </li>
  );
}
