import { describe, expect, it } from 'vitest';
import { EVENT_KEYS, eventFields, LANGUAGES, NOTIFICATION_EVENTS, renderTemplate, templateProblems } from '../../core/notification-events.js';
import { parseModel } from '../../runtime/model/parse.js';
import { model, start, end, chain } from '../runtime/support/bpmn.js';

describe('the notification catalogue', () => {
  it('has every event the issue names, each with templates in both languages that use only its own fields', () => {
    expect(EVENT_KEYS).toEqual(
      expect.arrayContaining([
        'berkas-tidak-lengkap', 'fee-to-pay', 'ready-to-collect', 'rejected', 'permit-issued', 'permit-expiring',
        'application-registered', 'survey-invitation', 'complaint-answered', 'task-assigned', 'escalation',
      ]),
    );
    for (const event of EVENT_KEYS) for (const language of LANGUAGES) expect(templateProblems(event, NOTIFICATION_EVENTS[event].templates[language]), `${event}/${language}`).toEqual([]);
    expect(eventFields('fee-to-pay')).toEqual(expect.arrayContaining(['amount', 'dueDate', 'number', 'name']));
  });

  it('renders values, marks an absent one, and refuses unknown or unclosed placeholders', () => {
    const out = renderTemplate({ subject: 'Tagihan {{number}}:  Rp {{amount}}', body: 'Bayar {{ amount }} sebelum {{dueDate}}' }, { number: 'A-1', amount: '125.000' });
    expect(out).toEqual({ subject: 'Tagihan A-1: Rp 125.000', body: 'Bayar 125.000 sebelum -' });
    expect(templateProblems('fee-to-pay', { subject: 'x {{nomor}}', body: 'y {{amount' }).map((p) => p.path)).toEqual(['/subject', '/body']);
    expect(templateProblems('fee-to-pay', { subject: ' ', body: 'ok' })).toHaveLength(1);
  });

  it('a model may mark only an applicant event of the catalogue (sop:notify)', async () => {
    const xml = (kind: string) => model('m', `${start()}<bpmn:userTask id="a" sop:notify="${kind}" />${end()}${chain('start', 'a', 'end')}`, { lanes: { pemohon: ['start', 'a', 'end'] } });
    expect((await parseModel(xml('ready-to-collect'))).model?.nodes.a.notify).toBe('ready-to-collect');
    for (const wrong of ['siap-diambil', 'escalation']) expect((await parseModel(xml(wrong))).errors.map((e) => e.code)).toContain('NOTIFY_UNKNOWN');
  });
});
