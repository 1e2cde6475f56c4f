import Decimal from 'decimal.js';

/**
 * Our own Decimal constructor: 50 significant digits so that chains of percentages and
 * divisions on amounts in the trillions never lose a rupiah, without touching the global
 * decimal.js configuration other modules may rely on.
 */
export const D = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof D>;

/** A constant as written in a rule set: 1.05, "0.0175" or "1.75%". */
export function parseScalar(v: number | string): Dec {
  if (typeof v === 'number') return new D(v);
  const s = v.trim();
  return s.endsWith('%') ? new D(s.slice(0, -1)).div(100) : new D(s);
}

export type RoundingMode = 'down' | 'up' | 'half-up' | 'floor' | 'ceil';

const MODES: Record<RoundingMode, Decimal.Rounding> = {
  down: Decimal.ROUND_DOWN,
  up: Decimal.ROUND_UP,
  'half-up': Decimal.ROUND_HALF_UP,
  floor: Decimal.ROUND_FLOOR,
  ceil: Decimal.ROUND_CEIL,
};

/** Rounds to a multiple of `unit` (1 = whole rupiah, 100 = hundreds). */
export function roundTo(x: Dec, unit: Dec, mode: RoundingMode): Dec {
  if (unit.eq(1)) return x.toDecimalPlaces(0, MODES[mode]);
  return x.div(unit).toDecimalPlaces(0, MODES[mode]).times(unit);
}
