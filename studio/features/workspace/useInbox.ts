/**
 * The inbox's data, free of UI: the tab's tasks under the filters (newest answer only, reloaded
 * on every server event), applications a supervisor finds by number, and "take the next task"
 * from one post's queue.
 */
import { useCallback, useEffect, useState } from 'react';
import { useLatestOnly } from '../../app/latest-only.js';
import { ws, subscribeEvents, type ApplicationFound, type InboxPage } from './api.js';

export type InboxTab = 'mine' | 'available';
export interface InboxFilters { q: string; process: string; applicant: string }
export interface Post { role: string; office: string }

export function useInbox(supervisor: boolean, openTask: (taskId: string) => void) {
  const [tab, setTab] = useState<InboxTab>('mine');
  const [filters, setFilters] = useState<InboxFilters>({ q: '', process: '', applicant: '' });
  const [page, setPage] = useState<InboxPage | null>(null);
  const [found, setFound] = useState<ApplicationFound[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [nothingToTake, setNothingToTake] = useState(false);

  const latest = useLatestOnly();
  const load = useCallback(async () => {
    const newest = latest.take();
    try {
      const next = await ws.inbox({ tab, q: filters.q || undefined, process: filters.process || undefined, applicant: filters.applicant || undefined });
      if (!newest()) return;
      setPage(next);
      setError(null);
    } catch (e) {
      if (newest()) setError((e as Error).message);
    }
  }, [tab, filters, latest]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => subscribeEvents(() => void load()), [load]);
  useEffect(() => {
    if (!supervisor || !filters.q.trim()) {
      setFound([]);
      return;
    }
    let alive = true;
    ws.findApplications(filters.q.trim()).then((r) => alive && setFound(r.items), () => alive && setFound([]));
    return () => {
      alive = false;
    };
  }, [supervisor, filters.q]);

  return {
    tab,
    setTab,
    filters,
    setFilters,
    page,
    found,
    error,
    nothingToTake,
    setNothingToTake,
    load,
    async takeNext(post: Post) {
      try {
        const { task } = await ws.takeNext({ ...post, ...(filters.process ? { processKey: filters.process } : {}) });
        setNothingToTake(task === null);
        if (task) openTask(task.id);
        else void load();
      } catch (e) {
        setError((e as Error).message);
      }
    },
  };
}
