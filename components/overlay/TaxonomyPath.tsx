import { getPath, pathLabel } from '../../lib/taxonomy';

export interface TaxonomyPathProps {
  /** Any taxonomy node id; usually a leaf. An unknown id renders nothing. */
  nodeId: string;
  /** Where the taxonomy browser shows a node (an extension page URL). */
  nodeHref: (nodeId: string) => string;
}

/** Breadcrumb "area › group › leaf", each level a link to the taxonomy browser. */
export function TaxonomyPath({ nodeId, nodeHref }: TaxonomyPathProps) {
  const path = getPath(nodeId);
  if (path.length === 0) return null;
  return (
    <ol class="el-path" data-testid="taxonomy-path" aria-label={`Taxonomy path: ${pathLabel(nodeId)}`}>
      {path.map((node, i) => (
        <li key={node.id} data-kind={node.kind}>
          {i > 0 && (
            <span class="el-path-sep" aria-hidden="true">
              ›
            </span>
          )}
          <a href={nodeHref(node.id)} data-node-id={node.id}>
            {node.name}
          </a>
        </li>
      ))}
    </ol>
  );
}
