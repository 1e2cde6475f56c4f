/** The rule-set compare: one row per changed leaf (path, old, new). Used wherever two rule-set documents are compared. */
import { Table, TableBody, TableCell, TableRow } from '@mui/material';
import { jsonChanges } from './json-diff.js';

export function JsonDiffTable({ before, after }: { before: unknown; after: unknown }) {
  return (
    <Table size="small" data-testid="json-diff">
      <TableBody>
        {jsonChanges(before, after).map((c) => (
          <TableRow key={c.path}><TableCell><code>{c.path}</code></TableCell><TableCell><code>{c.old}</code></TableCell><TableCell><code>{c.new}</code></TableCell></TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
