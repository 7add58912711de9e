import type { SourceId } from '../../lib/dataset/schema';

/**
 * Short human names of the dataset's sources (see shared/survey-sources/SOURCES.md), shown as "Listed in: …".
 * `satisfies` makes the compiler fail here when a SourceId is added without a label.
 */
export const SOURCE_LABELS = {
  aiot: 'AIoT-MLSys-Lab/Efficient-LLMs-Survey',
  horseee: 'horseee/Awesome-Efficient-LLM',
  huangowen: 'HuangOwen/Awesome-LLM-Compression',
  tiingweii: 'tiingweii-shii/Awesome-Resource-Efficient-LLM-Papers',
  albalak: 'alon-albalak/data-selection-survey',
  xnhyacinth: 'Xnhyacinth/Awesome-LLM-Long-Context-Modeling',
  xuefuzhao: 'XueFuzhao/awesome-mixture-of-experts',
  rzfan525: 'RZFan525/Awesome-ScalingLaws',
  curated: 'curated supplement',
  manual: 'manual entry',
} as const satisfies Record<SourceId, string>;

/** The short name of a source; an unknown id (e.g. from a newer dataset) is shown as itself rather than dropped. */
export function sourceLabel(source: string): string {
  return Object.hasOwn(SOURCE_LABELS, source) ? SOURCE_LABELS[source as SourceId] : source;
}
