import { getPath, TAXONOMY_NODES, type TaxonomyNode } from '../../lib/taxonomy';

/** Id of the area a node belongs to (the first node of its path); undefined for an unknown id. */
export function areaOf(nodeId: string): string | undefined {
  return getPath(nodeId)[0]?.id;
}

/** "§7 Inference Efficiency": the survey section of a node's area; empty for an unknown id. */
export function sectionLabelOf(nodeId: string): string {
  const area = getPath(nodeId)[0];
  return area ? `§${area.section} ${area.name}` : '';
}

/** Children of a node (or the areas for null), in survey order. */
export function childrenOf(parentId: string | null): TaxonomyNode[] {
  return TAXONOMY_NODES.filter((n) => n.parentId === parentId);
}
