import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  /** Messages from the API's field errors for this field. */
  errors?: string[];
  hint?: ReactNode;
}

/** A labelled input whose API errors show inline and are announced (aria-describedby, aria-invalid). */
export function Field({ label, errors = [], hint, ...input }: FieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-invalid={errors.length > 0} aria-describedby={errors.length > 0 ? errorId : undefined} {...input} />
      {hint && <small>{hint}</small>}
      {errors.length > 0 && (
        <p id={errorId} className="field-error" role="alert">
          {errors.join(' ')}
        </p>
      )}
    </div>
  );
}
