export interface SaveButtonProps {
  saved: boolean;
  onToggle: () => void;
  /** True while a save or unsave is in flight: clicks are ignored so a double click cannot race. */
  pending?: boolean;
}

/** Toggle button for the reading list. Its accessible name is exactly "Save to my list" or "Saved". */
export function SaveButton({ saved, onToggle, pending = false }: SaveButtonProps) {
  const label = saved ? 'Saved' : 'Save to my list';
  return (
    // aria-disabled rather than disabled while pending: Chromium takes focus away from a button that becomes
    // disabled, so a keyboard user who pressed Enter on Save was dropped back at the top of the page.
    <button
      type="button"
      class="el-btn el-save"
      data-testid="save-button"
      aria-pressed={saved}
      aria-busy={pending || undefined}
      aria-disabled={pending || undefined}
      onClick={() => {
        if (!pending) onToggle();
      }}
    >
      <span class="el-icon" aria-hidden="true">
        {saved ? '★' : '☆'}
      </span>
      <span>{label}</span>
    </button>
  );
}
