import Form from '@rjsf/core';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import type { Ref } from 'react';
import { buttonTemplates } from './form-buttons';
import { defaultsBehavior, validator } from './form-support';
import './rjsf.css';

/** The RJSF form class as this panel uses it, for a ref to call `validateForm()` on. */
export type ArgumentsFormHandle = Form<Record<string, unknown>, RJSFSchema>;

const uiSchema: UiSchema = {
  'ui:submitButtonOptions': { norender: true },
};

const templates = { ButtonTemplates: buttonTemplates };

/**
 * The arguments of a tool as a form generated from its inputSchema (RJSF). Validation shows
 * inline once `liveValidate` is on (after the first send attempt); RJSF's submit button is
 * hidden and the form is a plain `div` so Enter in a field never sends by surprise.
 */
export function ArgumentsForm({
  schema,
  args,
  onChange,
  liveValidate,
  formRef,
}: {
  schema: RJSFSchema;
  args: Record<string, unknown>;
  onChange: (args: Record<string, unknown>) => void;
  liveValidate: boolean;
  formRef: Ref<ArgumentsFormHandle>;
}) {
  return (
    <div className="rjsf-scope">
      <Form<Record<string, unknown>, RJSFSchema>
        ref={formRef}
        tagName="div"
        schema={schema}
        uiSchema={uiSchema}
        formData={args}
        validator={validator}
        templates={templates}
        liveValidate={liveValidate ? 'onChange' : false}
        showErrorList={false}
        noHtml5Validate
        experimental_defaultFormStateBehavior={defaultsBehavior}
        onChange={(event) => onChange(event.formData ?? {})}
        // Errors show inline and in the editor's summary; RJSF would also log them.
        onError={() => undefined}
      />
    </div>
  );
}
