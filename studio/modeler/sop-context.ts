/**
 * `sopContext`: a diagram-js service holding what the panel's pickers offer (roles, rule sets,
 * processes, handlers) and the translate function. The React host fills it from the server;
 * the properties panel reads it through `useService('sopContext')`.
 */
import type { MessageKey } from '../i18n/id.js';
import type { EventBus } from './services.js';

export interface PickerOption { value: string; label: string }

export interface SopContextData {
  roles: PickerOption[];
  ruleSets: PickerOption[];
  processes: PickerOption[];
  handlers: PickerOption[];
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  /** the documents (code, label) of a requirement rule set; the host reads its draft or latest version */
  fetchDocuments?: (ruleSetKey: string) => Promise<PickerOption[]>;
}


const DEFAULT_HANDLERS: PickerOption[] = [
  { value: 'notify', label: 'notify — kirim pemberitahuan' },
  { value: 'issue-document', label: 'issue-document — terbitkan dokumen' },
  { value: 'sign-document', label: 'sign-document — tanda tangan dokumen' },
  { value: 'receive-payment', label: 'receive-payment — kasir menerima pembayaran' },
  { value: 'evaluate-rules', label: 'evaluate-rules — hitung aturan' },
];

export class SopContext implements SopContextData {
  static $inject = ['eventBus'];
  roles: PickerOption[] = [];
  ruleSets: PickerOption[] = [];
  processes: PickerOption[] = [];
  handlers: PickerOption[] = DEFAULT_HANDLERS;
  t: SopContextData['t'] = (key) => key;
  fetchDocuments?: SopContextData['fetchDocuments'];
  private readonly documents = new Map<string, PickerOption[] | 'loading'>();
  /** failed reads of a requirement set in a row (retried up to 3 times) */
  private readonly failures = new Map<string, number>();

  constructor(private readonly eventBus: EventBus) {}

  update(data: Partial<SopContextData>, change?: () => void): void {
    Object.assign(this, data);
    change?.();
    // a new loader (another language, another server answer) reads the documents afresh
    if (data.fetchDocuments) this.documents.clear();
    // The panel re-queries its providers, so pickers show the newly loaded options.
    this.eventBus.fire('propertiesPanel.providersChanged');
  }

  /**
   * The documents a step may name: those of the process's requirement set. Undefined while they
   * load (the panel re-renders when they arrive) or when the set cannot be read.
   */
  documentsFor(ruleSetKey: string): PickerOption[] | undefined {
    const known = this.documents.get(ruleSetKey);
    if (known === 'loading') return undefined;
    if (known) return known;
    if (!this.fetchDocuments) return undefined;
    this.documents.set(ruleSetKey, 'loading');
    this.fetchDocuments(ruleSetKey).then(
      (docs) => this.update({}, () => this.documents.set(ruleSetKey, docs)),
      // A failed read (a busy server, a dropped connection) is tried again a little later, a few
      // times: the panel asks again when it re-renders, and the codes stay typeable meanwhile.
      () => {
        const failures = (this.failures.get(ruleSetKey) ?? 0) + 1;
        this.failures.set(ruleSetKey, failures);
        if (failures > 3) return;
        setTimeout(() => this.update({}, () => this.documents.delete(ruleSetKey)), 500 * failures);
      },
    );
    return undefined;
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
