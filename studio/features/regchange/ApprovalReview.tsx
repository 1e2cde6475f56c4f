/**
 * What the second person decides on (issue 19): inside a pending submission, the submitted draft
 * against the last publication — the same compare as the version history (DiffView for a
 * process, JsonDiffTable for a rule set) — and its Dampak, run in place. The draft is the
 * submitted one as long as its revision is; if it changed since, approving is refused by the
 * server (APPROVAL_STALE) and the panel says so before anyone tries.
 */
import { Alert, Box, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { api, type StoreKind } from '../../api/client.js';
import type { Approval } from '../../api/regchange.js';
import { useT } from '../../i18n/index.js';
import { DiffView } from '../publish/DiffView.js';
import { JsonDiffTable } from '../rule-editor/JsonDiffTable.js';
import { ImpactPanel } from './ImpactDialog.js';

interface Compared { draft: string; revision: number; last: { n: number; content: string } | null }

async function loadCompared(kind: StoreKind, key: string): Promise<Compared | undefined> {
  const draft = kind === 'processes' ? await api.getProcessDraft(key) : await api.getRuleSetDraft(key);
  if (!draft) return undefined;
  const content = typeof draft.content === 'string' ? draft.content : JSON.stringify(draft.content);
  const n = Math.max(0, ...(await api.versions(kind, key)).map((v) => v.n));
  const last = n ? { n, content: (await api.version(kind, key, n)).content } : null;
  return { draft: content, revision: draft.revision, last };
}

export function ApprovalReview({ kind, docKey, approval }: { kind: StoreKind; docKey: string; approval: Approval }) {
  const t = useT();
  const [compared, setCompared] = useState<Compared | null>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    loadCompared(kind, docKey).then((c) => setCompared(c ?? null), (e: Error) => setError(e.message));
  }, [kind, docKey, approval.id]);

  if (error) return <Alert severity="error">{error}</Alert>;
  if (compared === undefined) return <Typography variant="body2">{t('common.loading')}</Typography>;
  if (compared === null) return <Alert severity="warning">{t('approval.reviewNoDraft')}</Alert>;
  return (
    <Box sx={{ mt: 1 }} data-testid="approval-review">
      <Typography variant="subtitle2" component="h3">
        {compared.last ? t('approval.reviewDiff', { revision: approval.draftRevision, n: compared.last.n }) : t('publish.firstVersion')}
      </Typography>
      {compared.revision !== approval.draftRevision && (
        <Alert severity="warning" sx={{ my: 1 }} data-testid="approval-review-stale">{t('approval.reviewStale', { submitted: approval.draftRevision, current: compared.revision })}</Alert>
      )}
      {compared.last && (kind === 'processes'
        ? <DiffView oldXml={compared.last.content} newXml={compared.draft} />
        : <JsonDiffTable before={JSON.parse(compared.last.content) as unknown} after={JSON.parse(compared.draft) as unknown} />)}
      <Typography variant="subtitle2" component="h3" sx={{ mt: 2 }}>{t('approval.reviewImpact')}</Typography>
      <ImpactPanel kind={kind} docKey={docKey} />
    </Box>
  );
}
