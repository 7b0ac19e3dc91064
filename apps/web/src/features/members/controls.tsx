import { useEffect, useId, useState, type FormEvent, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { ApiError } from '../../api/api-client';
import { useI18n } from '../../i18n/i18n';
import { DECLINE_REASONS, loadTaxonomy, type DeclineReason, type Taxonomy, type TaxonomyDimension, type TaxonomyTerm } from './members-api';
import { taxonomyTree } from './members-logic';

function Errors({ id, errors }: { id: string; errors: string[] }) {
  if (errors.length === 0) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {errors.join(' ')}
    </p>
  );
}

interface SelectFieldProps extends SelectHTMLAttributes<HTMLSelectElement> {
  label: string;
  errors?: string[];
  children: ReactNode;
}

/** A labelled select with inline API errors (like Field). */
export function SelectField({ label, errors = [], children, ...select }: SelectFieldProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} aria-invalid={errors.length > 0} aria-describedby={errors.length ? `${id}-error` : undefined} {...select}>
        {children}
      </select>
      <Errors id={`${id}-error`} errors={errors} />
    </div>
  );
}

interface TextAreaFieldProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  label: string;
  errors?: string[];
}

export function TextAreaField({ label, errors = [], ...area }: TextAreaFieldProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} rows={3} aria-invalid={errors.length > 0} aria-describedby={errors.length ? `${id}-error` : undefined} {...area} />
      <Errors id={`${id}-error`} errors={errors} />
    </div>
  );
}

interface CheckboxGroupProps {
  legend: string;
  options: Array<{ value: string; label: string }>;
  value: string[];
  onChange(next: string[]): void;
  errors?: string[];
}

/** A fieldset of checkboxes (a multi-choice with a legend). */
export function CheckboxGroup({ legend, options, value, onChange, errors = [] }: CheckboxGroupProps) {
  const id = useId();
  return (
    <fieldset aria-describedby={errors.length ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="choice">
          <input type="checkbox" checked={value.includes(o.value)} onChange={(e) => onChange(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value))} /> {o.label}
        </label>
      ))}
      <Errors id={`${id}-error`} errors={errors} />
    </fieldset>
  );
}

/** The taxonomy, loaded once; null while loading. */
export function useTaxonomy(): Taxonomy | null {
  const [taxonomy, setTaxonomy] = useState<Taxonomy | null>(null);
  useEffect(() => {
    let live = true;
    loadTaxonomy().then((t) => live && setTaxonomy(t), () => undefined);
    return () => {
      live = false;
    };
  }, []);
  return taxonomy;
}

/** A term's label in the UI language, or the code itself when unknown. */
export function useTermLabel(taxonomy: Taxonomy | null): (dimension: TaxonomyDimension, code: string) => string {
  const { language } = useI18n();
  return (dimension, code) => taxonomy?.[dimension].find((t) => t.code === code)?.labels[language] ?? code;
}

interface TaxonomyPickerProps {
  legend: string;
  terms: TaxonomyTerm[];
  value: string[];
  onChange(next: string[]): void;
  errors?: string[];
}

/** Checkboxes for one taxonomy dimension, children indented under their parent, labels in the UI language. */
export function TaxonomyPicker({ legend, terms, value, onChange, errors = [] }: TaxonomyPickerProps) {
  const { language } = useI18n();
  const id = useId();
  const toggle = (code: string, on: boolean) => onChange(on ? [...value, code] : value.filter((v) => v !== code));
  const box = (term: TaxonomyTerm) => (
    <label className="choice">
      <input type="checkbox" checked={value.includes(term.code)} onChange={(e) => toggle(term.code, e.target.checked)} /> {term.labels[language]}
    </label>
  );
  return (
    <fieldset className="taxonomy-picker" aria-describedby={errors.length ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      <ul className="tree">
        {taxonomyTree(terms).map(({ term, children }) => (
          <li key={term.code}>
            {box(term)}
            {children.length > 0 && (
              <ul>
                {children.map((c) => (
                  <li key={c.code}>{box(c)}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      <Errors id={`${id}-error`} errors={errors} />
    </fieldset>
  );
}

/** A failure as a message: the API's, or a generic one. */
export function ErrorNote({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <p role="alert" className="form-error">
      {error instanceof ApiError ? error.message : t('common.error')}
    </p>
  );
}

interface DeclineReasonFormProps {
  /** The form's accessible name (what is declined: a match, a request). */
  label: string;
  reason: DeclineReason;
  onReason(reason: DeclineReason): void;
  onSubmit(event: FormEvent): void;
  busy: boolean;
}

/** Choosing why to decline (a match or a meeting request), then confirming. */
export function DeclineReasonForm({ label, reason, onReason, onSubmit, busy }: DeclineReasonFormProps) {
  const { t } = useI18n();
  return (
    <form onSubmit={onSubmit} className="inline-form" aria-label={label}>
      <SelectField label={t('members.declineReason')} value={reason} onChange={(e) => onReason(e.target.value as DeclineReason)}>
        {DECLINE_REASONS.map((r) => (
          <option key={r} value={r}>
            {t(`members.reason.${r}`)}
          </option>
        ))}
      </SelectField>
      <button type="submit" disabled={busy}>
        {t('members.matches.confirmDecline')}
      </button>
    </form>
  );
}
