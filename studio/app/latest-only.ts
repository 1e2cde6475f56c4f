import { useMemo } from 'react';

/**
 * For a screen that loads the same data again and again (live updates, a change the user just
 * made, other filters or another tab): each load takes a ticket, and only the newest ticket's
 * answer may be shown. Without it a slow answer to an earlier request — the list from before the
 * user was added, the other tab's tasks — arrives last and overwrites the newer one.
 */
export interface LatestOnly {
  /** Starts a load; the function answers whether it is still the newest one. */
  take(): () => boolean;
}

export function latestOnly(): LatestOnly {
  let newest = 0;
  return {
    take() {
      const mine = ++newest;
      return () => mine === newest;
    },
  };
}

/** One LatestOnly for the life of a component. */
export function useLatestOnly(): LatestOnly {
  return useMemo(latestOnly, []);
}
