import { describe, expect, it } from 'vitest';
import { latestOnly } from '../../studio/app/latest-only.js';

/** A screen that loads again (live update, the admin's own change) shows the newest answer only. */
describe('latest-only loads', () => {
  const deferred = <T,>() => {
    let resolve!: (v: T) => void;
    const promise = new Promise<T>((r) => (resolve = r));
    return { promise, resolve };
  };

  it('the list from before siti was added, answered last, does not replace the list with siti', async () => {
    const shown: string[] = [];
    const latest = latestOnly();
    const load = async (answer: Promise<string>) => {
      const newest = latest.take();
      const list = await answer;
      if (newest()) shown.push(list);
    };
    const onOpen = deferred<string>();
    const afterSave = deferred<string>();
    const first = load(onOpen.promise);
    const second = load(afterSave.promise);
    afterSave.resolve('admin, siti');
    await second;
    onOpen.resolve('admin');
    await first;
    expect(shown).toEqual(['admin, siti']);
  });

  it('each load is the newest until another one starts', async () => {
    const latest = latestOnly();
    const a = latest.take();
    expect(a()).toBe(true);
    const b = latest.take();
    expect([a(), b()]).toEqual([false, true]);
  });
});
