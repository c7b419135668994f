// core-api's audit actions (PartnerAuditActions) in words; an action this SPA does not know yet shows as sent.
const labels: Record<string, string> = {
  'partner.created': 'Partner created',
  'partner.updated': 'Partner updated',
  'key.issued': 'Key issued',
  'key.rolled': 'Key rolled',
  'key.revoked': 'Key revoked',
};

export const auditActionLabel = (action: string) => labels[action] ?? action;
