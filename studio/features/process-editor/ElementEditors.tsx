/**
 * The bigger editors the properties panel opens for an element: the condition builder (a flow's
 * condition, a conditional event's, a complex gateway's activation condition) and the form
 * designer (a user task's sop:form). Both write through modeling commands.
 */
import { lazy, Suspense } from 'react';
import { ConditionBuilder } from '../../modeler/conditions/ConditionBuilder.js';
import { modelVariables } from '../../modeler/conditions/model-variables.js';
import type { Modeler } from '../../modeler/create-modeler.js';
import { conditionBody, conditionSlot, type BusinessObject, type Shape } from '../../modeler/properties/bpmn-element.js';
import type { EditorRequest } from '../../modeler/useModeler.js';

const FormDesignerDialog = lazy(() => import('../form-designer/FormDesignerDialog.js'));

function applyCondition(modeler: Modeler, element: Shape, body: string | undefined) {
  const modeling = modeler.get('modeling');
  const slot = conditionSlot(element.businessObject);
  if (!slot) return;
  // A flow's conditionExpression, a conditional event's condition, a complex gateway's activationCondition.
  const value = body === undefined ? undefined : modeler.get('moddle').create('bpmn:FormalExpression', { body, language: 'json-rules-engine' });
  if (slot.target === element.businessObject) modeling.updateProperties(element, { [slot.attr]: value });
  else modeling.updateModdleProperties(element, slot.target, { [slot.attr]: value });
}

export function ElementEditors({ request, modeler, onClose }: { request: EditorRequest | undefined; modeler: Modeler | undefined; onClose(): void }) {
  if (!request) return null;
  const { element } = request;
  if (request.kind === 'condition') {
    return (
      <ConditionBuilder
        body={conditionBody(element.businessObject)}
        flowName={element.businessObject.name}
        variables={modeler ? modelVariables(modeler.getDefinitions() as BusinessObject) : []}
        onApply={(body) => {
          applyCondition(modeler!, element, body);
          onClose();
        }}
        onClose={onClose}
      />
    );
  }
  return (
    <Suspense fallback={null}>
      <FormDesignerDialog
        taskName={element.businessObject.name ?? element.id}
        value={String(element.businessObject.get('sop:form') ?? '')}
        onApply={(form) => {
          modeler!.get('modeling').updateProperties(element, { 'sop:form': form });
          onClose();
        }}
        onClose={onClose}
      />
    </Suspense>
  );
}
