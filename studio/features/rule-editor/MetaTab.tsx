/** The rule set's title, description, kind and legal basis. */
import { Box, Button, IconButton, MenuItem, TextField } from '@mui/material';
import DeleteIcon from '@mui/icons-material/Delete';
import type { RuleSetDoc } from '../../api/client.js';
import { useT } from '../../i18n/index.js';

export function MetaTab({ doc, change }: { doc: RuleSetDoc; change(next: RuleSetDoc): void }) {
  const t = useT();
  return (
    <Box sx={{ display: 'grid', gap: 2, maxWidth: 800 }}>
      <TextField label={t('rules.titleField')} value={doc.title} onChange={(e) => change({ ...doc, title: e.target.value })} />
      <TextField label={t('rules.description')} multiline value={doc.description ?? ''} onChange={(e) => change({ ...doc, description: e.target.value || undefined })} />
      <TextField select label={t('rules.kind')} value={doc.kind} onChange={(e) => change({ ...doc, kind: e.target.value as RuleSetDoc['kind'] })}>
        {['requirements', 'fees', 'decision'].map((k) => <MenuItem key={k} value={k}>{k}</MenuItem>)}
      </TextField>
      {doc.legalBasis.map((lb, i) => (
        <Box key={i} sx={{ display: 'flex', gap: 1 }}>
          <TextField size="small" label="Regulasi" value={lb.regulation} onChange={(e) => change({ ...doc, legalBasis: doc.legalBasis.map((x, j) => (j === i ? { ...x, regulation: e.target.value } : x)) })} sx={{ flex: 2 }} />
          <TextField size="small" label="Pasal" value={lb.article ?? ''} onChange={(e) => change({ ...doc, legalBasis: doc.legalBasis.map((x, j) => (j === i ? { ...x, article: e.target.value || undefined } : x)) })} sx={{ flex: 1 }} />
          <IconButton aria-label={t('common.remove')} onClick={() => change({ ...doc, legalBasis: doc.legalBasis.filter((_, j) => j !== i) })}><DeleteIcon /></IconButton>
        </Box>
      ))}
      <Button onClick={() => change({ ...doc, legalBasis: [...doc.legalBasis, { regulation: '' }] })}>{t('common.add')}</Button>
    </Box>
  );
}
