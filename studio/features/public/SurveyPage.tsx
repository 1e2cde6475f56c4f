/**
 * /survei/:token: the Survei Kepuasan Masyarakat (Permenpan-RB 14/2017), nine items on a 4-point
 * scale and a comment, from the invitation's link without an account; the link works once.
 */
import { Alert, Button, FormControl, FormControlLabel, FormLabel, Paper, Radio, RadioGroup, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.js';
import { reachApi, type SurveyForm } from '../../api/reach.js';
import { useLanguage, useT, type MessageKey } from '../../i18n/index.js';
import { PublicShell } from './PublicShell.js';

const SCALE: MessageKey[] = ['survey.scale1', 'survey.scale2', 'survey.scale3', 'survey.scale4'];

export default function SurveyPage() {
  const t = useT();
  const { lang } = useLanguage();
  const { token = '' } = useParams();
  const [form, setForm] = useState<SurveyForm | null>(null);
  const [answers, setAnswers] = useState<Array<number | null>>(Array(9).fill(null));
  const [comment, setComment] = useState('');
  const [state, setState] = useState<'loading' | 'open' | 'done' | 'used' | 'unknown'>('loading');
  const [error, setError] = useState<string | null>(null);
  const codeState = (e: unknown) => (e instanceof ApiError && e.code === 'SURVEY_ALREADY_ANSWERED' ? 'used' : e instanceof ApiError && e.code === 'SURVEY_NOT_FOUND' ? 'unknown' : null);
  useEffect(() => {
    reachApi.survey(token).then(
      (f) => {
        setForm(f);
        setState('open');
      },
      (e: unknown) => {
        const s = codeState(e);
        if (s) setState(s);
        else setError((e as Error).message);
      },
    );
  }, [token]);
  const submit = async () => {
    try {
      await reachApi.answer(token, answers as number[], comment);
      setState('done');
    } catch (e) {
      const s = codeState(e);
      if (s) setState(s);
      else setError((e as Error).message);
    }
  };
  return (
    <PublicShell title="survey.title">
      {error && <Alert severity="error" sx={{ mb: 2 }}>{error}</Alert>}
      {state === 'done' && <Alert severity="success" data-testid="survey-thanks">{t('survey.thanks')}</Alert>}
      {state === 'used' && <Alert severity="info" data-testid="survey-used">{t('survey.used')}</Alert>}
      {state === 'unknown' && <Alert severity="warning">{t('survey.unknown')}</Alert>}
      {state === 'open' && form && (
        <Stack spacing={2} component="form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
          <Typography>{t('survey.intro', { service: form.service, office: form.office })}</Typography>
          {form.items.map((item, i) => (
            <Paper key={item.code} variant="outlined" sx={{ p: 1.5 }}>
              <FormControl>
                <FormLabel id={`q-${item.code}`}>{`${i + 1}. ${lang === 'en' ? item.en : item.id}`}</FormLabel>
                <RadioGroup row aria-labelledby={`q-${item.code}`} value={answers[i] ?? ''} onChange={(e) => setAnswers(answers.map((a, j) => (j === i ? Number(e.target.value) : a)))}>
                  {SCALE.map((label, v) => (
                    <FormControlLabel key={label} value={v + 1} control={<Radio slotProps={{ input: { 'data-item': item.code, 'data-value': v + 1 } as object }} />} label={t(label)} />
                  ))}
                </RadioGroup>
              </FormControl>
            </Paper>
          ))}
          <TextField label={t('survey.comment')} multiline minRows={3} value={comment} onChange={(e) => setComment(e.target.value)} slotProps={{ htmlInput: { maxLength: 2000 } }} />
          <Button type="submit" variant="contained" disabled={answers.some((a) => a === null)}>{t('survey.submit')}</Button>
        </Stack>
      )}
    </PublicShell>
  );
}
