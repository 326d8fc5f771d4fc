/**
 * The Inspector's answer to `elicitation/create` (form mode, MCP 2025-11-25): the server's message
 * and a form built from `requestedSchema` — one labelled field per property (text, email, URL,
 * date, date-time, number, integer, yes/no, single and multiple choice), required ones marked,
 * descriptions tied to their field. Focus moves to the first field; Enter submits; Decline and
 * Cancel (also Escape) answer without content. Values are checked against the schema before they
 * are sent, and a problem is said in words next to the field. One question at a time: a second
 * waits for the first. A request the server withdraws (its signal aborts) closes the form.
 */
import type { ElicitRequestFormParams, ElicitResult, PrimitiveSchemaDefinition } from '@modelcontextprotocol/sdk/types.js';

type Value = string | number | boolean | string[];
type Reader = () => { value?: Value; problem?: string };

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

interface Choice {
  readonly value: string;
  readonly label: string;
}

/** The choices of an enum-like schema: `enum` (+ legacy `enumNames`), or `oneOf`/`anyOf` with const + title. */
function choicesOf(schema: Record<string, unknown>): Choice[] | undefined {
  if (Array.isArray(schema.enum)) {
    const names = Array.isArray(schema.enumNames) ? (schema.enumNames as unknown[]) : [];
    return (schema.enum as unknown[]).map((value, index) => ({ value: String(value), label: String(names[index] ?? value) }));
  }
  const options = (schema.oneOf ?? schema.anyOf) as { const?: unknown; title?: unknown }[] | undefined;
  return Array.isArray(options) ? options.map((option) => ({ value: String(option.const), label: String(option.title ?? option.const) })) : undefined;
}

const INPUT_TYPES: Record<string, string> = { email: 'email', uri: 'url', date: 'date' };
const EXAMPLES: Record<string, string> = { 'date-time': 'a date and time such as 2026-12-24T09:00:00Z', date: 'a date such as 2026-12-24', email: 'an e-mail address', uri: 'a URL such as https://example.com' };

function fieldFor(name: string, schema: PrimitiveSchemaDefinition, required: boolean, index: number): { node: HTMLElement; focus: HTMLElement; read: Reader } {
  const s = schema as Record<string, unknown>;
  const label = String(s.title ?? name);
  const id = `elicitation-field-${index}`;
  const wrapper = document.createElement('div');
  const hint = typeof s.description === 'string' ? Object.assign(document.createElement('p'), { id: `${id}-hint`, className: 'muted small', textContent: s.description }) : undefined;
  const labelText = `${label}${required ? ' (required)' : ''}`;
  const missing = () => ({ problem: `Fill in ${label}.` });

  const items = s.type === 'array' ? (s.items as Record<string, unknown> | undefined) : undefined;
  const multi = items ? choicesOf(items) : undefined;
  if (multi) {
    const group = document.createElement('fieldset');
    group.append(Object.assign(document.createElement('legend'), { textContent: labelText }));
    const boxes = multi.map((choice, n) => {
      const box = Object.assign(document.createElement('input'), { type: 'checkbox', id: `${id}-${n}`, value: choice.value, checked: Array.isArray(s.default) && (s.default as unknown[]).includes(choice.value) });
      group.append(Object.assign(document.createElement('label'), { className: 'inline' }));
      group.lastElementChild!.append(box, ` ${choice.label}`);
      return box;
    });
    if (hint) group.append(hint);
    wrapper.append(group);
    return { node: wrapper, focus: boxes[0] ?? group, read: () => {
      const value = boxes.filter((box) => box.checked).map((box) => box.value);
      if (required && value.length === 0) return { problem: `Choose at least one ${label}.` };
      return value.length || required ? { value } : {};
    } };
  }

  const labelNode = Object.assign(document.createElement('label'), { htmlFor: id, textContent: labelText });
  wrapper.append(labelNode);
  let control: HTMLInputElement | HTMLSelectElement;
  let read: Reader;
  const choices = choicesOf(s);
  if (choices) {
    const select = Object.assign(document.createElement('select'), { id });
    if (!required || s.default === undefined) select.append(new Option(required ? 'Choose…' : '(none)', ''));
    for (const choice of choices) select.append(new Option(choice.label, choice.value, false, s.default === choice.value));
    control = select;
    read = () => (select.value ? { value: select.value } : required ? { problem: `Choose ${label}.` } : {});
  } else if (s.type === 'boolean') {
    const box = Object.assign(document.createElement('input'), { type: 'checkbox', id, checked: s.default === true });
    labelNode.className = 'inline';
    labelNode.textContent = '';
    labelNode.append(box, ` ${labelText}`);
    control = box;
    read = () => ({ value: box.checked });
  } else if (s.type === 'number' || s.type === 'integer') {
    const input = Object.assign(document.createElement('input'), { type: 'number', id, step: s.type === 'integer' ? '1' : 'any' });
    if (typeof s.minimum === 'number') input.min = String(s.minimum);
    if (typeof s.maximum === 'number') input.max = String(s.maximum);
    if (typeof s.default === 'number') input.value = String(s.default);
    control = input;
    read = () => {
      if (input.value.trim() === '') return required ? missing() : {};
      const value = Number(input.value);
      if (!Number.isFinite(value) || (s.type === 'integer' && !Number.isInteger(value))) return { problem: `${label} must be ${s.type === 'integer' ? 'a whole number' : 'a number'}.` };
      if (typeof s.minimum === 'number' && value < s.minimum) return { problem: `${label} must be at least ${s.minimum}.` };
      if (typeof s.maximum === 'number' && value > s.maximum) return { problem: `${label} must be at most ${s.maximum}.` };
      return { value };
    };
  } else {
    const format = typeof s.format === 'string' ? s.format : '';
    const input = Object.assign(document.createElement('input'), { type: INPUT_TYPES[format] ?? 'text', id, autocomplete: 'off', spellcheck: false });
    if (format === 'date-time') input.placeholder = '2026-12-24T09:00:00Z';
    if (typeof s.default === 'string') input.value = s.default;
    control = input;
    read = () => {
      const value = input.value.trim();
      if (value === '') return required ? missing() : {};
      if (typeof s.minLength === 'number' && value.length < s.minLength) return { problem: `${label} needs at least ${s.minLength} characters.` };
      if (typeof s.maxLength === 'number' && value.length > s.maxLength) return { problem: `${label} takes at most ${s.maxLength} characters.` };
      const badFormat = (format === 'date-time' || format === 'date') && Number.isNaN(Date.parse(value));
      if (badFormat || (format === 'email' && !/^[^@\s]+@[^@\s]+$/.test(value)) || (format === 'uri' && !URL.canParse(value))) return { problem: `Enter ${label} as ${EXAMPLES[format]}.` };
      return { value };
    };
  }
  if (required) control.setAttribute('aria-required', 'true');
  if (hint) control.setAttribute('aria-describedby', hint.id);
  if (control.parentElement !== labelNode) wrapper.append(control);
  if (hint) wrapper.append(hint);
  return { node: wrapper, focus: control, read };
}

export class ElicitationForm {
  readonly #ui = {
    section: element<HTMLElement>('elicitation'),
    message: element<HTMLParagraphElement>('elicitation-message'),
    form: element<HTMLFormElement>('elicitation-form'),
    fields: element<HTMLDivElement>('elicitation-fields'),
    error: element<HTMLParagraphElement>('elicitation-error'),
    decline: element<HTMLButtonElement>('elicitation-decline'),
    cancel: element<HTMLButtonElement>('elicitation-cancel'),
  };
  #turn: Promise<unknown> = Promise.resolve();

  /** Shows the question and resolves with the person's answer (one question at a time). */
  ask(params: ElicitRequestFormParams, signal: AbortSignal): Promise<ElicitResult> {
    const answer = this.#turn.then(() => this.#show(params, signal));
    this.#turn = answer.catch(() => undefined);
    return answer;
  }

  #show(params: ElicitRequestFormParams, signal: AbortSignal): Promise<ElicitResult> {
    const ui = this.#ui;
    const returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
    const required = new Set(params.requestedSchema.required ?? []);
    const fields = Object.entries(params.requestedSchema.properties).map(([name, schema], index) => ({ name, ...fieldFor(name, schema, required.has(name), index) }));
    ui.message.textContent = params.message;
    ui.fields.replaceChildren(...fields.map((field) => field.node));
    ui.error.hidden = true;
    ui.section.hidden = false;
    (fields[0]?.focus ?? ui.form.querySelector<HTMLButtonElement>('button[type=submit]'))?.focus();

    return new Promise<ElicitResult>((resolve) => {
      const done = (result: ElicitResult) => {
        ui.form.removeEventListener('submit', onSubmit);
        ui.decline.removeEventListener('click', onDecline);
        ui.cancel.removeEventListener('click', onCancel);
        ui.section.removeEventListener('keydown', onKey);
        signal.removeEventListener('abort', onCancel);
        ui.section.hidden = true;
        ui.fields.replaceChildren();
        returnFocus?.focus();
        resolve(result);
      };
      const onSubmit = (event: Event) => {
        event.preventDefault();
        const content: Record<string, Value> = {};
        for (const field of fields) {
          const { value, problem } = field.read();
          field.focus.removeAttribute('aria-invalid');
          if (problem) {
            ui.error.textContent = problem;
            ui.error.hidden = false;
            field.focus.setAttribute('aria-invalid', 'true');
            field.focus.focus();
            return;
          }
          if (value !== undefined) content[field.name] = value;
        }
        done({ action: 'accept', content });
      };
      const onDecline = () => done({ action: 'decline' });
      const onCancel = () => done({ action: 'cancel' });
      const onKey = (event: KeyboardEvent) => {
        if (event.key === 'Escape') onCancel();
      };
      ui.form.addEventListener('submit', onSubmit);
      ui.decline.addEventListener('click', onDecline);
      ui.cancel.addEventListener('click', onCancel);
      ui.section.addEventListener('keydown', onKey);
      signal.addEventListener('abort', onCancel);
    });
  }
}
