import { createTheme } from '@mui/material/styles';

export const theme = createTheme({
  palette: { primary: { main: '#0b5394' }, secondary: { main: '#b45f06' } },
  shape: { borderRadius: 6 },
  components: { MuiButton: { defaultProps: { disableElevation: true } } },
});
