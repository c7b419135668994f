import { useState } from 'react';
import type { FormEvent } from 'react';
import { updatePartner } from '../api/endpoints';
import type { PartnerDto } from '../api/types';
import { ErrorAlert } from '../components/Status';
import { fieldErrorsOf } from '../fieldErrors';
import { checkPartner, planHint, TextField } from './PartnerFields';

/** Name, plan and whether the partner's keys work at all. */
export function PartnerDetailsForm({ partner, onSaved }: { partner: PartnerDto; onSaved: (partner: PartnerDto) => void }) {
  const [name, setName] = useState(partner.name);
  const [plan, setPlan] = useState(partner.plan);
  const [active, setActive] = useState(partner.active);
  const [errors, setErrors] = useState<{ name?: string; plan?: string }>({});
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setSaved(false);
    const found = checkPartner(name, plan);
    setErrors(found);
    if (found.name || found.plan) return;
    setBusy(true);
    try {
      const updated = await updatePartner(partner.id, { name: name.trim(), plan: plan.trim(), active });
      setSaved(true);
      onSaved(updated);
    } catch (e) {
      setError(e);
      setErrors(fieldErrorsOf(e, ['name', 'plan'] as const));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form card section" onSubmit={onSubmit} noValidate aria-labelledby="details-heading">
      <h2 id="details-heading">Details</h2>
      {error !== null && <ErrorAlert error={error} />}
      {saved && (
        <p role="status" className="alert alert-success">
          Saved.
        </p>
      )}
      <TextField id="details-name" label="Name" value={name} onChange={setName} error={errors.name} maxLength={100} />
      <TextField id="details-plan" label="Plan" value={plan} onChange={setPlan} error={errors.plan} hint={planHint} maxLength={40} />
      <div className="field field-checkbox">
        <input id="details-active" type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
        <label htmlFor="details-active">Active (its keys work)</label>
      </div>
      <button type="submit" disabled={busy}>
        {busy ? 'Saving…' : 'Save changes'}
      </button>
    </form>
  );
}
