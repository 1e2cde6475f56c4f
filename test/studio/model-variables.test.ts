import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modelVariables } from '../../studio/modeler/conditions/model-variables.js';
import type { BusinessObject } from '../../studio/modeler/properties/bpmn-element.js';
import { readDefinitions } from '../../studio/features/publish/model-diff.js';

const library = (key: string) => readFileSync(new URL(`../../processes/${key}.bpmn`, import.meta.url), 'utf8');
const variablesOf = async (xml: string) => modelVariables((await readDefinitions(xml)) as unknown as BusinessObject);

describe('the variables the condition builder suggests', () => {
  it('are the ones the model defines: rule results and the decisions of its other flows', async () => {
    const vars = await variablesOf(library('kaloran-reklame'));
    expect(vars).toEqual(expect.arrayContaining(['retribusi', 'berkasLengkap', 'perluCekLapangan', 'permohonanDiterima']));
  });

  it('include the fields of inline forms, also those under if/then', async () => {
    const vars = await variablesOf(library('samsat-02-pengesahan-tahunan'));
    // ownershipOrder is read only under the counter form's if (a second vehicle must give its engine size)
    expect(vars).toEqual(expect.arrayContaining(['ownershipOrder', 'berkasLengkap']));
  });

  it('include a call activity\'s outputs and a multi-instance element variable, once each, sorted', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:sop="https://sop-studio.id/schema/bpmn/sop/1.0" id="d" targetNamespace="x">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="s" sop:form="{&quot;schema&quot;:{&quot;type&quot;:&quot;object&quot;,&quot;properties&quot;:{&quot;nopol&quot;:{&quot;type&quot;:&quot;string&quot;}}}}" />
    <bpmn:callActivity id="c" calledElement="samsat-pembayaran" sop:outputs="buktiBayar=bukti, nopol" />
    <bpmn:userTask id="u"><bpmn:multiInstanceLoopCharacteristics sop:collection="opd" sop:elementVariable="opdItem" /></bpmn:userTask>
  </bpmn:process>
</bpmn:definitions>`;
    expect(await variablesOf(xml)).toEqual(['buktiBayar', 'nopol', 'opdItem']);
  });
});
