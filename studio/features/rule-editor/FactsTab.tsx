/** The facts schema: each fact's type, label and whether it is required; new facts by name. */
import { Box, Button, Checkbox, MenuItem, Table, TableBody, TableCell, TableHead, TableRow, TextField } from '@mui/material';
import type { RuleSetDoc } from '../../api/client.js';
import { useT } from '../../i18n/index.js';

export function FactsTab({ doc, change }: { doc: RuleSetDoc; change(next: RuleSetDoc): void }) {
  const t = useT();
  const facts = Object.entries(doc.facts.properties ?? {});
  return (
    <>
      <Table size="small">
        <TableHead><TableRow><TableCell>{t('common.key')}</TableCell><TableCell>Type</TableCell><TableCell>{t('form.fieldLabel')}</TableCell><TableCell>{t('form.required')}</TableCell><TableCell>enum</TableCell></TableRow></TableHead>
        <TableBody>
          {facts.map(([name, prop]) => {
            const setProp = (patch: Record<string, unknown>) => change({ ...doc, facts: { ...doc.facts, properties: { ...doc.facts.properties, [name]: { ...prop, ...patch } } } });
            const required = doc.facts.required?.includes(name) ?? false;
            return (
              <TableRow key={name}>
                <TableCell><code>{name}</code></TableCell>
                <TableCell>
                  <TextField select size="small" value={String(prop.type)} onChange={(e) => setProp({ type: e.target.value })} slotProps={{ htmlInput: { 'aria-label': `${name} type` } }}>
                    {['string', 'number', 'integer', 'boolean', 'array'].map((ty) => <MenuItem key={ty} value={ty}>{ty}</MenuItem>)}
                  </TextField>
                </TableCell>
                <TableCell><TextField size="small" value={String(prop.title ?? '')} onChange={(e) => setProp({ title: e.target.value })} slotProps={{ htmlInput: { 'aria-label': `${name} title` } }} /></TableCell>
                <TableCell><Checkbox checked={required} onChange={(e) => change({ ...doc, facts: { ...doc.facts, required: e.target.checked ? [...(doc.facts.required ?? []), name] : (doc.facts.required ?? []).filter((r) => r !== name) } })} slotProps={{ input: { 'aria-label': `${name} ${t('form.required')}` } }} /></TableCell>
                <TableCell>{Array.isArray(prop.enum) ? (prop.enum as unknown[]).join(', ') : ''}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <Box component="form" sx={{ display: 'flex', gap: 1, mt: 2 }} onSubmit={(e) => {
        e.preventDefault();
        const input = (e.currentTarget.elements.namedItem('newFact') as HTMLInputElement);
        const name = input.value.trim();
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || doc.facts.properties[name]) return;
        change({ ...doc, facts: { ...doc.facts, properties: { ...doc.facts.properties, [name]: { type: 'string', title: name } } } });
        input.value = '';
      }}>
        <TextField size="small" name="newFact" label={t('rules.newFact')} />
        <Button type="submit">{t('common.add')}</Button>
      </Box>
    </>
  );
}
