/** The set's test cases, and their run on the document as edited. */
import { Alert, Box, Button, IconButton, Table, TableBody, TableCell, TableRow } from '@mui/material';
import DeleteIcon from '@mui/icons-material/Delete';
import type { RuleSetDoc } from '../../api/client.js';
import { useT } from '../../i18n/index.js';
import type { RuleSetChecks } from './useRuleSetChecks.js';

export function TestsTab({ doc, change, checks }: { doc: RuleSetDoc; change(next: RuleSetDoc): void; checks: RuleSetChecks }) {
  const t = useT();
  const { tests } = checks;
  return (
    <Box>
      <Table size="small" data-testid="test-cases" sx={{ mb: 2 }}>
        <TableBody>
          {(doc.tests ?? []).map((c, i) => (
            <TableRow key={i}>
              <TableCell>{c.name}</TableCell>
              <TableCell>{c.at}</TableCell>
              <TableCell><code>{JSON.stringify(c.expect)}</code></TableCell>
              <TableCell><IconButton aria-label={`${t('common.remove')} ${c.name}`} onClick={() => change({ ...doc, tests: (doc.tests ?? []).filter((_, j) => j !== i) })}><DeleteIcon /></IconButton></TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Button variant="contained" onClick={() => void checks.runTests()} data-testid="run-tests">{t('rules.runTests')}</Button>
      {tests && (
        <Box sx={{ mt: 2 }} data-testid="test-results">
          <Alert severity={tests.ok ? 'success' : 'error'} data-testid="tests-summary">{t('rules.testsPassed', { passed: tests.passed, total: tests.passed + tests.failed })}</Alert>
          {tests.issues.map((i, k) => <Alert key={k} severity="error" sx={{ mt: 1 }}><code>{i.path}</code> {i.message}</Alert>)}
          <Table size="small">
            <TableBody>
              {tests.outcomes.map((r, i) => (
                <TableRow key={i}><TableCell>{r.passed ? '✔' : '✘'}</TableCell><TableCell>{r.name}</TableCell><TableCell>{r.at}</TableCell><TableCell><code>{r.failures.join('; ')}</code></TableCell></TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
    </Box>
  );
}
