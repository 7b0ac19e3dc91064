import { useId, useState, type FormEvent } from 'react';
import { type ApiError, asApiError } from '../../api/api-client';
import { useI18n } from '../../i18n/i18n';
import { ORGANISATION_KINDS, uploadWithProgress, type ImportResult, type OrganisationKind } from './staff-api';
import { ErrorLine, StaffOnly } from './staff-only';

function Import() {
  const { t } = useI18n();
  const id = useId();
  const [kind, setKind] = useState<OrganisationKind>('companies');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setError(null);
    setResult(null);
    setProgress(0);
    try {
      setResult(await uploadWithProgress<ImportResult>(`/api/v1/imports/${kind}`, file, setProgress));
    } catch (e) {
      setError(asApiError(e));
      setProgress(null);
    }
  }

  return (
    <main>
      <h1>{t('staff.import.title')}</h1>
      <p>{t('staff.import.help')}</p>
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('staff.import.kind')}</label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as OrganisationKind)}>
            {ORGANISATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`staff.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('staff.import.file')}</label>
          <input id={`${id}-file`} type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        <button type="submit" disabled={!file || (progress !== null && progress < 1 && !result)}>
          {t('staff.import.upload')}
        </button>
      </form>
      {progress !== null && (
        <p>
          <label htmlFor={`${id}-progress`}>{t('staff.import.progress')}</label>{' '}
          <progress id={`${id}-progress`} max={1} value={progress} /> {Math.round(progress * 100)}%
        </p>
      )}
      {error && <ErrorLine error={error} />}
      {error?.errors.map((e) => (
        <p key={e.field} className="form-error">
          {e.field}: {e.message}
        </p>
      ))}
      {result && (
        <section aria-labelledby={`${id}-result`}>
          <h2 id={`${id}-result`}>{t('staff.import.result')}</h2>
          <p role="status">{t('staff.import.summary', { created: result.created, updated: result.updated, failed: result.failed.length })}</p>
          {result.failed.length > 0 && (
            <table>
              <caption>{t('staff.import.failedRows')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('staff.import.row')}</th>
                  <th scope="col">{t('staff.import.field')}</th>
                  <th scope="col">{t('staff.import.message')}</th>
                </tr>
              </thead>
              <tbody>
                {result.failed.map((f, i) => (
                  <tr key={`${f.row}-${f.field}-${i}`}>
                    <td>{f.row}</td>
                    <td>{f.field}</td>
                    <td>{f.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </main>
  );
}

export function ImportPage() {
  return (
    <StaffOnly>
      <Import />
    </StaffOnly>
  );
}
