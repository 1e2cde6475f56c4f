import { describe, expect, it } from 'vitest';
import { CodedError } from '../../core/coded-error.js';
import { RuleSetError } from '../../rules/engine/errors.js';
import { RuntimeError } from '../../runtime/errors.js';
import { AppError } from '../../server/errors.js';

describe('errors are values with codes, one shape in every part', () => {
  it('the rules engine, the runtime and the server raise the same shape under their own names', () => {
    const errors = [new RuleSetError('FACTS_INVALID', 'fakta tidak lengkap', { issues: [] }), new RuntimeError('TASK_NOT_FOUND', 'Tugas tidak ditemukan', { id: 'x' }), new AppError('NOT_FOUND', 'Tidak ditemukan')];
    expect(errors.map((e) => [e instanceof CodedError, e.name, e.code])).toEqual([
      [true, 'RuleSetError', 'FACTS_INVALID'],
      [true, 'RuntimeError', 'TASK_NOT_FOUND'],
      [true, 'AppError', 'NOT_FOUND'],
    ]);
    expect(errors[1]).toMatchObject({ message: 'Tugas tidak ditemukan', details: { id: 'x' } });
  });
});
