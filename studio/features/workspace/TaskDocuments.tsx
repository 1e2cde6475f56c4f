/** Each document this application produced, each button its own print view and PDF (issue 23). */
import { Button, Stack } from '@mui/material';
import { useT } from '../../i18n/index.js';
import { pdfUrl, printUrl, type TaskContext } from './api.js';

export function TaskDocuments({ instanceId, printable }: { instanceId: string; printable: TaskContext['printable'] }) {
  const t = useT();
  if (printable.length === 0) return null;
  return (
    // each document this application produced, each button its own print view (issue 23)
    <Stack direction="row" useFlexGap spacing={1} sx={{ mb: 2, flexWrap: 'wrap' }} aria-label={t('ws.task.documents')} data-testid="task-documents">
      {printable.map((k) => (
        <Stack key={k} direction="row" spacing={0.5} data-kind={k}>
          <Button size="small" variant="outlined" href={printUrl(instanceId, k)} target="_blank">{t('ws.task.printKind', { doc: t(`print.kind.${k}`) })}</Button>
          <Button size="small" href={pdfUrl(instanceId, k)} download>{t('ws.task.pdfKind', { doc: t(`print.kind.${k}`) })}</Button>
        </Stack>
      ))}
    </Stack>
  );
}
