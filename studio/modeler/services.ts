/**
 * The bpmn-js / diagram-js services our code calls, typed once, as narrowly as we use them.
 * `createModeler` and `createViewer` return diagrams typed by these maps, so `modeler.get('canvas')`
 * is a `Canvas` without a cast or a local re-declaration.
 */
import type { BusinessObject, Shape } from './properties/bpmn-element.js';

export interface Point { x: number; y: number }
export interface Bounds { x: number; y: number; width: number; height: number }

/** A shape or connection on the canvas: shapes have bounds, connections waypoints. */
export type DiagramElement = Shape & Partial<Bounds> & { waypoints?: Point[] };

export interface Canvas {
  getContainer(): HTMLElement;
  zoom(level?: number | 'fit-viewport'): number;
  viewbox(box?: Bounds): Bounds & { scale: number };
  getSize(): { width: number; height: number };
  addMarker(id: string, marker: string): void;
  scrollToElement(element: DiagramElement): void;
  getRootElement(): DiagramElement;
}

export interface ElementRegistry {
  get(id: string): DiagramElement | undefined;
  filter(fn: (element: DiagramElement) => boolean): DiagramElement[];
}

export interface Overlays {
  add(elementId: string, overlay: { position: { top?: number; left?: number; bottom?: number; right?: number }; html: HTMLElement }): void;
}

export interface EventBus {
  on<E>(event: string | string[], callback: (event: E) => unknown): void;
  fire(event: string, payload?: unknown): unknown;
}

export interface CommandStack { canUndo(): boolean; canRedo(): boolean; undo(): void; redo(): void }

export interface Modeling {
  updateProperties(element: Shape, props: Record<string, unknown>): void;
  updateModdleProperties(element: Shape, target: BusinessObject, props: Record<string, unknown>): void;
}

export interface Moddle { create(type: string, attrs?: Record<string, unknown>): BusinessObject }

export interface Selection { select(element: DiagramElement): void }

/** bpmn-js-bpmnlint */
export interface Linting { setLinterConfig(config: unknown): void }

/** bpmn-js-token-simulation */
export interface ToggleMode { toggleMode(active?: boolean): void }

/** What a read-only viewer offers. */
export interface ViewerServices {
  canvas: Canvas;
  elementRegistry: ElementRegistry;
  overlays: Overlays;
  eventBus: EventBus;
}

/** What a modeler adds: editing (our modules' services are added by create-modeler.ts). */
export interface EditingServices extends ViewerServices {
  commandStack: CommandStack;
  modeling: Modeling;
  moddle: Moddle;
  selection: Selection;
  linting: Linting;
  toggleMode: ToggleMode;
}
