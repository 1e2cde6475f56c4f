/**
 * The palette's "SOP step": an SOP's step is a user task (routed to its lane's role), so the
 * palette creates one directly, next to bpmn-js's generic task.
 */
interface Palette { registerProvider(priority: number, provider: unknown): void }
interface ElementFactory { createShape(attrs: { type: string }): unknown }
interface Create { start(event: Event, shape: unknown): void }
type Translate = (text: string) => string;
interface PaletteEntry { group: string; className: string; title: string; action: Record<string, (event: Event) => void> }

class SopPaletteProvider {
  static $inject = ['palette', 'elementFactory', 'create', 'translate'];

  constructor(palette: Palette, private readonly elementFactory: ElementFactory, private readonly create: Create, private readonly translate: Translate) {
    palette.registerProvider(500, this);
  }

  getPaletteEntries() {
    return (entries: Record<string, PaletteEntry>): Record<string, PaletteEntry> => {
      const start = (event: Event) => this.create.start(event, this.elementFactory.createShape({ type: 'bpmn:UserTask' }));
      const step: PaletteEntry = {
        group: 'activity',
        className: 'bpmn-icon-user-task sop-palette-step',
        title: this.translate('SOP step (user task)'),
        action: { dragstart: start, click: start },
      };
      // right after bpmn-js's "Create task"
      const out: Record<string, PaletteEntry> = {};
      for (const [id, entry] of Object.entries(entries)) {
        out[id] = entry;
        if (id === 'create.task') out['create.sop-step'] = step;
      }
      if (!out['create.sop-step']) out['create.sop-step'] = step;
      return out;
    };
  }
}

export const SopPaletteModule = {
  __init__: ['sopPaletteProvider'],
  sopPaletteProvider: ['type', SopPaletteProvider],
};
