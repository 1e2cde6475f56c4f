/**
 * The modeler's tools in a column beside the diagram, not over it. bpmn-js draws its palette
 * (and token simulation its toggle and player) over the canvas's top-left corner, while
 * `canvas.zoom('fit-viewport')` fits the diagram into the whole canvas: the pool and lane names,
 * at the diagram's left edge, opened under the palette (issue 23). Beside the canvas they cover
 * nothing and bpmn-js's own fit stays as it is (a narrower fit of ours broke the replace menu;
 * scrolling right by the palette's width pushed a wide diagram's right edge off screen).
 *
 * Moving the elements is safe: the palette binds its click and dragstart listeners on its own
 * element and drag-create listens on the document; token simulation keeps references to its
 * elements. The palette still chooses two columns from the canvas's height, which is the
 * column's too (they stand side by side); where that is not enough, the column scrolls.
 */
import type { Canvas } from './services.js';

/** diagram-js's event bus with a listener's priority (services.ts declares the short form only). */
interface EventBus {
  on(event: string, priority: number, callback: (event: { active?: boolean }) => undefined): void;
}

/** `new Modeler({ toolColumn: { parent } })`: the element the tools move into. */
export interface ToolColumnConfig { parent: HTMLElement }

/** Token simulation's toggle, its player (shown while simulating) and bpmn-js's palette, top to bottom. */
const TOOLS = ['.bts-toggle-mode', '.bts-palette', '.djs-palette'];

class ToolColumn {
  static $inject = ['config.toolColumn', 'eventBus', 'canvas'];

  constructor(config: ToolColumnConfig | undefined, eventBus: EventBus, canvas: Pick<Canvas, 'getContainer'>) {
    if (!config) return;
    // A diagram-js parent: bpmn-js's theme variables (the palette's colours) are set on those.
    const column = document.createElement('div');
    column.className = 'sop-tools djs-parent bio-theme-parent';
    // After every other diagram.init listener: the palette and the toggle are created there, and
    // the toggle looks the palette up inside the canvas to hide it while simulating.
    eventBus.on('diagram.init', 1, () => {
      const container = canvas.getContainer();
      for (const selector of TOOLS) {
        const el = container.querySelector(selector);
        if (el) column.append(el);
      }
      config.parent.append(column);
    });
    // token simulation's own rules for simulating (palette hidden, toggle lit) match only inside
    // the canvas. (Listeners return nothing: a value returned stops the event for the others.)
    eventBus.on('tokenSimulation.toggleMode', 1000, (e) => {
      column.classList.toggle('simulation', !!e.active);
    });
    // the parent outlives a modeler (React creates one, destroys it and creates another in development)
    eventBus.on('diagram.destroy', 1000, () => {
      column.remove();
    });
  }
}

export const ToolColumnModule = {
  __init__: ['toolColumn'],
  toolColumn: ['type', ToolColumn],
};
