/** The document as JSON, editable; the document follows while the text parses. */
import { Alert, Box, TextField } from '@mui/material';
import { useT } from '../../i18n/index.js';

export function RawTab({ raw, rawError, onEdit }: { raw: string; rawError: string | undefined; onEdit(text: string): void }) {
  const t = useT();
  return (
    <Box>
      <TextField
        label={t('rules.raw')}
        multiline
        fullWidth
        minRows={20}
        value={raw}
        onChange={(e) => onEdit(e.target.value)}
        slotProps={{ htmlInput: { spellCheck: false, style: { fontFamily: 'monospace', fontSize: 12 }, 'data-testid': 'raw-json' } }}
      />
      {rawError && <Alert severity="error" sx={{ mt: 1 }}>{t('cond.invalidJson', { msg: rawError })}</Alert>}
    </Box>
  );
}
