import { ErrorAlert } from './Status';

export function LoadMore({
  hasMore,
  loading,
  error,
  onLoadMore,
}: {
  hasMore: boolean;
  loading: boolean;
  error: unknown;
  onLoadMore: () => void;
}) {
  return (
    <>
      {error !== null && <ErrorAlert error={error} />}
      {hasMore && (
        <button type="button" className="load-more" onClick={onLoadMore} disabled={loading}>
          {loading ? 'Loading…' : 'Load more'}
        </button>
      )}
    </>
  );
}
