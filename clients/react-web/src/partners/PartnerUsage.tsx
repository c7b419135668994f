import { useState } from 'react';
import { getPartnerUsage } from '../api/endpoints';
import type { ApiKeyDto } from '../api/types';
import { ErrorAlert, Loading } from '../components/Status';
import { useAsync } from '../useAsync';
import { dailyUsage, lastDays } from './usage';
import { UsageChart } from './UsageChart';

const ranges = [7, 30, 90];

/** The partner's usage by UTC day: all keys summed, or one key; requests against rejections. */
export function PartnerUsage({ partnerId, keys }: { partnerId: string; keys: ApiKeyDto[] }) {
  const [days, setDays] = useState(30);
  const [keyId, setKeyId] = useState('');
  const range = lastDays(days);
  const usage = useAsync((signal) => getPartnerUsage(partnerId, range, signal), [partnerId, range.from, range.to]);
  const chosen = keys.find((k) => k.id === keyId);

  return (
    <section aria-labelledby="usage-heading" className="card section">
      <h2 id="usage-heading">Usage</h2>
      <div className="filters">
        <div className="field">
          <label htmlFor="usage-range">Period</label>
          <select id="usage-range" value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {ranges.map((d) => (
              <option key={d} value={d}>
                Last {d} days
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="usage-key">Key</label>
          <select id="usage-key" value={keyId} onChange={(e) => setKeyId(e.target.value)}>
            <option value="">All keys</option>
            {keys.map((k) => (
              <option key={k.id} value={k.id}>
                {k.name} ({k.displayPrefix}…)
              </option>
            ))}
          </select>
        </div>
      </div>
      {usage.state.status === 'loading' && <Loading label="Loading usage…" />}
      {usage.state.status === 'error' && <ErrorAlert error={usage.state.error} />}
      {usage.state.status === 'done' && (
        <UsageChart
          bars={dailyUsage(usage.state.data, range, keyId || undefined)}
          caption={`Requests and rejections per day, ${chosen ? `key ${chosen.displayPrefix}…` : 'all keys'}`}
        />
      )}
    </section>
  );
}
