import { useId, useRef, useState } from 'preact/hooks';
import { t } from '../../lib/app/i18n';
import { addTags, describeTagProblem, parseTagInput, removeTags, tagProblem } from '../../lib/app/tags';

export interface TagsEditorProps {
  tags: readonly string[];
  /** Called with the whole new tag list. */
  onChange: (tags: string[]) => void;
  /** Existing tags of the library, offered as completions. */
  suggestions?: readonly string[];
  disabled?: boolean;
}

/**
 * Tags of one paper: each a chip with a remove button, and an input that adds on Enter or comma (several at
 * once: "a, b"). Backspace in the empty input removes the last tag, as in most tag fields.
 */
export function TagsEditor({ tags: stored, onChange, suggestions = [], disabled = false }: TagsEditorProps) {
  // The list last asked for, until the stored tags catch up with it. A second edit made before the first one's
  // reply arrives builds on this, not on the stale stored list (else quick edits lose tags).
  const requested = useRef<readonly string[] | null>(null);
  if (requested.current && sameTags(requested.current, stored)) requested.current = null;
  const tags = requested.current ?? stored;
  const change = (next: string[]) => {
    requested.current = next;
    onChange(next);
  };
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const inputId = useId();
  const listId = useId();

  /** Add the tags in `text`; false (and a reason shown) when the result could not be stored. */
  const add = (text: string): boolean => {
    const added = parseTagInput(text);
    if (added.length === 0) return true;
    const next = addTags(tags, added);
    const issue = tagProblem(next);
    if (issue) {
      setProblem(describeTagProblem(issue));
      return false;
    }
    setProblem(null);
    if (next.length !== tags.length) change(next);
    return true;
  };

  // Reads the field itself, not the `draft` state: a fast Enter can arrive before the re-render.
  const input = useRef<HTMLInputElement>(null);
  const commit = () => {
    if (add(input.current?.value ?? draft)) setDraft('');
  };

  return (
    <div class="app-tags" data-testid="tags-editor">
      <label for={inputId} class="app-label">
        {t('tags_label')}
      </label>
      {tags.length > 0 && (
        <ul class="app-tag-list" aria-label={t('tags_label')}>
          {tags.map((tag) => (
            <li key={tag} class="app-tag" data-testid="tag">
              <span class="app-tag-text">{tag}</span>
              <button
                type="button"
                class="app-tag-remove"
                aria-label={t('tags_remove', tag)}
                disabled={disabled}
                onClick={() => change(removeTags(tags, [tag]))}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="app-inline">
        <input
          ref={input}
          id={inputId}
          type="text"
          class="app-input"
          value={draft}
          list={suggestions.length ? listId : undefined}
          placeholder={t('tags_placeholder')}
          disabled={disabled}
          data-testid="tag-input"
          aria-invalid={problem ? true : undefined}
          onInput={(e) => {
            const value = e.currentTarget.value;
            // A comma commits what precedes it; the text after the last comma stays as the draft.
            const parts = value.split(/[,，]/);
            if (parts.length === 1) {
              setDraft(value);
              return;
            }
            const rest = parts.pop() ?? '';
            setDraft(add(parts.join(',')) ? rest : value);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commit();
            } else if (e.key === 'Backspace' && draft === '' && tags.length > 0) {
              change(tags.slice(0, -1));
            }
          }}
        />
        <button type="button" class="el-btn" disabled={disabled || !draft.trim()} onClick={commit}>
          {t('tags_add')}
        </button>
      </div>
      {suggestions.length > 0 && (
        <datalist id={listId}>
          {suggestions.map((tag) => (
            <option key={tag} value={tag} />
          ))}
        </datalist>
      )}
      {problem && (
        <p class="app-field-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}

function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((tag, i) => tag === b[i]);
}
