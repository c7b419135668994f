import { useState } from 'react';
import type { Page } from './api/types';
import { useAsync } from './useAsync';

/**
 * A cursor-paged list: the first page loads when `deps` change; `loadMore` appends the next.
 * `replace` swaps one item in place (after a status move, for instance).
 */
export function usePagedList<T>(
  loadPage: (cursor: string | null, signal?: AbortSignal) => Promise<Page<T>>,
  deps: readonly unknown[],
) {
  const list = useAsync(async (signal) => {
    const page = await loadPage(null, signal);
    return { items: page.items, nextCursor: page.nextCursor ?? null };
  }, deps);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);

  const loadMore = async () => {
    if (list.state.status !== 'done' || !list.state.data.nextCursor) return;
    const current = list.state.data;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await loadPage(current.nextCursor);
      list.setData({ items: [...current.items, ...page.items], nextCursor: page.nextCursor ?? null });
    } catch (error) {
      setMoreError(error);
    } finally {
      setLoadingMore(false);
    }
  };

  const replace = (match: (item: T) => boolean, next: T) => {
    if (list.state.status !== 'done') return;
    const data = list.state.data;
    list.setData({ ...data, items: data.items.map((item) => (match(item) ? next : item)) });
  };

  return { state: list.state, reload: list.reload, loadMore, loadingMore, moreError, replace };
}
