/**
 * Two people for a publication (issue 19), on the versions screen: whether this SOP requires a
 * second person's approval (an admin sets it), the submissions with their effective date, note and
 * legal basis, and for a pending one "Setujui" (publishes the submitted revision) or "Kembalikan"
 * with a comment; a pending one shows what is decided on (ApprovalReview: the diff and the
 * Dampak). The author's own submission cannot be decided by them (the server refuses).
 */
import { Alert, Box, Button, Chip, FormControlLabel, Paper, Switch, TextField, Typography } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, type StoreKind } from '../../api/client.js';
import { regchangeApi, type Approval } from '../../api/regchange.js';
import { useAuth } from '../../app/auth.js';
import { formatDateTime, useLanguage, useT, type MessageKey } from '../../i18n/index.js';
import { effectiveDateRefusal } from '../publish/PublishDialog.js';
import { ApprovalReview } from './ApprovalReview.js';

const ERRORS: Record<string, MessageKey | undefined> = {
  APPROVAL_SELF: 'approval.error.APPROVAL_SELF',
  APPROVAL_STALE: 'approval.error.APPROVAL_STALE',
  APPROVAL_PENDING: 'approval.error.APPROVAL_PENDING',
};
const STATUS: Record<Approval['status'], MessageKey> = { pending: 'approval.status.pending', approved: 'approval.status.approved', rejected: 'approval.status.rejected' };

export function ApprovalsPanel({ kind, docKey, onPublished }: { kind: StoreKind; docKey: string; onPublished(): void }) {
  const t = useT();
  const { lang } = useLanguage();
  const { user } = useAuth();
  const isAdmin = !!user?.roles.some((r) => r.role === 'admin');
  const [data, setData] = useState<{ required: boolean; approvals: Approval[] }>();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string>();
  const load = useCallback(() => regchangeApi.approvals(kind, docKey).then(setData, (e: Error) => setError(e.message)), [kind, docKey]);
  useEffect(() => void load(), [load]);

  const act = async (work: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await work();
      await load();
    } catch (e) {
      const known = e instanceof ApiError ? ERRORS[e.code] : undefined;
      // a publication in force since a later date than the submitted one (it came into force meanwhile)
      setError(effectiveDateRefusal(t, e) ?? (known ? t(known) : e instanceof ApiError ? e.message : String(e)));
    }
  };
  if (!data) return null;
  if (!data.required && data.approvals.length === 0 && !isAdmin) return null;
  return (
    <Paper sx={{ p: 2, mb: 2 }} data-testid="approvals">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
        <Typography variant="h6" component="h2" sx={{ flex: 1 }}>{t('approval.title')}</Typography>
        {isAdmin ? (
          <FormControlLabel
            control={<Switch checked={data.required} onChange={(e) => void act(() => regchangeApi.setApprovalRequired(kind, docKey, e.target.checked))} slotProps={{ input: { 'aria-label': t('approval.required') } }} data-testid="approval-required" />}
            label={t('approval.required')}
          />
        ) : (
          <Typography variant="body2">{data.required ? t('approval.requiredOn') : t('approval.requiredOff')}</Typography>
        )}
      </Box>
      {error && <Alert severity="error" sx={{ my: 1 }} data-testid="approval-error">{error}</Alert>}
      {data.approvals.length === 0 && <Typography variant="body2">{t('approval.none')}</Typography>}
      {data.approvals.map((a) => (
        <Box key={a.id} sx={{ borderTop: 1, borderColor: 'divider', py: 1 }} data-testid={`approval-${a.status}`}>
          <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
            <Chip size="small" color={a.status === 'pending' ? 'warning' : a.status === 'approved' ? 'success' : 'default'} label={t(STATUS[a.status])} />
            <Typography variant="body2">
              {t('approval.submitted', { by: a.submittedBy, at: formatDateTime(a.submittedAt, lang), date: a.effectiveFrom, revision: a.draftRevision })}
            </Typography>
          </Box>
          {a.note && <Typography variant="body2">{t('versions.note')}: {a.note}</Typography>}
          {a.legalBasis?.regulation && <Typography variant="body2">{t('changelog.legalBasis')}: {[a.legalBasis.regulation, a.legalBasis.article, a.legalBasis.date].filter(Boolean).join(', ')}</Typography>}
          {a.decidedBy && <Typography variant="body2">{t('approval.decided', { by: a.decidedBy, at: a.decidedAt ? formatDateTime(a.decidedAt, lang) : '' })}{a.comment ? ` — “${a.comment}”` : ''}{a.publication ? ` → v${a.publication}` : ''}</Typography>}
          {a.status === 'pending' && <ApprovalReview kind={kind} docKey={docKey} approval={a} />}
          {a.status === 'pending' && (
            <Box sx={{ display: 'flex', gap: 1, mt: 1, alignItems: 'center' }}>
              <Button variant="contained" size="small" onClick={() => void act(async () => { await regchangeApi.approve(kind, docKey, a.id); onPublished(); })} data-testid="approval-approve">{t('approval.approve')}</Button>
              <TextField size="small" label={t('approval.comment')} value={comment} onChange={(e) => setComment(e.target.value)} sx={{ flex: 1 }} />
              <Button size="small" disabled={!comment.trim()} onClick={() => void act(async () => { await regchangeApi.reject(kind, docKey, a.id, comment); setComment(''); })} data-testid="approval-reject">{t('approval.reject')}</Button>
            </Box>
          )}
        </Box>
      ))}
    </Paper>
  );
}
