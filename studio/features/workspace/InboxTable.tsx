/** The inbox's tasks: due, step, process, number, applicant, SLA state; a row opens the task. */
import { Chip, Paper, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { useT } from '../../i18n/index.js';
import { reference } from '../../app/reference.js';
import type { ApplicationFound, InboxPage, SlaState } from './api.js';
import type { InboxTab } from './useInbox.js';

const SLA_COLOR: Record<SlaState, 'default' | 'success' | 'warning' | 'error'> = { none: 'default', 'on-time': 'success', warning: 'warning', late: 'error' };

export function InboxTable({ page, tab, when, onOpen }: { page: InboxPage | null; tab: InboxTab; when(iso: string | null): string; onOpen(taskId: string): void }) {
  const t = useT();
  return (
    // a phone scrolls the table, not the page
    <Paper variant="outlined" sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label={t('ws.inbox.table')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('ws.inbox.due')}</TableCell>
            <TableCell>{t('ws.inbox.step')}</TableCell>
            <TableCell>{t('ws.inbox.process')}</TableCell>
            <TableCell>{t('ws.inbox.number')}</TableCell>
            <TableCell>{t('ws.inbox.applicant')}</TableCell>
            <TableCell>{t('ws.inbox.status')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {(page?.tasks ?? []).map((task) => (
            <TableRow key={task.id} hover sx={{ cursor: 'pointer' }} onClick={() => onOpen(task.id)} data-task-id={task.id}>
              <TableCell>{when(task.dueAt)}</TableCell>
              <TableCell>
                <RouterLink to={`/inbox/tasks/${task.id}`}>{task.elementName}</RouterLink>
              </TableCell>
              <TableCell>{task.processName}</TableCell>
              <TableCell data-registration-number={task.registrationNumber ?? undefined}>{task.registrationNumber ?? task.businessKey ?? '-'}{task.registrationNumber && task.businessKey && task.businessKey !== task.registrationNumber ? ` · ${task.businessKey}` : ''}</TableCell>
              <TableCell>{task.applicantName ?? '-'}</TableCell>
              <TableCell>
                <Chip size="small" color={SLA_COLOR[task.sla]} label={t(`ws.sla.${task.sla}`)} />
                {task.claimedByName && tab === 'available' && <Chip size="small" sx={{ ml: 1 }} label={t('ws.inbox.claimedBy', { name: task.claimedByName })} />}
              </TableCell>
            </TableRow>
          ))}
          {page && page.tasks.length === 0 && (
            <TableRow>
              <TableCell colSpan={6}>{tab === 'mine' ? t('ws.inbox.emptyMine') : t('ws.inbox.emptyAvailable')}</TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
    </Paper>
  );
}

/** Applications a supervisor found by number, whether or not a task of theirs waits on them. */
export function FoundApplications({ found, when }: { found: ApplicationFound[]; when(iso: string | null): string }) {
  const t = useT();
  if (found.length === 0) return null;
  return (
    <Paper variant="outlined" sx={{ mt: 2 }}>
      <Typography variant="h6" sx={{ p: 1.5 }}>{t('ws.inbox.foundApplications')}</Typography>
      <Table size="small" aria-label={t('ws.inbox.foundApplications')} data-testid="found-applications">
        <TableHead>
          <TableRow>
            <TableCell>{t('ws.inbox.number')}</TableCell>
            <TableCell>{t('ws.inbox.process')}</TableCell>
            <TableCell>{t('ws.inbox.started')}</TableCell>
            <TableCell>{t('ws.inbox.status')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {found.map((a) => (
            <TableRow key={a.id} data-instance-id={a.id}>
              <TableCell>{reference(t, a.businessKey, a.registrationNumber)}</TableCell>
              <TableCell>{a.processName}</TableCell>
              <TableCell>{when(a.createdAt)}</TableCell>
              <TableCell><Chip size="small" label={t(`ws.inbox.instanceStatus.${a.status === 'completed' || a.status === 'cancelled' || a.status === 'failed' ? a.status : 'running'}`)} /></TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Paper>
  );
}
