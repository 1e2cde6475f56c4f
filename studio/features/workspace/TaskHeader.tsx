/** The task page's head (step, post, registration number) and what a completion sends. */
import { Chip, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { api } from '../../api/client.js';
import { useT } from '../../i18n/index.js';
import type { ChecklistItem, TaskRow } from './api.js';

/** The catalogue's names of posts and offices, read once per page load (they change rarely). */
let names: Promise<Map<string, string>> | undefined;
function catalogueNames(): Promise<Map<string, string>> {
  names ??= Promise.all([api.roles(), api.offices()]).then(
    ([roles, offices]) => new Map([...roles.map((r) => [`role:${r.key}`, r.name] as const), ...offices.map((o) => [`office:${o.key}`, o.name] as const)]),
    () => {
      names = undefined;
      return new Map<string, string>();
    },
  );
  return names;
}

export function TaskHeader({ name, task, registrationNumber }: { name: string; task: TaskRow; registrationNumber: string | null }) {
  const t = useT();
  // the post and the office by name ("Petugas Loket · Kecamatan Kaloran"), not their keys
  const [known, setKnown] = useState<Map<string, string>>();
  useEffect(() => {
    let live = true;
    void catalogueNames().then((m) => live && setKnown(m));
    return () => {
      live = false;
    };
  }, []);
  return (
    <>
      <Typography variant="h5" component="h1">{name}</Typography>
      <Typography color="text.secondary" sx={{ mb: 1 }}>
        {task.onBehalf ? t('ws.task.onBehalf') : t('ws.task.role', { role: known?.get(`role:${task.role}`) ?? task.role, office: known?.get(`office:${task.office}`) ?? task.office })}
      </Typography>
      {registrationNumber && <Chip variant="outlined" sx={{ mb: 1 }} label={`${t('ws.registrationNumber')}: ${registrationNumber}`} data-testid="registration-number" />}
    </>
  );
}

export interface StepInput {
  facts: Record<string, unknown> | null;
  formData: Record<string, unknown>;
  decision: Record<string, unknown>;
  note: string;
  messageToApplicant: string;
  /** the checklist's documents received here on paper (null: untouched) */
  received: string[] | null;
  /** a negative decision ("tidak lengkap"): the missing documents are named */
  negative: boolean;
}

/**
 * The variables a completion sends: facts, form, decision, the internal note (`catatan`) and the
 * message for the applicant (`pesanPemohon`); a document's state recorded once for every later
 * post (received here on paper, or already uploaded; missing on a negative decision).
 */
export function stepVariables(checklist: readonly ChecklistItem[], input: StepInput): Record<string, unknown> {
  const { facts, formData, decision, note, messageToApplicant, received, negative } = input;
  const variables: Record<string, unknown> = { ...(facts ?? {}), ...formData, ...decision, ...(note.trim() ? { catatan: note.trim() } : {}), ...(messageToApplicant.trim() ? { pesanPemohon: messageToApplicant.trim() } : {}) };
  if (checklist.length) {
    const inHand = received ?? [];
    variables.dokumenDiterima = checklist.filter((d) => inHand.includes(d.code) && !d.upload).map((d) => d.code);
    if (negative) variables.dokumenKurang = checklist.filter((d) => !inHand.includes(d.code)).map((d) => d.code);
  }
  return variables;
}
