import { describe, expect, it } from 'vitest';
import { errorsOnly, lintXml } from '../../studio/modeler/lint/node.js';
import { samsatLikeXml, withDecision, SAMSAT_ROLES } from './fixtures.js';

const rulesOf = (issues: Array<{ rule: string; element: string }>) => issues.map((i) => `${i.rule}@${i.element}`);

describe('publish checks (bpmnlint recommended + sop rules)', () => {
  it('an SOP drawn from the table passes with no errors', async () => {
    expect(errorsOnly(await lintXml(samsatLikeXml(), { roles: SAMSAT_ROLES }))).toEqual([]);
  });

  it('a user task in a lane without a role is an error on that task', async () => {
    const xml = samsatLikeXml().replace('sop:role="korektor"', '');
    expect(rulesOf(errorsOnly(await lintXml(xml)))).toEqual(['sop/user-task-role@Task_2']);
  });

  it('a lane naming a role the server does not know is reported on the lane', async () => {
    const xml = samsatLikeXml().replace('sop:role="korektor"', 'sop:role="juru-sihir"');
    expect(rulesOf(errorsOnly(await lintXml(xml, { roles: SAMSAT_ROLES })))).toEqual(['sop/user-task-role@Lane_2']);
  });

  it('a user task outside every lane is an error', async () => {
    const xml = samsatLikeXml().replace('<bpmn:flowNodeRef>Task_3</bpmn:flowNodeRef>', '');
    expect(rulesOf(errorsOnly(await lintXml(xml)))).toContain('sop/user-task-role@Task_3');
  });

  it('a user task without SOP time (sop:duration) is an error, and a malformed one too', async () => {
    const missing = samsatLikeXml().replace(' sop:duration="PT3M"', '');
    expect(rulesOf(errorsOnly(await lintXml(missing)))).toEqual(['sop/user-task-sla@Task_2']);
    const bad = samsatLikeXml().replace('sop:duration="PT3M"', 'sop:duration="3 menit"');
    expect(errorsOnly(await lintXml(bad))[0]?.message).toMatch(/ISO 8601/);
  });

  it('a gateway whose outgoing flows have neither conditions nor a default is an error per flow', async () => {
    const xml = withDecision(samsatLikeXml(), {});
    expect(rulesOf(errorsOnly(await lintXml(xml)))).toEqual(['sop/gateway-conditions@Flow_yes', 'sop/gateway-conditions@Flow_no']);
  });

  it('a gateway with one condition and a default flow passes', async () => {
    const xml = withDecision(samsatLikeXml(), { yes: '{"all":[{"fact":"benar","operator":"equal","value":true}]}', defaultFlow: true });
    expect(errorsOnly(await lintXml(xml))).toEqual([]);
  });

  it('a JavaScript condition is refused; json-rules-engine JSON and a plain variable name are accepted', async () => {
    const js = withDecision(samsatLikeXml(), { yes: 'benar', no: '{"all":[]}' }).replace('language="json-rules-engine">benar', 'language="javascript">${benar}');
    expect(rulesOf(errorsOnly(await lintXml(js)))).toEqual(['sop/condition-language@Flow_yes']);
    const plain = withDecision(samsatLikeXml(), { yes: 'x', no: '{"any":[{"fact":"benar","operator":"equal","value":false}]}' })
      .replace(' language="json-rules-engine">x<', '>benar<');
    expect(errorsOnly(await lintXml(plain))).toEqual([]);
  });

  it('a script task is an unsupported element', async () => {
    const xml = samsatLikeXml().replace(/<bpmn:userTask id="Task_3"([^>]*)>(.*?)<\/bpmn:userTask>/, '<bpmn:scriptTask id="Task_3"$1>$2</bpmn:scriptTask>');
    expect(rulesOf(errorsOnly(await lintXml(xml)))).toEqual(['sop/supported-elements@Task_3']);
  });

  it('a start quantity other than 1 is refused; a standard loop that can stop is accepted, one that cannot is refused', async () => {
    const withTask3 = (attrs: string, inner: string) => samsatLikeXml().replace(/<bpmn:userTask id="Task_3"([^>]*)>/, `<bpmn:userTask id="Task_3"$1${attrs}>${inner}`);
    expect(rulesOf(errorsOnly(await lintXml(withTask3(' startQuantity="2"', ''))))).toEqual(['sop/supported-elements@Task_3']);
    expect(errorsOnly(await lintXml(withTask3('', '<bpmn:standardLoopCharacteristics loopMaximum="3" />')))).toEqual([]);
    expect(rulesOf(errorsOnly(await lintXml(withTask3('', '<bpmn:standardLoopCharacteristics />'))))).toEqual(['sop/supported-elements@Task_3']);
  });

  it('a business rule task must name an existing rule set and a result variable', async () => {
    const brt = (attrs: string) => samsatLikeXml().replace(/<bpmn:userTask id="Task_2"[^>]*>/, `<bpmn:businessRuleTask id="Task_2" name="Hitung PKB"${attrs}>`).replace(/(<bpmn:businessRuleTask id="Task_2"[\s\S]*?)<\/bpmn:userTask>/, '$1</bpmn:businessRuleTask>');
    expect(rulesOf(errorsOnly(await lintXml(brt(''), { ruleSets: ['samsat-fees'] })))).toEqual(['sop/rule-set-exists@Task_2', 'sop/rule-set-exists@Task_2']);
    expect(errorsOnly(await lintXml(brt(' sop:ruleSet="tarif-hilang" sop:resultVariable="pkb"'), { ruleSets: ['samsat-fees'] }))[0]?.message).toMatch(/tarif-hilang/);
    expect(errorsOnly(await lintXml(brt(' sop:ruleSet="samsat-fees" sop:resultVariable="pkb"'), { ruleSets: ['samsat-fees'] }))).toEqual([]);
  });

  it('event sub-processes, conditional events and a complex gateway with an activation condition are accepted; a JavaScript condition on them is not', async () => {
    const cond = (tag: string, body: string, lang = ' language="json-rules-engine"') => `<bpmn:${tag} xsi:type="bpmn:tFormalExpression"${lang}>${body}</bpmn:${tag}>`;
    const prioritas = '{"all":[{"fact":"prioritas","operator":"equal","value":true}]}';
    const withEvents = (startCondition: string) =>
      samsatLikeXml()
        .replace('xmlns:bpmn=', 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:bpmn=')
        .replace(
          '</bpmn:process>',
          `<bpmn:subProcess id="Esp_1" name="Prioritas" triggeredByEvent="true"><bpmn:startEvent id="EspStart" name="Prioritas?" isInterrupting="false"><bpmn:conditionalEventDefinition>${startCondition}</bpmn:conditionalEventDefinition><bpmn:outgoing>F_e1</bpmn:outgoing></bpmn:startEvent>
          <bpmn:complexGateway id="Cx_1" name="Cukup?">${cond('activationCondition', '{"all":[{"fact":"activationCount","operator":"equal","value":1}]}')}<bpmn:incoming>F_e1</bpmn:incoming><bpmn:outgoing>F_e2</bpmn:outgoing></bpmn:complexGateway>
          <bpmn:endEvent id="EspEnd" name="Selesai"><bpmn:incoming>F_e2</bpmn:incoming></bpmn:endEvent>
          <bpmn:sequenceFlow id="F_e1" sourceRef="EspStart" targetRef="Cx_1" /><bpmn:sequenceFlow id="F_e2" sourceRef="Cx_1" targetRef="EspEnd" /></bpmn:subProcess></bpmn:process>`,
        )
        .replace(
          '</bpmndi:BPMNPlane>',
          `<bpmndi:BPMNShape id="Esp_1_di" bpmnElement="Esp_1" isExpanded="true"><dc:Bounds x="100" y="700" width="400" height="150" /></bpmndi:BPMNShape>
          <bpmndi:BPMNShape id="EspStart_di" bpmnElement="EspStart"><dc:Bounds x="130" y="760" width="36" height="36" /></bpmndi:BPMNShape>
          <bpmndi:BPMNShape id="Cx_1_di" bpmnElement="Cx_1"><dc:Bounds x="250" y="753" width="50" height="50" /></bpmndi:BPMNShape>
          <bpmndi:BPMNShape id="EspEnd_di" bpmnElement="EspEnd"><dc:Bounds x="400" y="760" width="36" height="36" /></bpmndi:BPMNShape>
          <bpmndi:BPMNEdge id="F_e1_di" bpmnElement="F_e1"><di:waypoint x="166" y="778" /><di:waypoint x="250" y="778" /></bpmndi:BPMNEdge>
          <bpmndi:BPMNEdge id="F_e2_di" bpmnElement="F_e2"><di:waypoint x="300" y="778" /><di:waypoint x="400" y="778" /></bpmndi:BPMNEdge></bpmndi:BPMNPlane>`,
        );
    expect(errorsOnly(await lintXml(withEvents(cond('condition', prioritas))))).toEqual([]);
    expect(rulesOf(errorsOnly(await lintXml(withEvents(cond('condition', 'x &gt; 1', ' language="javascript"')))))).toEqual(['sop/condition-language@EspStart']);
    expect(rulesOf(errorsOnly(await lintXml(withEvents(''))))).toEqual(['sop/condition-language@EspStart']);
  });
});
