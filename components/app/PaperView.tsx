import type { ActivePaper } from '../../lib/app/active-paper';
import { t } from '../../lib/app/i18n';
import type { RelatedWork } from '../../lib/catalog/types';
import type { Prediction as PredictionValue } from '../../lib/classifier/model';
import type { PaperRecord } from '../../lib/dataset/schema';
import type { LibraryItem, ReadingStatus } from '../../lib/db/schema';
import { LeafChip } from '../overlay/LeafChip';
import { Prediction } from '../overlay/Prediction';
import { TaxonomyPath } from '../overlay/TaxonomyPath';
import { sectionLabelOf } from '../overlay/taxonomy-view';
import { Notice, SaveToggle, StatusSelect } from './controls';
import { NoteEditor } from './NoteEditor';
import { PaperList } from './PaperList';
import { TagsEditor } from './TagsEditor';

/** What "This paper" shows. */
export type PaperViewState = 'loading' | 'no-paper' | 'error' | 'in-survey' | 'not-in-survey';

export interface PaperViewProps {
  state: PaperViewState;
  errorMessage?: string;
  /** The paper the active tab shows (for 'in-survey' / 'not-in-survey'). */
  active?: ActivePaper | null;
  /** The catalog record ('in-survey'). */
  paper?: PaperRecord | null;
  /** True when the record was found by a fuzzy title match. */
  fuzzy?: boolean;
  /** The classifier's guess for a paper outside the survey ('not-in-survey'); shown as a prediction only. */
  prediction?: PredictionValue | null;
  related?: readonly RelatedWork[];
  /** Library keys of saved papers (for the related works' Save toggles). */
  savedKeys: ReadonlySet<string>;
  pendingKeys?: ReadonlySet<string>;
  onToggleSaveRelated: (record: PaperRecord) => void;
  /** The library entry of this paper; null when it is not saved. */
  item: LibraryItem | null;
  savePending?: boolean;
  onToggleSave: () => void;
  onStatusChange: (status: ReadingStatus) => void;
  onTagsChange: (tags: string[]) => void;
  /** Resolves true when the note was stored. */
  onNoteSave: (note: string) => Promise<boolean>;
  tagSuggestions?: readonly string[];
  nodeHref: (nodeId: string) => string;
  /** An action's error (save, status, tags), shown above the card. */
  actionError?: string | null;
  onDismissError?: () => void;
}

/**
 * "This paper": the card of the paper in the active tab. In the survey: its place(s) in the taxonomy and related
 * works; not in the survey: a plain note. Either way Save, and once saved its status, tags and note.
 */
export function PaperView(props: PaperViewProps) {
  const { state } = props;
  if (state === 'loading') {
    return (
      <div class="app-view app-center" data-testid="paper-view" data-state="loading" aria-busy="true">
        <p class="el-muted" role="status">
          {t('paper_loading')}
        </p>
      </div>
    );
  }
  if (state === 'no-paper') {
    return (
      <div class="app-view app-center" data-testid="paper-view" data-state="no-paper">
        <p class="app-empty-title">{t('paper_noPaperTitle')}</p>
        <p class="el-muted">{t('paper_noPaperHint')}</p>
      </div>
    );
  }
  if (state === 'error') {
    return (
      <div class="app-view" data-testid="paper-view" data-state="error">
        <Notice kind="error">{props.errorMessage || t('paper_error')}</Notice>
      </div>
    );
  }

  const { paper, active, item } = props;
  const title = paper?.title ?? active?.titleHint ?? (active ? idLabel(active) : '');
  const href = active?.url ?? null;
  return (
    <article
      class="app-view app-card"
      data-testid="paper-view"
      data-state={state}
      aria-labelledby="paper-title"
    >
      {props.actionError && (
        <Notice kind="error" onDismiss={props.onDismissError}>
          {props.actionError}
        </Notice>
      )}
      <header class="app-card-header">
        <p class={`app-badge${state === 'in-survey' ? ' app-badge-in' : ''}`} data-testid="survey-badge">
          {state === 'in-survey' ? t('paper_inSurvey') : t('paper_notInSurvey')}
        </p>
        <h2 class="app-card-title" id="paper-title">
          {href ? (
            <a href={href} target="_blank" rel="noopener noreferrer">
              {title}
            </a>
          ) : (
            title
          )}
        </h2>
        <p class="app-card-meta">
          {active && <span>{idLabel(active)}</span>}
          {paper?.year != null && <span>{paper.year}</span>}
          {paper?.venue && <span>{paper.venue}</span>}
        </p>
        <div class="app-card-actions">
          <SaveToggle saved={item !== null} pending={props.savePending} onToggle={props.onToggleSave} />
          {item && (
            <StatusSelect
              label={t('status_label')}
              value={item.status}
              onChange={props.onStatusChange}
              testId="paper-status"
            />
          )}
        </div>
      </header>

      {state === 'in-survey' && paper && (
        <section class="app-section" aria-labelledby="paper-place">
          <h3 class="app-h3" id="paper-place">
            {t('paper_placeHeading')}
          </h3>
          {paper.leaves.length === 0 ? (
            <p class="el-muted">{t('paper_noLeaf')}</p>
          ) : (
            <ul class="el-placements">
              {paper.leaves.map((leaf) => (
                <li key={leaf} class="el-placement" data-testid="leaf-placement" data-leaf={leaf}>
                  <div class="el-placement-row">
                    <LeafChip leafId={leaf} />
                    <TaxonomyPath nodeId={leaf} nodeHref={props.nodeHref} />
                  </div>
                  <p class="el-section">{sectionLabelOf(leaf)}</p>
                </li>
              ))}
            </ul>
          )}
          {props.fuzzy && (
            <p class="el-note" data-testid="matched-by-title">
              {t('paper_matchedByTitle')}
            </p>
          )}
        </section>
      )}
      {state === 'not-in-survey' && (
        <p class="el-muted" data-testid="not-in-survey-text">
          {t('paper_notInSurveyHint')}
        </p>
      )}
      {state === 'not-in-survey' && props.prediction && <Prediction prediction={props.prediction} />}

      {item && (
        <section class="app-section" aria-label={t('paper_yourNotes')} data-testid="paper-notes">
          <TagsEditor tags={item.tags} onChange={props.onTagsChange} suggestions={props.tagSuggestions} />
          <NoteEditor note={item.note} onSave={props.onNoteSave} />
        </section>
      )}

      {props.related && (
        <section class="app-section" aria-labelledby="paper-related">
          <h3 class="app-h3" id="paper-related">
            {t('paper_relatedHeading')}
          </h3>
          <PaperList
            entries={props.related.map((r) => ({ record: r.record, reason: r.reason }))}
            savedKeys={props.savedKeys}
            pendingKeys={props.pendingKeys}
            onToggleSave={props.onToggleSaveRelated}
            label={t('paper_relatedHeading')}
            emptyText={t('paper_noRelated')}
            testId="related"
          />
        </section>
      )}
    </article>
  );
}

function idLabel(active: ActivePaper): string {
  return active.ref.kind === 'arxiv' ? `arXiv:${active.ref.id}` : `OpenReview ${active.ref.id}`;
}
