/**
 * Ending a name's editing without changing the text changes nothing. diagram-js-direct-editing
 * also counts a change of the edit box's size, and away from zoom 1 the box the browser measures
 * (in 1/64 px) never equals the one it was given: every edit ended as a label update (an undo
 * step, a draft marked changed), and the context pad was drawn anew under the pointer, so the
 * click that ended the edit (on the replace menu's wrench, right after creating a step) was lost.
 * Only a text annotation's box is its size; for every other element the same text is no update.
 */
interface Element { type: string }
type Update = (element: Element, newLabel: string, oldLabel: string, bounds: unknown) => void;

class SameLabelIsNoUpdate {
  static $inject = ['labelEditingProvider'];

  constructor(provider: { update: Update }) {
    const update = provider.update.bind(provider);
    provider.update = (element, newLabel, oldLabel, bounds) => {
      if (newLabel === oldLabel && element.type !== 'bpmn:TextAnnotation') return;
      update(element, newLabel, oldLabel, bounds);
    };
  }
}

export const LabelEditingModule = {
  __init__: ['sameLabelIsNoUpdate'],
  sameLabelIsNoUpdate: ['type', SameLabelIsNoUpdate],
};
