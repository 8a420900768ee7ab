import { type FieldErrors } from './forms.tsx';

interface ChoiceGroupProps {
  name: string;
  legend: string;
  options: readonly string[];
  selected: readonly string[];
  errors: FieldErrors;
  hint?: string;
}

/** A group of checkboxes with one legend, and its error announced with the group. */
export function CheckboxGroup({ name, legend, options, selected, errors, hint }: ChoiceGroupProps) {
  const id = `field-${name}`;
  const error = errors[name];
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <fieldset class={error ? 'field field-invalid' : 'field'} id={id} {...(describedBy ? { 'aria-describedby': describedBy } : {})}>
      <legend>{legend}</legend>
      {hint ? <p class="hint" id={`${id}-hint`}>{hint}</p> : null}
      {error ? <p class="field-error" id={`${id}-error`}>{error}</p> : null}
      {options.map((option, index) => (
        <label class="choice" key={option}>
          <input type="checkbox" name={name} value={option} checked={selected.includes(option)} id={index === 0 ? `${id}-first` : undefined} /> {option}
        </label>
      ))}
    </fieldset>
  );
}
