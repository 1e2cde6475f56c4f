/**
 * Small helpers to write test models as BPMN XML (the same format the studio saves).
 * `model(processKey, lanes, body)` wraps process content; lanes map a role to element ids.
 */
export function model(key: string, body: string, opts: { lanes?: Record<string, string[]>; extra?: string; attrs?: string } = {}): string {
  const lanes = opts.lanes
    ? `<bpmn:laneSet id="ls_${key}">${Object.entries(opts.lanes)
        .map(([role, ids], i) => `<bpmn:lane id="lane_${i}" name="${role}" sop:role="${role}">${ids.map((id) => `<bpmn:flowNodeRef>${id}</bpmn:flowNodeRef>`).join('')}</bpmn:lane>`)
        .join('')}</bpmn:laneSet>`
    : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:sop="https://sop-studio.id/schema/bpmn/sop/1.0" id="defs_${key}" targetNamespace="https://sop-studio.id/test">
${opts.extra ?? ''}
<bpmn:process id="${key}" name="Proses ${key}" isExecutable="true" ${opts.attrs ?? ''}>${lanes}
${body}
</bpmn:process>
</bpmn:definitions>`;
}

/** A sequence flow; `cond` is a json-rules-engine condition object or a boolean variable name. */
export function flow(id: string, from: string, to: string, cond?: object | string, name = ''): string {
  if (cond === undefined) return `<bpmn:sequenceFlow id="${id}" name="${name}" sourceRef="${from}" targetRef="${to}" />`;
  const body = typeof cond === 'string' ? cond : JSON.stringify(cond);
  const lang = typeof cond === 'string' ? '' : ' language="json-rules-engine"';
  return `<bpmn:sequenceFlow id="${id}" name="${name}" sourceRef="${from}" targetRef="${to}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression"${lang}><![CDATA[${body}]]></bpmn:conditionExpression></bpmn:sequenceFlow>`;
}

export const eq = (fact: string, value: unknown) => ({ all: [{ fact, operator: 'equal', value }] });

/** A chain of flows between consecutive ids: chain('s', 'a', 'e') → s→a, a→e. */
export function chain(...ids: string[]): string {
  return ids
    .slice(1)
    .map((id, i) => flow(`f_${ids[i]}_${id}`, ids[i], id))
    .join('\n');
}

export const start = (id = 'start') => `<bpmn:startEvent id="${id}" />`;
export const end = (id = 'end') => `<bpmn:endEvent id="${id}" />`;
export const userTask = (id: string, attrs = '') => `<bpmn:userTask id="${id}" name="Tugas ${id}" ${attrs} />`;
