import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import { debounce } from '../../lib/app/debounce';
import { t } from '../../lib/app/i18n';
import { LIBRARY_LIMITS } from '../../lib/db/schema';

export type NoteSaveState = 'idle' | 'saving' | 'saved' | 'error';

export interface NoteEditorProps {
  /** The stored note; the editor shows it until the user types. */
  note: string;
  /** Save a note; resolves true when it was stored. Called after a pause in typing, on blur and on unmount. */
  onSave: (note: string) => Promise<boolean>;
  /** Pause before saving, ms. */
  delay?: number;
  disabled?: boolean;
}

/** The note of a saved paper: a textarea that saves itself shortly after typing stops. */
export function NoteEditor({ note, onSave, delay = 500, disabled = false }: NoteEditorProps) {
  const [draft, setDraft] = useState(note);
  const [state, setState] = useState<NoteSaveState>('idle');
  const id = useId();
  const lastSaved = useRef(note);
  const saveRef = useRef(onSave);
  saveRef.current = onSave;

  // A new stored note (another paper, or a change from elsewhere) replaces the draft unless the user is typing.
  const save = useMemo(
    () =>
      debounce((text: string) => {
        if (text === lastSaved.current) return;
        setState('saving');
        saveRef.current(text).then(
          (ok) => {
            if (ok) lastSaved.current = text;
            setState(ok ? 'saved' : 'error');
          },
          () => setState('error'),
        );
      }, delay),
    [delay],
  );

  useEffect(() => {
    if (!save.pending()) {
      setDraft(note);
      lastSaved.current = note;
    }
  }, [note, save]);

  // Flush on unmount, and when the page is going away: a popup closes without blurring its fields, and the
  // message posted from pagehide still reaches the background.
  useEffect(() => {
    const onHide = () => save.flush();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') save.flush();
    };
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
      save.flush();
    };
  }, [save]);

  const status =
    state === 'saving'
      ? t('note_saving')
      : state === 'saved'
        ? t('note_saved')
        : state === 'error'
          ? t('note_error')
          : '';

  return (
    <div class="app-note" data-testid="note-editor">
      <label for={id} class="app-label">
        {t('note_label')}
      </label>
      <textarea
        id={id}
        class="app-textarea"
        value={draft}
        maxLength={LIBRARY_LIMITS.note}
        rows={4}
        disabled={disabled}
        placeholder={t('note_placeholder')}
        data-testid="note-input"
        onInput={(e) => {
          const text = e.currentTarget.value;
          setDraft(text);
          save(text);
        }}
        onBlur={() => save.flush()}
      />
      <p
        class={`app-note-status${state === 'error' ? ' app-field-error' : ''}`}
        aria-live="polite"
        data-testid="note-status"
      >
        {status}
      </p>
    </div>
  );
}
