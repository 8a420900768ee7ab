import type { FormValues } from '../../../platform/http/forms.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { CheckboxField, CsrfField, ErrorSummary, titleWithErrors, type FieldErrors } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { FONT_SIZES, LINE_WIDTHS, THEMES } from '../preferences.model.ts';

interface Props {
  ctx: PageContext;
  values: FormValues;
  errors?: FieldErrors;
  saved?: boolean;
}

const fontLabels: Record<string, string> = { '90': 'Smaller (90%)', '100': 'Normal (100%)', '115': 'Larger (115%)', '130': 'Largest (130%)' };
const widthLabels: Record<string, string> = { narrow: 'Narrow', normal: 'Normal', wide: 'Wide' };
const themeLabels: Record<string, string> = { auto: 'Same as my device', light: 'Light', dark: 'Dark' };

/** A group of radio buttons with its legend and error, the first button carrying the id the error summary links to. */
function Choice({ name, legend, options, labels, values, errors }: { name: string; legend: string; options: readonly (string | number)[]; labels: Record<string, string>; values: FormValues; errors: FieldErrors }) {
  const error = errors[name];
  return (
    <fieldset class={error ? 'field field-invalid' : 'field'} {...(error ? { 'aria-describedby': `field-${name}-error` } : {})}>
      <legend>{legend}</legend>
      {error ? <p class="field-error" id={`field-${name}-error`}>{error}</p> : null}
      {options.map(String).map((option, index) => (
        <label class="choice" key={option}>
          <input type="radio" name={name} value={option} checked={values[name] === option} {...(index === 0 ? { id: `field-${name}` } : {})} /> {labels[option]}
        </label>
      ))}
    </fieldset>
  );
}

export function PreferencesPage({ ctx, values, errors = {}, saved = false }: Props) {
  return (
    <Layout ctx={ctx} title={titleWithErrors('Reading preferences', errors)}>
      <h1>Reading preferences</h1>
      {saved ? <p class="notice" role="status">Your preferences are saved.</p> : null}
      <p class="lede">
        {ctx.viewer ? 'These are saved in your account, on every device you log in from.' : 'These are remembered by this browser. Log in to keep them in your account.'}
      </p>
      <ErrorSummary errors={errors} />
      <form method="post" action="/preferences" class="stack-form" noValidate>
        <CsrfField ctx={ctx} />
        <Choice name="font_size" legend="Text size" options={FONT_SIZES} labels={fontLabels} values={values} errors={errors} />
        <Choice name="line_width" legend="Line width" options={LINE_WIDTHS} labels={widthLabels} values={values} errors={errors} />
        <Choice name="theme" legend="Colours" options={THEMES} labels={themeLabels} values={values} errors={errors} />
        <CheckboxField name="hide_tags" label="Hide tags and warnings until I click" hint="For spoiler-sensitive readers: a work's tags and warnings stay folded until you open them." values={values} />
        <CheckboxField name="hide_lyrics" label="Hide song lyrics" hint="Songfic lyrics are folded to a one-line marker you can open." values={values} />
        <div class="form-actions">
          <button type="submit">Save preferences</button>
        </div>
      </form>
    </Layout>
  );
}
