import type { ReactNode } from 'react';
import { Navigate } from 'react-router-dom';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import './staff.messages';

/** Staff pages: visitors go to the log-in, other roles are told the page is for staff. */
export function StaffOnly({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { me, loading } = useAuth();
  if (loading) return <p>{t('common.loading')}</p>;
  if (!me) return <Navigate to="/login" replace />;
  if (me.role !== 'staff') {
    return (
      <main>
        <p role="alert" className="form-error">
          {t('staff.only')}
        </p>
      </main>
    );
  }
  return (
    <>
      <style>{STAFF_CSS}</style>
      {children}
    </>
  );
}

/** The staff screens' own styles (kept here so that the shell's stylesheet stays untouched). */
const STAFF_CSS = `
main.wide { max-width: none; }
.staff-counts { display: flex; flex-wrap: wrap; gap: 1rem; }
.staff-counts div { border: 1px solid #d0d7de; border-radius: 4px; padding: 0.5rem 0.75rem; min-width: 8rem; }
.staff-counts dt { font-size: 0.85rem; color: #57606a; }
.staff-counts dd { margin: 0; font-size: 1.4rem; font-weight: 700; }
fieldset.inline { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: flex-end; }
fieldset.inline[aria-invalid='true'] { border: 2px solid #cf222e; }
.form-error-summary { border: 2px solid #cf222e; padding: 0.5rem; margin-bottom: 0.75rem; }
.board-layout { display: flex; gap: 1.25rem; align-items: flex-start; flex-wrap: wrap; }
.board-scroll { overflow-x: auto; flex: 1 1 40rem; }
.board-layout aside { flex: 0 1 20rem; }
table.board td.cell { min-width: 9rem; height: 3.2rem; }
table.board td.free { background: repeating-linear-gradient(45deg, #fff, #fff 6px, #f6f8fa 6px, #f6f8fa 12px); }
table.board .free-label { color: #57606a; font-size: 0.85rem; }
table.board .meeting { padding: 0.4rem 0.6rem; border-radius: 4px; display: flex; flex-direction: column; align-items: flex-start; width: 100%; text-align: left; background: #ddf4ff; color: #0b2e4f; border: 1px solid #0b5394; cursor: grab; }
table.board td.selected .meeting { border: 3px double #1b1f24; background: #fff8c5; }
table.board .who { font-weight: 600; }
table.board .lock, table.board .sel { font-size: 0.8rem; }
.unscheduled { list-style: none; padding: 0; }
.unscheduled li { margin-bottom: 0.4rem; }
.selected-panel { border: 1px solid #d0d7de; border-radius: 4px; padding: 0.5rem 0.75rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.hint { color: #57606a; }
`;

/** An API error as one line, announced. */
export function ErrorLine({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <p role="alert" className="form-error">
      {message}
    </p>
  );
}
