import { TAXONOMY } from '../data/taxonomy';

type Area = (typeof TAXONOMY)[number];
type AreaChild = Area['children'][number];
type Leaf =
  | Extract<AreaChild, { code: string }>
  | Extract<AreaChild, { children: unknown }>['children'][number];

/** Slug id of a taxonomy leaf, e.g. 'quantization'. */
export type LeafId = Leaf['id'];

/** One node of the taxonomy, flattened. `parentId` is null for the five areas. */
export interface TaxonomyNode {
  id: string;
  name: string;
  kind: 'area' | 'group' | 'leaf';
  /** Survey section of the node's area (§3–§7). */
  section: number;
  description: string;
  /** Short label for chips; leaves only. */
  code: string | null;
  parentId: string | null;
  /** Depth-first order in the survey, used to sort leaves the way the survey presents them. */
  order: number;
}

function flatten(): TaxonomyNode[] {
  const out: TaxonomyNode[] = [];
  const visit = (
    node: { id: string; name: string; description: string; code?: string; children?: readonly unknown[] },
    section: number,
    parentId: string | null,
    depth: number,
  ) => {
    const hasChildren = Array.isArray(node.children) && node.children.length > 0;
    out.push({
      id: node.id,
      name: node.name,
      kind: depth === 0 ? 'area' : hasChildren ? 'group' : 'leaf',
      section,
      description: node.description,
      code: node.code ?? null,
      parentId,
      order: out.length,
    });
    for (const child of (node.children ?? []) as (typeof node)[]) visit(child, section, node.id, depth + 1);
  };
  for (const area of TAXONOMY) visit(area, area.section, null, 0);
  return out;
}

/** All nodes, depth-first in survey order. */
export const TAXONOMY_NODES: readonly TaxonomyNode[] = flatten();

const byId = new Map(TAXONOMY_NODES.map((n) => [n.id, n]));

/** Leaf ids in survey order. */
export const LEAF_IDS = TAXONOMY_NODES.filter((n) => n.kind === 'leaf').map((n) => n.id) as LeafId[];

/** True when `id` names a leaf of the taxonomy. */
export function isLeafId(id: string): id is LeafId {
  return byId.get(id)?.kind === 'leaf';
}

/** The node with this id, or undefined. */
export function getNode(id: string): TaxonomyNode | undefined {
  return byId.get(id);
}

/** Path from the area down to the node: [area, (group,) leaf]. Empty for an unknown id. */
export function getPath(id: string): TaxonomyNode[] {
  const path: TaxonomyNode[] = [];
  for (let node = byId.get(id); node; node = node.parentId ? byId.get(node.parentId) : undefined)
    path.unshift(node);
  return path;
}

/** Leaves under a node (the node itself if it is a leaf), in survey order. */
export function leavesUnder(id: string): LeafId[] {
  return LEAF_IDS.filter((leaf) => getPath(leaf).some((n) => n.id === id));
}

/** Sort leaf ids into survey order (stable, deduplicated). */
export function sortLeaves(leaves: Iterable<LeafId>): LeafId[] {
  const set = new Set(leaves);
  return LEAF_IDS.filter((l) => set.has(l));
}

/** "Inference Efficiency > Quantization" */
export function pathLabel(id: string, separator = ' > '): string {
  return getPath(id)
    .map((n) => n.name)
    .join(separator);
}
