export interface ListSummaryBarProps {
  /** What the page lists; references get their own wording. */
  kind: 'entries' | 'references';
  matched: number;
  total: number;
  /** The leaf most matched entries share (its name), when one clearly leads. */
  mostly?: string | null;
  showOnly: boolean;
  highlight: boolean;
  onShowOnly: (on: boolean) => void;
  onHighlight: (on: boolean) => void;
  onDismiss: () => void;
}

/** "N of M entries are in the efficiency survey" (or "references …, mostly X"). */
export function summaryText({
  kind,
  matched,
  total,
  mostly,
}: Pick<ListSummaryBarProps, 'kind' | 'matched' | 'total' | 'mostly'>): string {
  const noun =
    kind === 'references' ? (total === 1 ? 'reference' : 'references') : total === 1 ? 'entry' : 'entries';
  const verb = matched === 1 ? 'is' : 'are';
  return `${matched} of ${total} ${noun} ${verb} in the efficiency survey${mostly ? `, mostly ${mostly}` : ''}`;
}

/**
 * The page-level bar of a list page: the count, and two toggles (show only survey papers; highlight them).
 * Renders nothing when no entry is in the survey: on most listing pages that is the normal case, and an
 * empty bar would be noise.
 */
export function ListSummaryBar(props: ListSummaryBarProps) {
  if (props.matched <= 0 || props.total <= 0) return null;
  return (
    <section class="el-list-bar" aria-label="Efficiency survey" data-testid="list-bar">
      <span class="el-list-bar-text" data-testid="list-bar-text">
        {summaryText(props)}
      </span>
      <button
        type="button"
        class="el-btn"
        data-testid="list-show-only"
        aria-pressed={props.showOnly}
        onClick={() => props.onShowOnly(!props.showOnly)}
      >
        Show only survey papers
      </button>
      <button
        type="button"
        class="el-btn"
        data-testid="list-highlight"
        aria-pressed={props.highlight}
        onClick={() => props.onHighlight(!props.highlight)}
      >
        Highlight
      </button>
      <button
        type="button"
        class="el-btn el-icon-btn"
        data-testid="list-bar-dismiss"
        aria-label="Hide this bar"
        onClick={props.onDismiss}
      >
        <span aria-hidden="true">×</span>
      </button>
    </section>
  );
}
