import { createTheme, type Theme } from '@mui/material/styles';
import type { Translate } from '../i18n/index.js';

const base = {
  palette: { primary: { main: '#0b5394' }, secondary: { main: '#b45f06' } },
  shape: { borderRadius: 6 },
};

/** The theme's breakpoints and colours (the same in every language). */
export const theme = createTheme(base);

/**
 * The theme in the chosen language: MUI's own words (an alert's close button, the table
 * pagination, the autocomplete) come from our catalogue, so no English default shows in Bahasa
 * Indonesia.
 */
export function localizedTheme(t: Translate): Theme {
  return createTheme({
    ...base,
    components: {
      MuiButton: { defaultProps: { disableElevation: true } },
      MuiAlert: { defaultProps: { closeText: t('common.close') } },
      MuiTablePagination: {
        defaultProps: {
          labelRowsPerPage: t('mui.rowsPerPage'),
          labelDisplayedRows: ({ from, to, count }) => t('mui.displayedRows', { from, to, count: count !== -1 ? count : t('mui.moreThan', { to }) }),
          getItemAriaLabel: (type) => t(`mui.page.${type}`),
        },
      },
      MuiAutocomplete: { defaultProps: { clearText: t('mui.clear'), closeText: t('common.close'), loadingText: t('common.loading'), noOptionsText: t('mui.noOptions'), openText: t('mui.open') } },
      MuiBreadcrumbs: { defaultProps: { expandText: t('mui.showPath') } },
    },
  });
}
