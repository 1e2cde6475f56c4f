/**
 * `sopContext`: a diagram-js service holding what the panel's pickers offer (roles, rule sets,
 * processes, handlers) and the translate function. The React host fills it from the server;
 * the properties panel reads it through `useService('sopContext')`.
 */
import type { MessageKey } from '../i18n/id.js';

export interface PickerOption { value: string; label: string }

export interface SopContextData {
  roles: PickerOption[];
  ruleSets: PickerOption[];
  processes: PickerOption[];
  handlers: PickerOption[];
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
}

interface EventBusLike { fire(event: string, payload?: unknown): unknown }

const DEFAULT_HANDLERS: PickerOption[] = [
  { value: 'notify', label: 'notify — kirim pemberitahuan' },
  { value: 'issue-document', label: 'issue-document — terbitkan dokumen' },
  { value: 'sign-document', label: 'sign-document — tanda tangan dokumen' },
  { value: 'evaluate-rules', label: 'evaluate-rules — hitung aturan' },
];

export class SopContext implements SopContextData {
  static $inject = ['eventBus'];
  roles: PickerOption[] = [];
  ruleSets: PickerOption[] = [];
  processes: PickerOption[] = [];
  handlers: PickerOption[] = DEFAULT_HANDLERS;
  t: SopContextData['t'] = (key) => key;

  constructor(private readonly eventBus: EventBusLike) {}

  update(data: Partial<SopContextData>): void {
    Object.assign(this, data);
    // The panel re-queries its providers, so pickers show the newly loaded options.
    this.eventBus.fire('propertiesPanel.providersChanged');
  }

  /** Ask the host to open a React dialog (condition builder, form designer) for an element. */
  requestEditor(kind: 'condition' | 'form', element: unknown): void {
    this.eventBus.fire('sop.editor.open', { kind, element });
  }
}

export const SopContextModule = {
  __init__: ['sopContext'],
  sopContext: ['type', SopContext],
};
