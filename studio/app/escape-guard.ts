/**
 * Esc pressed while typing in a dialog's field must not discard the dialog (and what was typed):
 * MUI's Modal closes on any Escape that reaches it. This listener, in the capture phase on the
 * window, stops such an Escape before React sees it. An expanded combobox (an Autocomplete's
 * list) keeps its Escape, which closes only the list; Esc elsewhere in the dialog still closes it.
 */
const FIELD = 'input:not([type="checkbox"]):not([type="radio"]):not([type="button"]):not([type="submit"]), textarea, [contenteditable="true"]';

function escapeStaysInFields(target: EventTarget | null): boolean {
  if (!(target instanceof Element) || !target.matches(FIELD)) return false;
  if (target.getAttribute('aria-expanded') === 'true') return false;
  return !!target.closest('.MuiDialog-root');
}

export function installEscapeGuard(win: Window = window): () => void {
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && escapeStaysInFields(e.target)) e.stopPropagation();
  };
  win.addEventListener('keydown', onKeyDown, true);
  return () => win.removeEventListener('keydown', onKeyDown, true);
}
