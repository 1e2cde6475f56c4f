/**
 * "Tidak ditemukan": what an unknown address or an unknown record shows, instead of a spinner
 * that never ends or a silent jump to the home screen.
 */
import { Box, Button, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { useT } from '../i18n/index.js';

export function NotFound({ message }: { message?: string }) {
  const t = useT();
  return (
    <Box sx={{ p: { xs: 2, sm: 4 }, maxWidth: 640 }} data-testid="not-found">
      <Typography variant="h5" component="h1" sx={{ mb: 1 }}>{t('notFound.title')}</Typography>
      <Typography sx={{ mb: 2 }}>{message ?? t('notFound.body')}</Typography>
      <Button variant="contained" component={RouterLink} to="/">{t('notFound.home')}</Button>
    </Box>
  );
}
