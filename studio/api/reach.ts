/** Reaching the applicant (issue 21): public tracking, the survey, the IKM. Same error handling as client.ts. */
import type { ComplaintAnswer, IkmFilter, IkmReport, SurveyAnswered, SurveyForm, TrackingAnswer } from '../../contracts/reach.js';
import { json } from './client.js';

export type { Expected } from '../../contracts/reach.js';
/** A tracked application (POST /api/public/track). */
export type Tracking = TrackingAnswer;
export type { IkmFilter, IkmReport, SurveyForm };

const enc = encodeURIComponent;
export const ikmQuery = (f: IkmFilter, format?: 'csv' | 'xlsx') =>
  new URLSearchParams(Object.entries({ ...f, ...(format ? { format } : {}) }).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')).toString();

export const reachApi = {
  track: (number: string, pin: string) => json<Tracking>('POST', '/api/public/track', { number, pin }),
  complain: (number: string, pin: string, perihal: string, isiPengaduan: string) => json<ComplaintAnswer>('POST', '/api/public/complaints', { number, pin, perihal, isiPengaduan }),
  survey: (token: string) => json<SurveyForm>('GET', `/api/public/survey/${enc(token)}`),
  answer: (token: string, answers: number[], comment: string) => json<SurveyAnswered>('POST', `/api/public/survey/${enc(token)}`, { answers, ...(comment.trim() ? { comment } : {}) }),
  ikm: (f: IkmFilter) => json<IkmReport>('GET', `/api/analytics/ikm?${ikmQuery(f)}`),
};
