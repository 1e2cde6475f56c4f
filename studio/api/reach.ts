/** Reaching the applicant (issue 21): public tracking, the survey, the IKM. Same error handling as client.ts. */
import type { TrackingAnswer } from '../../contracts/reach.js';
import { json } from './client.js';

export type { Expected } from '../../contracts/reach.js';
/** A tracked application (POST /api/public/track). */
export type Tracking = TrackingAnswer;
export interface SurveyForm { service: string; office: string; items: Array<{ code: string; id: string; en: string }> }
export type IkmCategory = 'A' | 'B' | 'C' | 'D';
export interface IkmResult {
  respondents: number;
  items: Array<{ code: string; sum: number; nrr: number; weighted: number }>;
  ikm: number;
  unitIkm: number;
  category: IkmCategory;
}
export interface IkmReport {
  filter: { offices: string[] | 'all'; process: string | null; from: string; to: string };
  overall: IkmResult | null;
  rows: Array<{ office: string; officeName: string; process: string; service: string; result: IkmResult }>;
  comments: Array<{ office: string; process: string; at: string; comment: string }>;
}
export interface IkmFilter { office?: string; process?: string; from?: string; to?: string }

const enc = encodeURIComponent;
export const ikmQuery = (f: IkmFilter, format?: 'csv' | 'xlsx') =>
  new URLSearchParams(Object.entries({ ...f, ...(format ? { format } : {}) }).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')).toString();

export const reachApi = {
  track: (number: string, pin: string) => json<Tracking>('POST', '/api/public/track', { number, pin }),
  complain: (number: string, pin: string, perihal: string, isiPengaduan: string) => json<{ number: string }>('POST', '/api/public/complaints', { number, pin, perihal, isiPengaduan }),
  survey: (token: string) => json<SurveyForm>('GET', `/api/public/survey/${enc(token)}`),
  answer: (token: string, answers: number[], comment: string) => json<{ answered: boolean }>('POST', `/api/public/survey/${enc(token)}`, { answers, ...(comment.trim() ? { comment } : {}) }),
  ikm: (f: IkmFilter) => json<IkmReport>('GET', `/api/analytics/ikm?${ikmQuery(f)}`),
};
