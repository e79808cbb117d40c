/**
 * Rounding as the figures are shown: half up on the number as it is in decimal, so every view, the
 * big screen and the exports show one value the same way (docs/metrics.md, "Shown as").
 */

/**
 * `x` rounded half up to `digits` decimals, as the number is in decimal. In floating point 25 × 0.575
 * is 14.374999999999998, which Math.round(x * 100) makes 14.37 instead of 14.38: the scaled number is
 * first rounded to 7 decimals, far finer than any figure here and far coarser than the float's error.
 */
export const roundHalfUp = (x: number, digits: number) => {
  const scale = 10 ** digits;
  return Math.round(Number((x * scale).toFixed(7))) / scale;
};

/** To 0.01, as scores, points and their changes are computed and shown. */
export const round2 = (x: number) => roundHalfUp(x, 2);

/**
 * A rate (0–1) as a percentage to 0.1, as the pages show it (Intl rounds half up on the decimal value):
 * 201 of 400 is 50.25% → 50.3, which Math.round(rate * 1000) / 10 made 50.2 (502.49999999999994).
 */
export const percentTenths = (rate: number) => roundHalfUp(rate * 100, 1);
