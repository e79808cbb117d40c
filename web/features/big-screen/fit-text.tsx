import { useLayoutEffect, useRef } from 'react';

/** The smallest text on the big screen, in stage units (1/100 of its height): above the 1/40 minimum. */
export const MIN_TEXT = 2.6;

/**
 * Text that fits the box it is given (a grid cell): shown at `max` if it fits, else at the largest size
 * between `min` and `max` that fits, wrapping as needed. A text too long even at `min` — a department
 * name of forty characters, an item title of a paragraph — is shortened with "…", its full text in the
 * tooltip. Never overflows, never below `min`. Sizes are in stage units (CSS `--u`).
 *
 * The component owns its text node: it writes the text itself while measuring, so React never holds a
 * stale copy of a shortened string. It fits again whenever its box changes size.
 */
export function FitText({
  text,
  max,
  min = MIN_TEXT,
  className,
}: {
  text: string;
  max: number;
  min?: number;
  className?: string;
}) {
  const box = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const outer = box.current;
    const inner = outer?.firstElementChild as HTMLElement | null | undefined;
    if (!outer || !inner) return;
    const refit = () => fitInto(outer, inner, text, max, Math.min(min, max));
    refit();
    // Fit again whenever the box changes size (window resized, layout settling after the first paint).
    let last = `${outer.clientWidth}x${outer.clientHeight}`;
    const observer = new ResizeObserver(() => {
      const now = `${outer.clientWidth}x${outer.clientHeight}`;
      if (now === last) return;
      last = now;
      refit();
    });
    observer.observe(outer);
    return () => observer.disconnect();
  }, [text, max, min]);
  return (
    <span ref={box} className={className ? `bs-fit-text ${className}` : 'bs-fit-text'}>
      <span className="bs-fit-text-inner" />
    </span>
  );
}

const STEPS = 6;

function fitInto(box: HTMLElement, inner: HTMLElement, text: string, max: number, min: number) {
  const range = document.createRange();
  // Fits: nothing to scroll, and every line's glyph box inside the box (a CJK font's glyph box is
  // taller than its line, so a text can fit by scroll size and still be clipped at the edges).
  const fits = () => {
    if (box.scrollHeight > box.clientHeight || box.scrollWidth > box.clientWidth) return false;
    const b = box.getBoundingClientRect();
    range.selectNodeContents(inner);
    for (const r of range.getClientRects())
      if (r.top < b.top || r.bottom > b.bottom || r.left < b.left || r.right > b.right) return false;
    return true;
  };
  const size = (u: number) => {
    box.style.fontSize = `calc(var(--u) * ${u.toFixed(3)})`;
  };
  inner.textContent = text;
  box.removeAttribute('title');
  size(max);
  if (fits()) return;
  size(min);
  if (fits()) {
    // The largest size that fits, by bisection: `lo` always fits, `hi` never does.
    let [lo, hi] = [min, max];
    for (let i = 0; i < STEPS; i++) {
      const mid = (lo + hi) / 2;
      size(mid);
      if (fits()) lo = mid;
      else hi = mid;
    }
    size(lo);
    return;
  }
  // Too long even at the minimum: the longest beginning that fits, with an ellipsis.
  const chars = Array.from(text);
  let [lo, hi] = [0, chars.length];
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    inner.textContent = `${chars.slice(0, mid).join('').trimEnd()}…`;
    if (fits()) lo = mid;
    else hi = mid - 1;
  }
  inner.textContent = `${chars.slice(0, lo).join('').trimEnd()}…`;
  box.title = text;
}
