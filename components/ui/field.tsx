import { useId, type InputHTMLAttributes, type TextareaHTMLAttributes } from "react";

interface FieldProps {
  label: string;
  errors?: string[];
  hint?: string;
}

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs placeholder:text-slate-400 focus:border-brand-500 focus:outline-none aria-invalid:border-red-500";

function FieldMessages({ id, errors, hint }: { id: string; errors?: string[]; hint?: string }) {
  return (
    <>
      {hint && !errors?.length && (
        <p id={id} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      {errors?.length ? (
        <p id={id} className="mt-1 text-xs text-red-600" role="alert">
          {errors.join(" ")}
        </p>
      ) : null}
    </>
  );
}

type FieldAria = { id: string; "aria-invalid"?: true; "aria-describedby"?: string };

/**
 * Label, control and message wired together: the error is announced and linked with aria-describedby.
 * For a control of its own (a select, a styled textarea), a form renders it through `render`.
 */
export function Field({
  label,
  errors,
  hint,
  render,
}: FieldProps & {
  render: (aria: FieldAria) => React.ReactNode;
}) {
  const id = useId();
  const messageId = `${id}-message`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {render({
        id,
        "aria-invalid": errors?.length ? true : undefined,
        "aria-describedby": errors?.length || hint ? messageId : undefined,
      })}
      <FieldMessages id={messageId} errors={errors} hint={hint} />
    </div>
  );
}

/** A `Field` around one kind of control, which gets every prop but the label, errors and hint. */
function fieldOf<P>(control: (props: P, aria: FieldAria) => React.ReactNode) {
  return function LabelledField({ label, errors, hint, ...props }: FieldProps & P) {
    return <Field label={label} errors={errors} hint={hint} render={(aria) => control(props as P, aria)} />;
  };
}

export const TextField = fieldOf<InputHTMLAttributes<HTMLInputElement>>((props, aria) => (
  <input {...props} {...aria} className={inputClass} />
));

export const TextAreaField = fieldOf<TextareaHTMLAttributes<HTMLTextAreaElement>>((props, aria) => (
  <textarea rows={3} {...props} {...aria} className={inputClass} />
));

export function FormMessage({ message, ok }: { message?: string; ok?: boolean }) {
  if (!message) return null;
  return (
    <p
      role={ok ? "status" : "alert"}
      className={`rounded-md px-3 py-2 text-sm ${ok ? "bg-green-50 text-green-800" : "bg-red-50 text-red-700"}`}
    >
      {message}
    </p>
  );
}
