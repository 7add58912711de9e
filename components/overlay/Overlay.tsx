import type { ComponentChildren } from 'preact';
import type { LookupResult, RelatedWork } from '../../lib/catalog/types';
import type { Prediction as PredictionValue } from '../../lib/classifier/model';
import type { PaperRecord } from '../../lib/dataset/schema';
import { getNode } from '../../lib/taxonomy';
import { sourceLabel } from '../shared/sources';
import { LeafChip } from './LeafChip';
import { Prediction } from './Prediction';
import { RelatedList } from './RelatedList';
import { SaveButton } from './SaveButton';
import { TaxonomyPath } from './TaxonomyPath';
import { TaxonomyTree } from './TaxonomyTree';
import { sectionLabelOf } from './taxonomy-view';

/** What the overlay shows: derived by the content script from the background's `lookupPaper` reply. */
export type OverlayState = 'loading' | 'in-survey' | 'not-in-survey' | 'survey-itself' | 'error';

/** Accessible name of the overlay's landmark unless the caller gives another one. */
export const DEFAULT_SECTION_LABEL = 'Efficiency Lens: survey context';

/** At most this many "Listed in" sources per leaf; the rest are counted ("+2 more"). */
const MAX_SOURCES_SHOWN = 3;

export interface OverlayProps {
  state: OverlayState;
  /** The paper's record; needed for 'in-survey' and 'survey-itself'. */
  paper?: PaperRecord | null;
  /** Related works, already cut to what should be shown (5–8 at first). Omitted: no "Related works" block. */
  related?: readonly RelatedWork[];
  relatedHasMore?: boolean;
  onMoreRelated?: () => void;
  /** Whether the page's paper is in the user's list. */
  saved: boolean;
  /** True while a save or unsave is in flight (disables the Save button). */
  savePending?: boolean;
  onToggleSave: () => void;
  /** Record ids of related works that are in the user's list. */
  savedKeys: ReadonlySet<string>;
  collapsed: boolean;
  onToggleCollapsed: () => void;
  onDismiss: () => void;
  /** URL of the taxonomy browser for a node (an extension page). */
  nodeHref: (nodeId: string) => string;
  /** Papers per taxonomy node id, for the survey's own page. */
  counts?: Readonly<Record<string, number>>;
  /**
   * Accessible name of the landmark (default DEFAULT_SECTION_LABEL). A page with several overlays needs a
   * distinct name for each, which is why it is a prop.
   */
  sectionLabel?: string;
  /** How the record was found; a fuzzy title match gets a small "matched by title" note. */
  matchedBy?: LookupResult['matchedBy'];
  errorMessage?: string;
  /** The user's setting: when false the 'not-in-survey' state renders nothing at all. */
  showNotInSurveyChip: boolean;
  /** Denser layout: no "Listed in" lines and no why-related texts. */
  compact?: boolean;
  /**
   * The classifier's guess for a paper outside the survey (lookupPaper's `prediction`). In the 'not-in-survey'
   * state a leaf prediction is shown as "Likely: …, 82% — a prediction", with `related` (ranked from that leaf).
   */
  prediction?: PredictionValue | null;
}

/**
 * The overlay card shown next to an arXiv/OpenReview paper: where the paper sits in the survey taxonomy,
 * related works and a Save toggle. Purely presentational: every datum and callback comes in through props.
 */
export function Overlay(props: OverlayProps) {
  const { state, collapsed, sectionLabel = DEFAULT_SECTION_LABEL, compact = false } = props;

  if (state === 'not-in-survey') return props.showNotInSurveyChip ? <NotInSurveyChip {...props} /> : null;

  const frame = (children: ComponentChildren, extra: Record<string, unknown> = {}) => (
    // biome-ignore lint/a11y/useSemanticElements: the overlay's contract is section[role=complementary]; the explicit role keeps it a landmark wherever the host is mounted.
    <section
      role="complementary"
      aria-label={sectionLabel}
      class={`el-card${compact ? ' el-compact' : ''}${collapsed ? ' el-collapsed' : ''}`}
      data-testid="overlay"
      data-state={state}
      {...extra}
    >
      {children}
    </section>
  );

  if (state === 'loading') return frame(<LoadingSkeleton collapsed={collapsed} />, { 'aria-busy': 'true' });
  if (state === 'error') return frame(<ErrorLine message={props.errorMessage} onDismiss={props.onDismiss} />);

  const paper = props.paper;
  if (!paper) {
    // A caller bug, not a user-facing condition; say so plainly instead of rendering an empty card.
    return frame(
      <ErrorLine message="No paper record was given to the overlay." onDismiss={props.onDismiss} />,
    );
  }

  if (collapsed) return frame(<Header {...props} paper={paper} title="Efficiency Lens" showChips />);

  if (state === 'survey-itself') {
    return frame(
      <>
        <Header {...props} paper={paper} title="This is the efficiency survey" />
        <div class="el-body">
          <p class="el-muted">Its taxonomy, with the number of papers in our dataset under each node:</p>
          <TaxonomyTree nodeHref={props.nodeHref} counts={props.counts} />
        </div>
      </>,
    );
  }

  return frame(
    <>
      <Header {...props} paper={paper} title="In the efficiency survey" />
      <div class="el-body">
        {paper.leaves.length === 0 ? (
          <p class="el-muted">No taxonomy leaf is recorded for this paper.</p>
        ) : (
          <ul class="el-placements" aria-label="Place in the survey taxonomy">
            {paper.leaves.map((leaf) => (
              <LeafPlacement
                key={leaf}
                leafId={leaf}
                paper={paper}
                nodeHref={props.nodeHref}
                showProvenance={!compact}
              />
            ))}
          </ul>
        )}
        {props.matchedBy === 'title-fuzzy' && (
          <p class="el-note" data-testid="matched-by-title">
            matched by title
          </p>
        )}
        {props.related && (
          <div class="el-block">
            <h3 class="el-h3">Related works</h3>
            <RelatedList
              items={props.related}
              savedKeys={props.savedKeys}
              hasMore={props.relatedHasMore}
              onMore={props.onMoreRelated}
              hideReasons={compact}
            />
          </div>
        )}
      </div>
    </>,
  );
}

function Header(props: OverlayProps & { paper: PaperRecord; title: string; showChips?: boolean }) {
  const { collapsed } = props;
  return (
    <header class="el-header" data-testid="overlay-header">
      <h2 class="el-title">{props.title}</h2>
      {props.showChips && (
        <span class="el-chips">
          {props.paper.leaves.map((leaf) => (
            <LeafChip key={leaf} leafId={leaf} />
          ))}
        </span>
      )}
      <span class="el-actions">
        <SaveButton saved={props.saved} pending={props.savePending} onToggle={props.onToggleSave} />
        <button
          type="button"
          class="el-btn el-icon-btn"
          data-testid="collapse-toggle"
          aria-expanded={!collapsed}
          aria-label={collapsed ? 'Expand Efficiency Lens' : 'Collapse Efficiency Lens'}
          title={collapsed ? 'Expand' : 'Collapse'}
          onClick={props.onToggleCollapsed}
        >
          <span aria-hidden="true">{collapsed ? '▸' : '▾'}</span>
        </button>
        <DismissButton onDismiss={props.onDismiss} />
      </span>
    </header>
  );
}

function DismissButton({ onDismiss }: { onDismiss: () => void }) {
  return (
    <button
      type="button"
      class="el-btn el-icon-btn"
      data-testid="dismiss"
      aria-label="Dismiss Efficiency Lens"
      title="Dismiss"
      onClick={onDismiss}
    >
      <span aria-hidden="true">×</span>
    </button>
  );
}

function LeafPlacement({
  leafId,
  paper,
  nodeHref,
  showProvenance,
}: {
  leafId: string;
  paper: PaperRecord;
  nodeHref: (nodeId: string) => string;
  showProvenance: boolean;
}) {
  if (!getNode(leafId)) return null;
  const sources = provenanceFor(paper, leafId);
  const shown = sources.slice(0, MAX_SOURCES_SHOWN);
  return (
    <li class="el-placement" data-testid="leaf-placement" data-leaf={leafId}>
      <div class="el-placement-row">
        <LeafChip leafId={leafId} />
        <TaxonomyPath nodeId={leafId} nodeHref={nodeHref} />
      </div>
      <p class="el-section" data-testid="survey-section">
        {sectionLabelOf(leafId)}
      </p>
      {showProvenance && shown.length > 0 && (
        <p class="el-provenance" data-testid="provenance">
          {'Listed in: '}
          {shown.join('; ')}
          {sources.length > shown.length && ` (+${sources.length - shown.length} more)`}
        </p>
      )}
    </li>
  );
}

/** "HuangOwen/Awesome-LLM-Compression · Quantization" per distinct (source, deepest heading) that filed the paper under the leaf. */
function provenanceFor(paper: PaperRecord, leafId: string): string[] {
  const out = new Set<string>();
  for (const p of paper.provenance ?? []) {
    if (p.leaf !== leafId) continue;
    const heading = p.heading[p.heading.length - 1];
    out.add(heading ? `${sourceLabel(p.source)} · ${heading}` : sourceLabel(p.source));
  }
  return [...out];
}

function NotInSurveyChip(props: OverlayProps) {
  const predicted = props.prediction?.kind === 'leaf';
  return (
    // biome-ignore lint/a11y/useSemanticElements: same landmark contract as the card (see Overlay).
    <section
      role="complementary"
      aria-label={props.sectionLabel ?? DEFAULT_SECTION_LABEL}
      class="el-chip-card"
      data-testid="not-in-survey-chip"
      data-state="not-in-survey"
    >
      <span class="el-chip-text">Not in the efficiency survey</span>
      <SaveButton saved={props.saved} pending={props.savePending} onToggle={props.onToggleSave} />
      <DismissButton onDismiss={props.onDismiss} />
      {predicted && <Prediction prediction={props.prediction} />}
      {predicted && !props.collapsed && props.related && props.related.length > 0 && (
        // No "More" button: relatedWorks pages from a catalog record, and this paper has none.
        <div class="el-block" style={{ flexBasis: '100%' }} data-testid="predicted-related">
          <h3 class="el-h3">Related works in the survey</h3>
          <RelatedList items={props.related} savedKeys={props.savedKeys} hideReasons={props.compact} />
        </div>
      )}
    </section>
  );
}

function LoadingSkeleton({ collapsed }: { collapsed: boolean }) {
  return (
    <div data-testid="overlay-loading">
      <div class="el-header">
        <h2 class="el-title">Efficiency Lens</h2>
      </div>
      <p class="el-sr-only" role="status">
        Loading survey context…
      </p>
      {!collapsed && (
        <div class="el-body el-skeleton" aria-hidden="true">
          <span class="el-bone el-bone-wide" />
          <span class="el-bone" />
          <span class="el-bone el-bone-short" />
        </div>
      )}
    </div>
  );
}

function ErrorLine({ message, onDismiss }: { message: string | undefined; onDismiss: () => void }) {
  const text = `Efficiency Lens: ${message?.trim() || 'could not load the survey context.'}`;
  return (
    <div class="el-error" data-testid="overlay-error">
      <p class="el-error-text" role="status" title={text}>
        {text}
      </p>
      <DismissButton onDismiss={onDismiss} />
    </div>
  );
}
