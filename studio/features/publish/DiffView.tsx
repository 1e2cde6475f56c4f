/**
 * The difference between two process versions: the newer diagram with added (green) and
 * changed (orange) shapes highlighted, removed shapes listed, and one row per property change.
 */
import { Alert, Box, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useT, type MessageKey, type Translate } from '../../i18n/index.js';
import { useDiagram } from '../../modeler/useDiagram.js';
import { diffModels, type ModelDiff, type PropertyChange } from './model-diff.js';
import '../../modeler/modeler.css';

const PROPERTY_LABELS: Record<string, MessageKey> = {
  role: 'diff.prop.role',
  duration: 'diff.prop.duration',
  condition: 'diff.prop.condition',
  name: 'diff.prop.name',
  form: 'diff.prop.form',
  ruleSet: 'diff.prop.ruleSet',
  documents: 'diff.prop.documents',
};

function propertyLabel(t: Translate, change: PropertyChange): string {
  const key = PROPERTY_LABELS[change.property];
  return key ? t(key) : change.property;
}

export function DiagramWithMarkers({ xml, markers, height = 360 }: { xml: string; markers?: Record<string, string[]>; height?: number }) {
  const { container } = useDiagram(xml, markers ?? {}, ({ canvas }) => canvas.zoom('fit-viewport'));
  return <Box ref={container} sx={{ height, border: '1px solid', borderColor: 'divider', bgcolor: '#fff' }} data-testid="diff-diagram" />;
}

const addedCache = new WeakMap<ModelDiff, Record<string, string[]>>();
function addedChangedMarkers(diff: ModelDiff): Record<string, string[]> {
  let m = addedCache.get(diff);
  if (!m) addedCache.set(diff, (m = { 'diff-added': diff.added, 'diff-changed': diff.changed }));
  return m;
}

const removedCache = new WeakMap<ModelDiff, Record<string, string[]>>();
/** Stable marker object per diff, so the viewer is not rebuilt on every render. */
function removedMarkers(diff: ModelDiff): Record<string, string[]> {
  let m = removedCache.get(diff);
  if (!m) removedCache.set(diff, (m = { 'diff-removed': diff.removed }));
  return m;
}

export function DiffView({ oldXml, newXml }: { oldXml: string; newXml: string }) {
  const t = useT();
  const [diff, setDiff] = useState<ModelDiff>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    diffModels(oldXml, newXml).then(setDiff, (e: Error) => setError(e.message));
  }, [oldXml, newXml]);
  if (error) return <Alert severity="error">{error}</Alert>;
  if (!diff) return <Typography>{t('common.loading')}</Typography>;
  const markers = addedChangedMarkers(diff);
  const empty = !diff.added.length && !diff.removed.length && !diff.properties.length;
  return (
    <Box>
      <DiagramWithMarkers xml={newXml} markers={markers} />
      {empty && <Typography sx={{ mt: 1 }}>{t('publish.noChanges')}</Typography>}
      {diff.removed.length > 0 && (
        // removed shapes only exist in the older version: show it with them marked
        <Box sx={{ mt: 1 }} data-testid="diff-removed-diagram">
          <Typography variant="caption">{t('diff.removed')}</Typography>
          <DiagramWithMarkers xml={oldXml} markers={removedMarkers(diff)} height={220} />
        </Box>
      )}
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', my: 1 }}>
        {diff.added.map((id) => <Chip key={`a-${id}`} size="small" color="success" label={`${t('diff.added')}: ${id}`} />)}
        {diff.removed.map((id) => <Chip key={`r-${id}`} size="small" color="error" label={`${t('diff.removed')}: ${id}`} />)}
      </Box>
      {diff.properties.length > 0 && (
        <Table size="small" aria-label={t('diff.changed')} data-testid="diff-properties">
          <TableHead>
            <TableRow>
              <TableCell>{t('diff.element')}</TableCell>
              <TableCell>{t('diff.property')}</TableCell>
              <TableCell>{t('diff.old')}</TableCell>
              <TableCell>{t('diff.new')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {diff.properties.map((p) => (
              <TableRow key={`${p.element}-${p.property}`} data-testid={`diff-${p.element}-${p.property}`}>
                <TableCell>{p.elementName ?? p.element}</TableCell>
                <TableCell>{propertyLabel(t, p)}</TableCell>
                <TableCell><code>{p.oldValue ?? '—'}</code></TableCell>
                <TableCell><code>{p.newValue ?? '—'}</code></TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}
