/**
 * The modeler's translation module (bpmn-js customTranslate pattern): a `translate` service that
 * follows `modelerLanguage`, the studio's chosen language (Bahasa Indonesia by default). When the
 * language changes, `modelerLanguage.set(lang)` re-renders what is on screen: the palette
 * (`i18n.changed`), the properties panel, the lint overlays, open menus (closed; they reopen
 * translated) and bpmn-js-token-simulation's texts, which do not go through translate and are
 * translated in the DOM instead.
 */
import { modelerTranslate, type ModelerLanguage, type Replacements } from './translate.js';
import { translatePropertiesPanel } from './properties-panel.js';
import type { Canvas, EventBus } from '../services.js';
import type { ToolColumnConfig } from '../tool-column.js';

interface Injector { get(name: string, strict?: boolean): unknown }

export class ModelerLanguageService {
  static $inject = ['config.modelerLanguage', 'eventBus', 'injector'];
  lang: ModelerLanguage;

  constructor(initial: ModelerLanguage | undefined, private readonly eventBus: EventBus, private readonly injector: Injector) {
    this.lang = initial ?? 'id';
    translatePropertiesPanel(() => this.lang);
  }

  set(lang: ModelerLanguage): void {
    if (lang === this.lang) return;
    this.lang = lang;
    const optional = <T>(name: string) => this.injector.get(name, false) as T | undefined;
    optional<{ close(): void }>('contextPad')?.close();
    optional<{ close(): void }>('popupMenu')?.close();
    this.eventBus.fire('i18n.changed');
    this.eventBus.fire('propertiesPanel.providersChanged');
    // bpmn-js-bpmnlint: overlays and the button's label are re-rendered by a new lint run; the
    // button's tooltip is only written when it is created
    const linting = optional<{ isActive(): boolean; update(): void }>('linting');
    linting?.update();
    const canvas = optional<{ getContainer(): HTMLElement }>('canvas');
    canvas?.getContainer().querySelector('.bjsl-button')?.setAttribute('title', modelerTranslate(lang, 'Toggle linting overlays'));
  }
}

function translateFactory(language: ModelerLanguageService) {
  return (template: string, replacements?: Replacements) => modelerTranslate(language.lang, template, replacements);
}
translateFactory.$inject = ['modelerLanguage'];

/**
 * bpmn-js-token-simulation writes English into the DOM (toggle, palette, log, notifications,
 * context pads). Each text node and title/aria-label inside its elements is translated in place;
 * the English source is kept so a switch back to English restores it. Its toggle and player live
 * in the tool column (tool-column.ts), outside the canvas, so that column is watched too.
 */
class TokenSimulationTranslator {
  static $inject = ['eventBus', 'canvas', 'modelerLanguage', 'config.toolColumn'];
  /** per node (and attribute): the English source and the text we last wrote */
  private readonly texts = new WeakMap<Node, { source: string; written: string }>();
  private readonly attrs = new WeakMap<Element, Record<string, { source: string; written: string }>>();
  private observer?: MutationObserver;

  constructor(eventBus: EventBus, private readonly canvas: Pick<Canvas, 'getContainer'>, private readonly language: ModelerLanguageService, private readonly toolColumn: ToolColumnConfig | undefined) {
    eventBus.on('diagram.init', () => this.start());
    eventBus.on('i18n.changed', () => this.translateAll());
    eventBus.on('diagram.destroy', () => this.observer?.disconnect());
  }

  private start(): void {
    if (typeof MutationObserver === 'undefined') return;
    this.observer = new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'characterData') this.translateText(r.target);
        else if (r.type === 'attributes') this.translateAttributes(r.target as Element);
        else r.addedNodes.forEach((n) => this.translateTree(n));
      }
    });
    for (const root of this.roots()) this.observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['title', 'aria-label'] });
    this.translateAll();
  }

  private roots(): HTMLElement[] {
    return this.toolColumn ? [this.canvas.getContainer(), this.toolColumn.parent] : [this.canvas.getContainer()];
  }

  private translateAll(): void {
    for (const root of this.roots()) this.translateTree(root);
  }

  private inSimulation(node: Node): boolean {
    const el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
    return !!el?.closest('[class*="bts-"]');
  }

  private translateTree(node: Node): void {
    if (node.nodeType === Node.TEXT_NODE) return this.translateText(node);
    // the diagram's own SVG never holds the simulation's texts
    if (node.nodeType !== Node.ELEMENT_NODE || node instanceof SVGElement) return;
    const el = node as Element;
    const scope = el.matches('[class*="bts-"]') || el.closest('[class*="bts-"]') ? [el, ...el.querySelectorAll('*')] : [...el.querySelectorAll('[class*="bts-"], [class*="bts-"] *')];
    for (const e of scope) {
      this.translateAttributes(e);
      e.childNodes.forEach((c) => c.nodeType === Node.TEXT_NODE && this.translateText(c));
    }
  }

  private translateText(node: Node): void {
    const current = node.nodeValue ?? '';
    if (!current.trim() || !this.inSimulation(node)) return;
    const known = this.texts.get(node);
    // a text we wrote keeps its source; a text the library wrote is the new source
    const source = known && current === known.written ? known.source : current.trim();
    const target = this.render(source, current);
    this.texts.set(node, { source, written: target });
    if (target !== current) node.nodeValue = target;
  }

  private render(source: string, current: string): string {
    const lead = /^\s*/.exec(current)![0];
    const trail = /\s*$/.exec(current)![0];
    return lead + modelerTranslate(this.language.lang, source) + trail;
  }

  private translateAttributes(el: Element): void {
    if (!this.inSimulation(el)) return;
    const known = this.attrs.get(el) ?? {};
    for (const name of ['title', 'aria-label']) {
      const current = el.getAttribute(name);
      if (!current) continue;
      const source = known[name] && current === known[name].written ? known[name].source : current;
      const target = modelerTranslate(this.language.lang, source);
      known[name] = { source, written: target };
      if (target !== current) el.setAttribute(name, target);
    }
    this.attrs.set(el, known);
  }
}

export const ModelerI18nModule = {
  __init__: ['modelerLanguage', 'tokenSimulationTranslator'],
  modelerLanguage: ['type', ModelerLanguageService],
  translate: ['factory', translateFactory],
  tokenSimulationTranslator: ['type', TokenSimulationTranslator],
};

export { modelerTranslate, type ModelerLanguage };
