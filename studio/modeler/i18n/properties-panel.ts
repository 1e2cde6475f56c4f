/**
 * @bpmn-io/properties-panel translates only what is handed a `translate` prop, and
 * bpmn-js-properties-panel hands it to none of its groups and entries: "Toggle section",
 * "Section contains edits", "Open pop-up editor" … would stay English. Its components are
 * preact components, so preact's vnode hook gives each of them our translate when it has none.
 * Some are called as plain functions (bpmn-js-properties-panel's name and documentation
 * textareas), so their inner markup still gets the fallback: the hook also translates the
 * panel's own tooltips and placeholders on its elements (`bio-properties-panel…` classes).
 * One modeler is on screen at a time: the hook follows the latest modeler's language.
 */
import { options } from '@bpmn-io/properties-panel/preact';
import {
  CollapsibleEntry, FeelEntry, FeelTextAreaEntry, Group, Header, JsonEditorEntry, ListEntry, ListGroup, ListItem, TextAreaEntry,
} from '@bpmn-io/properties-panel';
import { modelerTranslate, type ModelerLanguage, type Replacements } from './translate.js';

const TAKES_TRANSLATE = new Set<unknown>([CollapsibleEntry, FeelEntry, FeelTextAreaEntry, Group, Header, JsonEditorEntry, ListEntry, ListGroup, ListItem, TextAreaEntry]);

let current: () => ModelerLanguage = () => 'id';
const translate = (template: string, replacements?: Replacements) => modelerTranslate(current(), template, replacements);

let installed = false;

/** Makes the properties panel's own texts follow `language()` (the latest modeler's). */
export function translatePropertiesPanel(language: () => ModelerLanguage): void {
  current = language;
  if (installed) return;
  installed = true;
  const previous = options.vnode;
  options.vnode = (vnode) => {
    const props = vnode.props;
    if (props && TAKES_TRANSLATE.has(vnode.type) && props.translate === undefined) props.translate = translate;
    if (props && typeof vnode.type === 'string' && typeof props.class === 'string' && props.class.includes('bio-properties-panel')) {
      for (const name of ['title', 'aria-label']) if (typeof props[name] === 'string') props[name] = translate(props[name] as string);
      if (props.class.includes('placeholder') && typeof props.children === 'string') props.children = translate(props.children);
    }
    previous?.(vnode);
  };
}
