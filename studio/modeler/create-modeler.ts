/**
 * The studio's bpmn-js Modeler: properties panel with the SOP group, lint while drawing
 * (bpmnlint recommended + our rules), token simulation, all in the studio's language
 * (i18n/: Bahasa Indonesia by default), and a palette entry for the SOP's step (a user task).
 * The palette and the simulation's toggle stand in a column beside the canvas (tool-column.ts).
 * Lazy-loaded with the editor screen.
 */
import BpmnModeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from 'bpmn-js-properties-panel';
import lintModule from 'bpmn-js-bpmnlint';
import TokenSimulationModule from 'bpmn-js-token-simulation';
import sopDescriptor from '../../runtime/moddle/sop.json';
import { bpmnlintOptions, type LintContext } from './lint/config.js';
import { SopContextModule, type SopContext } from './sop-context.js';
import { SopPropertiesProviderModule } from './properties/SopPropertiesProvider.js';
import { ModelerI18nModule, type ModelerLanguage, type ModelerLanguageService } from './i18n/index.js';
import { SopPaletteModule } from './sop-palette.js';
import { ToolColumnModule } from './tool-column.js';
import { LabelEditingModule } from './label-editing.js';
import type { EditingServices } from './services.js';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/assets/properties-panel.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import 'bpmn-js-token-simulation/assets/css/bpmn-js-token-simulation.css';
import './modeler.css';

export interface CreateModelerOptions {
  container: HTMLElement;
  propertiesParent: HTMLElement;
  /** where the palette goes, beside `container` rather than over the diagram's left edge */
  toolParent?: HTMLElement;
  lint?: LintContext;
  /** the studio's language; change it later with `modeler.get('modelerLanguage').set(lang)` */
  lang?: ModelerLanguage;
}

/** What the studio's modeler offers: bpmn-js's services we call (services.ts) and our modules. */
interface ModelerServices extends EditingServices {
  sopContext: SopContext;
  modelerLanguage: ModelerLanguageService;
}

/** The studio's modeler, its services typed. */
export type Modeler = BpmnModeler<ModelerServices>;

export function createModeler({ container, propertiesParent, toolParent, lint, lang = 'id' }: CreateModelerOptions): Modeler {
  return new BpmnModeler<ModelerServices>({
    container,
    toolColumn: toolParent && { parent: toolParent },
    modelerLanguage: lang,
    // The SOP group opens first: it is what an administrator edits most.
    propertiesPanel: { parent: propertiesParent, layout: { groups: { sop: { open: true } } } },
    linting: { bpmnlint: bpmnlintOptions(lint), active: true },
    additionalModules: [ModelerI18nModule, SopPaletteModule, ToolColumnModule, LabelEditingModule, BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, SopContextModule, SopPropertiesProviderModule, lintModule, TokenSimulationModule],
    moddleExtensions: { sop: sopDescriptor },
  });
}
