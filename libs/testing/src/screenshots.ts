// Screenshot tests: a fresh screenshot of a page is compared with its reference in docs/screens/ (a person
// looked at each before it was committed), pixel by pixel with a tolerance for anti-aliasing. With
// UPDATE_SCREENS=1 the references are written anew instead; look at them before committing them.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';

export const SCREENS_FOLDER = path.resolve(__dirname, '../../../docs/screens');

/** The share of pixels that may differ (text rendering moves a little between runs and machines). */
const TOLERATED_SHARE = 0.01;

export interface ScreenDifference {
  /** Pixels that differ beyond pixelmatch's colour threshold, out of all. */
  differing: number;
  total: number;
  sameSize: boolean;
}

export function compareScreens(reference: Buffer, fresh: Buffer): ScreenDifference {
  const a = PNG.sync.read(reference);
  const b = PNG.sync.read(fresh);
  const total = a.width * a.height;
  if (a.width !== b.width || a.height !== b.height) return { differing: total, total, sameSize: false };
  const differing = pixelmatch(a.data, b.data, null, a.width, a.height, { threshold: 0.1 });
  return { differing, total, sameSize: true };
}

/** How long a page may keep changing (charts drawing, a map panning) before its screenshot is taken anyway. */
const SETTLE_WITHIN_MS = 10_000;
const SETTLE_STEP_MS = 300;

/**
 * The page's screenshot once two taken a moment apart are the same: scripts that draw after the load (charts,
 * a map moving its pins into place) finish later on a busy machine, and a screenshot taken halfway differs.
 */
async function settledScreenshot(page: Page, fullPage: boolean): Promise<Buffer> {
  const take = () => page.screenshot({ fullPage, animations: 'disabled', caret: 'hide' });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  let last = await take();
  for (const started = Date.now(); Date.now() - started < SETTLE_WITHIN_MS;) {
    await page.waitForTimeout(SETTLE_STEP_MS);
    const fresh = await take();
    if (fresh.equals(last)) return fresh;
    last = fresh;
  }
  return last;
}

/** Takes the page's screenshot and compares it with docs/screens/<name>.png (or writes it there). */
export async function expectScreen(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  const fresh = await settledScreenshot(page, options.fullPage ?? true);
  const reference = path.join(SCREENS_FOLDER, `${name}.png`);
  if (process.env.UPDATE_SCREENS === '1') {
    mkdirSync(SCREENS_FOLDER, { recursive: true });
    writeFileSync(reference, fresh);
    return;
  }
  if (!existsSync(reference)) {
    throw new Error(
      `No reference screenshot ${reference}: run the test with UPDATE_SCREENS=1 and look at it`,
    );
  }
  const difference = compareScreens(readFileSync(reference), fresh);
  if (!difference.sameSize || difference.differing > difference.total * TOLERATED_SHARE) {
    const kept = path.join(tmpdir(), `cocomo-screen-${name}.png`);
    writeFileSync(kept, fresh);
    throw new Error(
      `The page ${name} looks different from docs/screens/${name}.png: ` +
        (difference.sameSize
          ? `${difference.differing} of ${difference.total} pixels differ`
          : 'its size changed') +
        `. The fresh screenshot is ${kept}; if the change is meant, run with UPDATE_SCREENS=1 and look at it.`,
    );
  }
}
