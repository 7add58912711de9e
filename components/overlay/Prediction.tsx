import type { LeafConfidence, Prediction as PredictionValue } from '../../lib/classifier/model';
import { getNode } from '../../lib/taxonomy';
import { LeafChip } from './LeafChip';

export interface PredictionProps {
  /** The classifier's answer for a paper outside the survey; only a leaf prediction renders anything. */
  prediction: PredictionValue | null | undefined;
}

/** "82%"; never "100%" or "0%", which would claim a certainty a prediction does not have. */
export function formatConfidence(confidence: number): string {
  if (!Number.isFinite(confidence)) return '?%';
  const percent = Math.round(confidence * 100);
  if (percent >= 100) return '>99%';
  if (percent <= 0) return '<1%';
  return `${percent}%`;
}

function leafName(leaf: string): string {
  return getNode(leaf)?.name ?? leaf;
}

/** "Other candidates: Pruning 9%, Low-Rank Decomposition 4%" (the tooltip). */
function alternativesText(alternatives: readonly LeafConfidence[]): string {
  const shown = alternatives.filter((a) => getNode(a.leaf));
  if (shown.length === 0) return '';
  return `Other candidates: ${shown.map((a) => `${leafName(a.leaf)} ${formatConfidence(a.confidence)}`).join(', ')}`;
}

/**
 * The classifier's guess for a paper that is not in the survey: "Likely: Quantization, 82% — a prediction, not in
 * the survey", with the leaf's chip. Worded and marked (data-kind="prediction") so it can never be read as survey
 * membership. Renders nothing for an out-of-scope answer or an unknown leaf.
 */
export function Prediction({ prediction }: PredictionProps) {
  if (prediction?.kind !== 'leaf') return null;
  const node = getNode(prediction.leaf);
  if (node?.kind !== 'leaf') return null;
  const confidence = formatConfidence(prediction.confidence);
  const tooltip = alternativesText(prediction.alternatives);
  return (
    <p
      class="el-prediction"
      data-testid="prediction"
      data-kind="prediction"
      data-predicted-leaf={node.id}
      title={tooltip || undefined}
      // A full row of the chip card (a wrapping flex container); kept inline so overlay.css needs no change.
      style={{ flexBasis: '100%', margin: 0 }}
    >
      {/* The chip's own accessible name would repeat the leaf name just read out; the text carries it. */}
      <span aria-hidden="true">
        <LeafChip leafId={node.id} />
      </span>{' '}
      <span data-testid="prediction-text">
        Likely: {node.name}, {confidence}
      </span>
      <span class="el-note" style={{ fontSize: '1em' }}>
        {' '}
        — a prediction, not in the survey
      </span>
    </p>
  );
}
