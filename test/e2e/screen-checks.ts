/**
 * What every screen of the working-day journeys must hold, at a desk (1280 × 900) and on a phone
 * (390 × 844): in Indonesian mode no English string of our catalogue (an en.ts value that differs
 * from its id.ts value) nor of the modeler's dictionary (bpmn-js, diagram-js, the properties
 * panel, bpmnlint: the English keys of studio/modeler/i18n/id.ts whose Indonesian differs), no
 * raw error code (`NOT_FOUND`, `VARIABLES_INVALID`…), and on the phone no horizontal scroll of
 * the page or of the app's main area. Each screen is photographed at both sizes into
 * test-results/screenshots (ignored by git).
 */
import type { Page } from 'playwright-core';
import { en } from '../../studio/i18n/en.js';
import { id } from '../../studio/i18n/id.js';
import { modelerId } from '../../studio/modeler/i18n/id.js';
import { screenshot } from './studio-helpers.js';

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

interface Matcher {
  source: string;
  test(text: string): boolean;
}

/** A catalogue text as a whole-text matcher; `{name}` stands for any value filled in. */
function matcher(text: string, caseInsensitive: boolean): Matcher | undefined {
  const literal = text.replace(/\{\w+\}/g, '');
  // a template that is all placeholder (or nearly) would match any text
  if ((literal.match(/\p{L}/gu) ?? []).length < 3) return undefined;
  const pattern = text
    .split(/(\{\w+\})/)
    .map((part) => (/^\{\w+\}$/.test(part) ? '.+?' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  const re = new RegExp(`^${pattern}$`, caseInsensitive ? 'is' : 's');
  return { source: text, test: (t) => re.test(t) };
}

/** English texts a screen in Bahasa Indonesia must not show. */
const ENGLISH: Matcher[] = [
  ...Object.entries(en)
    .filter(([k, v]) => v.trim() !== (id as Record<string, string>)[k]?.trim())
    .map(([, v]) => matcher(v, false)),
  ...Object.entries(modelerId)
    .filter(([k, v]) => k.trim().toLowerCase() !== v.trim().toLowerCase())
    .map(([k]) => matcher(k, true)),
].filter((m): m is Matcher => m !== undefined);

/** An error code as the server names it: capitals joined by underscores. */
const RAW_CODE = /\b[A-Z][A-Z0-9]+(?:_[A-Z0-9]+)+\b/;

/** The texts on screen: each text node, and the labels people read (aria-label, title, placeholder, alt). */
async function screenTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      if (!parent || parent.closest('script, style, noscript')) continue;
      const text = (n.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (text) out.push(text);
    }
    // whole element texts too: a message split over several nodes (a bold value inside)
    for (const el of Array.from(document.body.querySelectorAll('p, li, h1, h2, h3, h4, h5, h6, button, a, label, td, th, span, div'))) {
      if (el.children.length > 0 && el.children.length < 4) {
        const text = ((el as HTMLElement).innerText ?? '').replace(/\s+/g, ' ').trim();
        if (text && text.length < 400) out.push(text);
      }
    }
    for (const el of Array.from(document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt]'))) {
      for (const a of ['aria-label', 'title', 'placeholder', 'alt']) {
        const v = el.getAttribute(a)?.trim();
        if (v) out.push(v);
      }
    }
    return out;
  });
}

export interface ScreenReport {
  english: string[];
  codes: string[];
  overflow: string | null;
}

/** The horizontal overflow on this viewport, if any: the page's, or the app's main area's. */
async function overflowOf(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const root = document.scrollingElement!;
    if (root.scrollWidth > window.innerWidth) return `page ${root.scrollWidth} > ${window.innerWidth}`;
    const main = document.querySelector('main');
    if (main && main.scrollWidth > main.clientWidth + 1) return `main ${main.scrollWidth} > ${main.clientWidth}`;
    return null;
  });
}

async function inspect(page: Page, phone: boolean): Promise<ScreenReport> {
  const texts = await screenTexts(page);
  const english = [...new Set(texts.filter((t) => ENGLISH.some((m) => m.test(t))))];
  const codes = [...new Set(texts.map((t) => RAW_CODE.exec(t)?.[0]).filter((c): c is string => !!c))];
  return { english, codes, overflow: phone ? await overflowOf(page) : null };
}

/**
 * Checks the screen the page shows now at both sizes (it is left at the size it had) and saves
 * `<name>-desktop.png` and `<name>-phone.png`. `ready` waits for what the screen must show.
 * Returns the problems found, one line each, for one `expect(...).toEqual([])` at the end.
 */
export async function checkScreen(page: Page, name: string, ready?: () => Promise<unknown>): Promise<string[]> {
  const before = page.viewportSize() ?? DESKTOP;
  const problems: string[] = [];
  for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    await page.setViewportSize(viewport);
    if (ready) await ready();
    // MUI's transitions and the layout after a resize settle within a frame or two
    await page.waitForTimeout(150);
    const r = await inspect(page, size === 'phone');
    for (const e of r.english) problems.push(`${name} (${size}): English "${e}"`);
    for (const c of r.codes) problems.push(`${name} (${size}): raw code ${c}`);
    if (r.overflow) problems.push(`${name} (${size}): horizontal scroll, ${r.overflow}`);
    await screenshot(page, `${name}-${size}`);
  }
  await page.setViewportSize(before);
  return problems;
}
