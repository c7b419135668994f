import type { PartnerAuditEntryDto } from '../api/types';
import { formatDate } from '../format';
import { Link } from '../router';
import { auditActionLabel } from './auditActions';

/** Who did what to which partner or key, and when. `partnerNames` turns ids into links with names. */
export function AuditTable({
  entries,
  caption,
  partnerNames,
}: {
  entries: PartnerAuditEntryDto[];
  caption: string;
  partnerNames?: ReadonlyMap<string, string>;
}) {
  return (
    <div className="table-scroll">
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            {partnerNames && <th scope="col">Partner</th>}
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} data-audit-action={entry.action}>
              <td>{formatDate(entry.at)}</td>
              <td>
                {entry.actorName ?? <span className="mono">{entry.actor}</span>}
              </td>
              <td>{auditActionLabel(entry.action)}</td>
              {partnerNames && (
                <td>
                  {entry.partnerId ? (
                    <Link to={`/admin/partners/${entry.partnerId}`}>
                      {partnerNames.get(entry.partnerId) ?? entry.partnerId}
                    </Link>
                  ) : (
                    '—'
                  )}
                </td>
              )}
              <td>{entry.summary}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
