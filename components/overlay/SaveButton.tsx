export interface SaveButtonProps {
  saved: boolean;
  onToggle: () => void;
  /** True while a save or unsave is in flight: the button is disabled so a double click cannot race. */
  pending?: boolean;
}

/** Toggle button for the reading list. Its accessible name is exactly "Save to my list" or "Saved". */
export function SaveButton({ saved, onToggle, pending = false }: SaveButtonProps) {
  const label = saved ? 'Saved' : 'Save to my list';
  return (
    <button
      type="button"
      class="el-btn el-save"
      data-testid="save-button"
      aria-pressed={saved}
      aria-busy={pending || undefined}
      disabled={pending}
      onClick={onToggle}
    >
      <span class="el-icon" aria-hidden="true">
        {saved ? '★' : '☆'}
      </span>
      <span>{label}</span>
    </button>
  );
}
