import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newPin, verifyPin } from '../../server/services/workspace/registration-number.js';

describe('the tracking PIN an applicant receives with the registration number', () => {
  it('opens the tracking page with the PIN printed on the receipt, not with a neighbouring one', async () => {
    const { pin, hash } = await newPin();
    expect(pin).toMatch(/^\d{6}$/);
    expect(hash).not.toContain(pin);
    expect(await verifyPin(pin, hash)).toBe(true);
    const other = String((Number(pin) + 1) % 1_000_000).padStart(6, '0');
    expect(await verifyPin(other, hash)).toBe(false);
  });

  it('a PIN issued before the change (stored as scrypt) still opens its application', async () => {
    const salt = randomBytes(16);
    const stored = `scrypt$2048$${salt.toString('base64')}$${scryptSync('042917', salt, 32, { N: 2048, r: 8, p: 1 }).toString('base64')}`;
    expect(await verifyPin('042917', stored)).toBe(true);
    expect(await verifyPin('042918', stored)).toBe(false);
  });

  it('a malformed stored hash, or one asking for an absurd scrypt cost, opens nothing', async () => {
    expect(await verifyPin('123456', 'plain$123456')).toBe(false);
    expect(await verifyPin('123456', 'sha256$onlysalt')).toBe(false);
    expect(await verifyPin('123456', `scrypt$1048576$${randomBytes(16).toString('base64')}$AAAA`)).toBe(false);
  });
});
