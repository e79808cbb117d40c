/**
 * What the big-screen browser tests measure on the page: legibility and fit of the slide on screen.
 * Runs inside the page (page.evaluate), so it is self-contained.
 */
import type { Page } from 'playwright-core';

export interface LayoutReport {
  slide: string | null;
  /** Every problem found, each naming the element: empty when the slide fits and is legible. */
  problems: string[];
  /** How many text runs were checked (a slide with none would be a broken test). */
  texts: number;
  smallestFontPx: number;
}

/** The deck's stage; a whole-screen message (revoked, refused) is checked by its own test id. */
const STAGE = '[data-testid="big-screen-stage"]';

/**
 * On the deck's stage (or the element `root` selects): the page does not scroll; the stage and every element in it have no scroll
 * overflow (scrollWidth ≤ clientWidth, scrollHeight ≤ clientHeight); every visible run of text has a
 * computed font size of at least 1/40 of the window height and lies inside the stage and inside every
 * ancestor that clips (so nothing is cut off, in HTML or in the charts' SVG). Text meant for screen
 * readers only (clipped away on purpose) is left out.
 */
export function checkLayout(page: Page, root = STAGE): Promise<LayoutReport> {
  return page.evaluate((selector) => {
    const stage = document.querySelector<HTMLElement>(selector);
    if (!stage) return { slide: null, problems: [`no ${selector} on the page`], texts: 0, smallestFontPx: 0 };
    const problems: string[] = [];
    const minFont = window.innerHeight / 40;
    const name = (el: Element) => {
      const cls = typeof el.className === 'string' ? el.className : el.getAttribute('class');
      const text = (el.textContent ?? '').trim().slice(0, 30);
      return `<${el.tagName.toLowerCase()}${cls ? ` class="${cls}"` : ''}> "${text}"`;
    };
    const root = document.scrollingElement ?? document.documentElement;
    if (root.scrollHeight > window.innerHeight || root.scrollWidth > window.innerWidth)
      problems.push(
        `the page scrolls: ${root.scrollWidth}x${root.scrollHeight} in ${window.innerWidth}x${window.innerHeight}`,
      );

    // Text for screen readers only (clipped to nothing on purpose, like .sr-only) is not on screen.
    const visuallyHidden = (el: Element) => {
      for (let a: Element | null = el; a && a !== stage; a = a.parentElement) {
        const st = getComputedStyle(a);
        if (st.clipPath !== 'none' || (st.clip !== 'auto' && st.clip !== '')) return true;
      }
      return false;
    };

    for (const el of [stage, ...stage.querySelectorAll('*')]) {
      if (visuallyHidden(el)) continue;
      if (el.scrollWidth > el.clientWidth)
        problems.push(`overflows across (${el.scrollWidth} > ${el.clientWidth}): ${name(el)}`);
      if (el.scrollHeight > el.clientHeight)
        problems.push(`overflows down (${el.scrollHeight} > ${el.clientHeight}): ${name(el)}`);
    }

    const inside = (r: DOMRect, box: DOMRect) =>
      r.left >= box.left - 0.5 &&
      r.right <= box.right + 0.5 &&
      r.top >= box.top - 0.5 &&
      r.bottom <= box.bottom + 0.5;
    const stageBox = stage.getBoundingClientRect();
    let texts = 0;
    let smallest = Number.POSITIVE_INFINITY;
    const walker = document.createTreeWalker(stage, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.nodeValue?.trim()) continue;
      const parent = node.parentElement!;
      if (visuallyHidden(parent)) continue;
      const style = getComputedStyle(parent);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      if (rects.length === 0) continue;
      texts += 1;
      const size = Number.parseFloat(style.fontSize);
      smallest = Math.min(smallest, size);
      if (size < minFont)
        problems.push(`font ${size.toFixed(2)}px < ${minFont.toFixed(2)}px: ${name(parent)}`);
      const clips: Element[] = [];
      for (let a: Element | null = parent; a && a !== stage.parentElement; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.overflowX !== 'visible' || s.overflowY !== 'visible') clips.push(a);
      }
      for (const r of rects) {
        if (!inside(r, stageBox)) problems.push(`text outside the stage: ${name(parent)}`);
        for (const clip of clips)
          if (!inside(r, clip.getBoundingClientRect()))
            problems.push(`text cut off by ${name(clip)}: ${name(parent)}`);
      }
    }
    return { slide: stage.getAttribute('data-slide-id'), problems, texts, smallestFontPx: smallest };
  }, root);
}
