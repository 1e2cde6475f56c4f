/**
 * Form designer for a user task: fields on the left, the live preview on the right rendered
 * with @rjsf/mui exactly as officers will see it (same CSP-safe validator).
 */
import { Alert, Box, Button, Checkbox, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, IconButton, MenuItem, TextField, Typography } from '@mui/material';
import DeleteIcon from '@mui/icons-material/Delete';
import Form from '@rjsf/mui';
import { useMemo, useState } from 'react';
import { safeValidator } from '../../forms/safe-validator.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { rjsfTranslator } from '../../forms/rjsf-i18n.js';
import { FIELD_MARKS, isFieldMark } from '../../../core/form-fields.js';
import { FIELD_TYPES, fieldsToForm, formToFields, type FieldType, type FormField } from './form-model.js';

export interface FormDesignerDialogProps {
  taskName: string;
  value: string;
  onApply(value: string | undefined): void;
  onClose(): void;
}

export default function FormDesignerDialog({ taskName, value, onApply, onClose }: FormDesignerDialogProps) {
  const t = useT();
  const { lang } = useLanguage();
  const initial = useMemo(() => formToFields(value), [value]);
  const [fields, setFields] = useState<FormField[]>(initial ?? []);
  const form = useMemo(() => fieldsToForm(fields), [fields]);
  const update = (i: number, patch: Partial<FormField>) => setFields((fs) => fs.map((f, j) => (j === i ? { ...f, ...patch } : f)));

  return (
    <Dialog open onClose={onClose} maxWidth="lg" fullWidth aria-labelledby="form-title">
      <DialogTitle id="form-title">{t('form.title', { name: taskName })}</DialogTitle>
      <DialogContent>
        {initial === undefined && <Alert severity="info" sx={{ mb: 1 }}>{value}</Alert>}
        <Box sx={{ display: 'flex', gap: 3 }}>
          <Box sx={{ flex: 1 }} component="section" aria-label={t('form.fields')}>
            <Typography variant="subtitle1">{t('form.fields')}</Typography>
            {fields.map((f, i) => (
              <Box key={i} sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1, mb: 1, display: 'flex', flexWrap: 'wrap', gap: 1 }} data-testid={`form-field-${i}`}>
                <TextField size="small" label={t('form.fieldName')} value={f.name} onChange={(e) => update(i, { name: e.target.value.replace(/[^A-Za-z0-9_]/g, '') })} />
                <TextField size="small" label={t('form.fieldLabel')} value={f.label} onChange={(e) => update(i, { label: e.target.value })} />
                <TextField select size="small" label={t('form.fieldType')} value={f.type} onChange={(e) => update(i, { type: e.target.value as FieldType })} sx={{ minWidth: 150 }}>
                  {FIELD_TYPES.map((ft) => <MenuItem key={ft} value={ft}>{t(`form.type.${ft}`)}</MenuItem>)}
                </TextField>
                {(f.type === 'choice' || f.type === 'checklist') && (
                  <TextField size="small" label={t('form.options')} value={f.options.join(', ')} onChange={(e) => update(i, { options: e.target.value.split(',').map((s) => s.trim()).filter(Boolean) })} sx={{ flex: 1 }} />
                )}
                <TextField select size="small" label={t('form.fieldMark')} value={f.mark ?? ''} onChange={(e) => update(i, { mark: isFieldMark(e.target.value) ? e.target.value : undefined })} sx={{ minWidth: 170 }}>
                  <MenuItem value="">{t('form.mark.none')}</MenuItem>
                  {FIELD_MARKS.map((m) => <MenuItem key={m} value={m}>{t(`form.mark.${m}`)}</MenuItem>)}
                </TextField>
                <FormControlLabel control={<Checkbox checked={f.required} onChange={(e) => update(i, { required: e.target.checked })} />} label={t('form.required')} />
                <IconButton aria-label={t('common.remove')} onClick={() => setFields(fields.filter((_, j) => j !== i))}><DeleteIcon /></IconButton>
              </Box>
            ))}
            <Button onClick={() => setFields([...fields, { name: `isian${fields.length + 1}`, label: '', type: 'text', required: false, options: [] }])}>{t('form.addField')}</Button>
          </Box>
          <Box sx={{ flex: 1 }} component="section" aria-label={t('form.preview')} data-testid="form-preview">
            <Typography variant="subtitle1">{t('form.preview')}</Typography>
            <Form schema={form.schema} uiSchema={form.uiSchema} validator={safeValidator} translateString={rjsfTranslator(lang)} noHtml5Validate liveValidate={false}>
              <span />
            </Form>
          </Box>
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" onClick={() => onApply(fields.length ? JSON.stringify(form) : undefined)}>{t('form.apply')}</Button>
      </DialogActions>
    </Dialog>
  );
}
