// One renderer per step kind of docs/sessions.md. A renderer gets the session's step and a context:
//   ctx.send(input)        POST the input (resolves with the new session or rejects)
//   ctx.draft              this step's scratch values (selections, typed digits); wiped with the session
//   ctx.rerender()         draw the step again (after a draft change)
//   ctx.elderly            fewer items per screen
//   ctx.problem            the last 422 problem of this step ({detail, field…}) or null
// Everything personal in a step is already masked by kioskd; the UI shows it and keeps no copy.
import { h, svg } from './dom.js';
import { icon } from './icons.js';
import { loc, t } from './i18n.js';
import { keypad, keysFor } from './keypad.js';
import { encodeQR, qrSvg } from './qr.js';

const CARD_METHODS = ['id-card', 'social-security-card'];

export function renderStep(step, ctx) {
  const renderer = RENDERERS[step.kind] ?? unknownStep;
  return renderer(step, ctx);
}

function title(step, fallback) {
  const text = loc(step.title, fallback);
  return text ? h('h2', { class: 'step-title', id: 'step-title' }, text) : null;
}

function prompt(step, fallback) {
  const text = loc(step.prompt, fallback);
  return text ? h('p', { class: 'prompt', role: 'status' }, text) : null;
}

function problemLine(ctx) {
  if (!ctx.problem) return null;
  const text = ctx.problem.message ? loc(ctx.problem.message) : (ctx.problem.detail || t('fieldInvalid'));
  return h('p', { class: 'input-error', role: 'alert' }, svg(icon('alert')), text);
}

function button(text, action, onclick, className = 'primary', extra = {}) {
  return h('button', { type: 'button', class: `button ${className}`, dataset: { action, ...extra.dataset }, onclick, ...extra.attributes }, text);
}

// --- identify ------------------------------------------------------------------------------

function identify(step, ctx) {
  const methods = step.methods ?? [];
  const waiting = step.waiting ?? (methods.length === 1 ? methods[0] : null);
  if (!step.waiting && methods.length === 1 && !ctx.draft.autoChosen) {
    ctx.draft.autoChosen = true;
    queueMicrotask(() => ctx.send({ action: 'choose', method: methods[0] }).catch(() => {}));
  }
  if (!waiting) {
    return h('div', { class: 'identify-choose' },
      title(step, t('chooseMethod')),
      prompt(step),
      h('div', { class: 'methods' }, methods.map((method) => h('button', {
        type: 'button', class: `method method-${method}`, dataset: { action: 'choose-method', method },
        onclick: () => ctx.send({ action: 'choose', method }),
      }, h('span', { class: 'method-icon' }, svg(icon(methodIcon(method)))), h('span', {}, t(`method.${method}`))))));
  }
  const others = methods.filter((method) => method !== waiting);
  const switcher = others.length > 0
    ? h('div', { class: 'other-methods' }, others.map((method) => h('button', {
      type: 'button', class: 'button secondary', dataset: { action: 'choose-method', method },
      onclick: () => ctx.send({ action: 'choose', method }),
    }, svg(icon(methodIcon(method))), t(`method.${method}`))))
    : null;
  if (waiting === 'case-number') return caseNumber(step, ctx, switcher);
  const reading = ctx.cardPresented && CARD_METHODS.includes(waiting);
  return h('div', { class: 'identify-wait' },
    title(step, t(`method.${waiting}`)),
    h('div', { class: `device-animation anim-${waiting}`, 'aria-hidden': 'true' },
      h('div', { class: 'reader' }), h('div', { class: 'token' }, svg(icon(waiting === 'mi-qr' ? 'qr' : 'id-card'))), h('div', { class: 'waves' })),
    h('p', { class: 'prompt big', role: 'status', dataset: { waiting } }, reading ? t('readingCard') : (loc(step.prompt) || t(`methodPrompt.${waiting}`))),
    problemLine(ctx),
    switcher);
}

function methodIcon(method) {
  return { 'id-card': 'id-card', 'social-security-card': 'card', 'mi-qr': 'qr', 'case-number': 'calculator' }[method] ?? 'document';
}

function caseNumber(step, ctx, switcher) {
  const spec = step.keypad ?? {};
  ctx.draft.caseNumber ??= '';
  const display = h('output', { class: 'entry', id: 'case-number', dataset: { field: 'caseNumber' }, 'aria-live': 'polite' }, ctx.draft.caseNumber || '\u00a0');
  const submit = button(t('submit'), 'submit', () => {
    const value = ctx.draft.caseNumber;
    if (!fits(value, spec.pattern, spec.length)) {
      ctx.setProblem({ message: null, detail: value ? t('fieldInvalid') : t('fieldRequired') });
      return;
    }
    ctx.send({ action: 'submit', fields: { caseNumber: value } });
  });
  return h('div', { class: 'identify-case' },
    title(step, t('method.case-number')),
    h('p', { class: 'prompt', role: 'status' }, loc(step.prompt) || t('methodPrompt.case-number')),
    h('label', { class: 'entry-label', for: 'case-number' }, t('method.case-number')),
    display,
    problemLine(ctx),
    keypad({
      getValue: () => ctx.draft.caseNumber,
      setValue: (value) => { ctx.draft.caseNumber = value; display.textContent = value || '\u00a0'; },
      maxLength: spec.length,
      extra: keysFor(spec.pattern, 'digits'),
      label: t('method.case-number'),
    }),
    h('div', { class: 'actions' }, submit),
    switcher);
}

/** Whether `value` fits the step's pattern (anchored) and length. */
export function fits(value, pattern, length) {
  if (!value) return false;
  if (length && typeof length === 'number' && value.length > length) return false;
  if (!pattern) return true;
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return true;
  }
}

// --- consent -------------------------------------------------------------------------------

function consent(step, ctx) {
  return h('div', { class: 'consent' },
    title(step, t('consentHeading')),
    prompt(step),
    h('ul', { class: 'consent-items' }, (step.items ?? []).map((item) => h('li', {}, svg(icon('check')), loc(item)))),
    step.text ? h('p', { class: 'consent-text' }, loc(step.text)) : null,
    h('div', { class: 'actions' },
      button(t('decline'), 'decline', () => ctx.send({ action: 'decline' }), 'secondary'),
      button(t('agree'), 'confirm', () => ctx.send({ action: 'confirm' }))));
}

// --- choose --------------------------------------------------------------------------------

function choose(step, ctx) {
  const options = step.options ?? [];
  const multiple = Boolean(step.multiple);
  const min = step.min ?? 1;
  const max = step.max ?? (multiple ? options.length : 1);
  ctx.draft.selected ??= [];
  ctx.draft.page ??= 0;
  const perPage = ctx.elderly ? 4 : 8;
  const pages = Math.max(1, Math.ceil(options.length / perPage));
  const page = Math.min(ctx.draft.page, pages - 1);
  const shown = options.slice(page * perPage, (page + 1) * perPage);
  const selected = new Set(ctx.draft.selected);
  const toggle = (value) => {
    if (!multiple) {
      ctx.send({ action: 'select', values: [value] });
      return;
    }
    if (selected.has(value)) selected.delete(value);
    else if (selected.size < max) selected.add(value);
    ctx.draft.selected = [...selected];
    ctx.rerender();
  };
  const count = selected.size;
  return h('div', { class: 'choose' },
    title(step),
    prompt(step, multiple ? t('chooseHint', min, max) : null),
    h('div', { class: 'options', role: 'group', 'aria-labelledby': 'step-title' }, shown.map((option) => h('button', {
      type: 'button', class: `option${selected.has(option.value) ? ' selected' : ''}`,
      dataset: { action: 'option', value: option.value },
      'aria-pressed': multiple ? (selected.has(option.value) ? 'true' : 'false') : undefined,
      onclick: () => toggle(option.value),
    }, multiple ? svg(icon(selected.has(option.value) ? 'check' : 'list')) : null, loc(option.label, option.value)))),
    pager(page, pages, (next) => { ctx.draft.page = next; ctx.rerender(); }),
    problemLine(ctx),
    multiple ? h('div', { class: 'actions' },
      button(`${t('confirm')}${count ? ` (${count})` : ''}`, 'confirm-choice',
        () => ctx.send({ action: 'select', values: [...selected] }), 'primary',
        { attributes: { disabled: count < min || count > max } })) : null);
}

function pager(page, pages, onPage) {
  if (pages <= 1) return null;
  return h('div', { class: 'pager' },
    h('button', { type: 'button', class: 'button secondary', dataset: { action: 'page-prev' }, disabled: page === 0, onclick: () => onPage(page - 1) }, t('prevPage')),
    h('span', { class: 'page-of' }, t('pageOf', page + 1, pages)),
    h('button', { type: 'button', class: 'button secondary', dataset: { action: 'page-next' }, disabled: page >= pages - 1, onclick: () => onPage(page + 1) }, t('nextPage')));
}

// --- form ----------------------------------------------------------------------------------

function form(step, ctx) {
  const fields = step.fields ?? [];
  ctx.draft.values ??= {};
  const values = ctx.draft.values;
  const keyed = fields.filter((field) => field.input !== 'text-choice');
  ctx.draft.active ??= keyed[0]?.name ?? null;
  const active = fields.find((field) => field.name === ctx.draft.active);
  const problemField = ctx.problem?.field ?? ctx.problem?.fields?.[0] ?? ctx.problem?.name ?? null;
  const rows = fields.map((field) => {
    const invalid = problemField === field.name || ctx.draft.invalid === field.name;
    const labelId = `label-${field.name}`;
    if (field.input === 'text-choice') {
      return h('div', { class: `field choice${invalid ? ' invalid' : ''}`, dataset: { field: field.name } },
        h('span', { class: 'field-label', id: labelId }, loc(field.label, field.name)),
        h('div', { class: 'options compact', role: 'group', 'aria-labelledby': labelId }, (field.options ?? []).map((option) => h('button', {
          type: 'button', class: `option${values[field.name] === option.value ? ' selected' : ''}`,
          dataset: { action: 'field-option', field: field.name, value: option.value },
          'aria-pressed': values[field.name] === option.value ? 'true' : 'false',
          onclick: () => { values[field.name] = option.value; ctx.draft.invalid = null; ctx.rerender(); },
        }, loc(option.label, option.value)))));
    }
    const isActive = active?.name === field.name;
    return h('div', { class: `field${isActive ? ' active' : ''}${invalid ? ' invalid' : ''}`, dataset: { field: field.name } },
      h('span', { class: 'field-label', id: labelId }, loc(field.label, field.name)),
      h('button', {
        type: 'button', class: 'entry', dataset: { action: 'field-focus', field: field.name },
        'aria-labelledby': labelId, 'aria-pressed': isActive ? 'true' : 'false',
        onclick: () => { ctx.draft.active = field.name; ctx.rerender(); },
      }, field.input === 'amount' && values[field.name] ? `¥ ${values[field.name]}` : (values[field.name] || '\u00a0')));
  });
  const submit = () => {
    for (const field of fields) {
      const value = values[field.name] ?? '';
      const ok = field.input === 'text-choice' ? Boolean(value) : fits(value, field.pattern, field.length);
      if (!ok) {
        ctx.draft.invalid = field.name;
        if (field.input !== 'text-choice') ctx.draft.active = field.name;
        ctx.setProblem({ field: field.name, detail: `${loc(field.label, field.name)}：${value ? t('fieldInvalid') : t('fieldRequired')}` });
        return;
      }
    }
    ctx.draft.invalid = null;
    ctx.send({ action: 'submit', fields: { ...values } });
  };
  return h('div', { class: 'form' },
    title(step),
    prompt(step),
    h('div', { class: 'fields' }, rows),
    problemLine(ctx),
    active ? keypad({
      getValue: () => values[active.name] ?? '',
      setValue: (value) => {
        values[active.name] = value;
        const entry = document.querySelector(`.field[data-field="${CSS.escape(active.name)}"] .entry`);
        if (entry) entry.textContent = active.input === 'amount' && value ? `¥ ${value}` : (value || '\u00a0');
      },
      maxLength: active.length,
      extra: keysFor(active.pattern, active.input),
      label: loc(active.label, active.name),
    }) : null,
    h('div', { class: 'actions' }, button(t('submit'), 'submit-form', submit)));
}

// --- query / submit ------------------------------------------------------------------------

function busy(step) {
  const isSubmit = step.kind === 'submit';
  return h('div', { class: 'busy' },
    title(step),
    h('div', { class: 'spinner', 'aria-hidden': 'true' }),
    h('p', { class: 'prompt big', role: 'status', 'aria-busy': 'true' }, loc(step.prompt) || t(isSubmit ? 'busySubmit' : 'busyQuery')));
}

// --- pay -----------------------------------------------------------------------------------

function pay(step) {
  const payment = step.payment ?? {};
  const status = payment.status ?? 'waiting';
  let code = null;
  if (payment.qr && status === 'waiting') {
    try {
      code = qrSvg(encodeQR(payment.qr), t('payQrLabel'));
    } catch {
      code = null;
    }
  }
  const statusText = { waiting: t('payWaiting'), paid: t('payPaid'), expired: t('payExpired') }[status] ?? t('payWaiting');
  return h('div', { class: `pay pay-${status}` },
    title(step),
    h('p', { class: 'prompt', role: 'status' }, loc(step.prompt) || t('payScan')),
    h('div', { class: 'pay-body' },
      code ? h('div', { class: 'qr-frame', dataset: { status } }, code) : null,
      h('dl', { class: 'amount' }, h('dt', {}, t('payAmount')), h('dd', { class: 'amount-value' }, payment.amount ?? ''))),
    h('p', { class: `pay-status status-${status}`, dataset: { payment: status } }, statusText));
}

// --- show ----------------------------------------------------------------------------------

function show(step, ctx) {
  const result = step.result ?? {};
  ctx.draft.pages ??= {};
  const tables = (result.tables ?? []).map((table, index) => {
    const rows = table.rows ?? [];
    const perPage = ctx.elderly ? 5 : rows.length || 1;
    const pages = Math.max(1, Math.ceil(rows.length / perPage));
    const page = Math.min(ctx.draft.pages[index] ?? 0, pages - 1);
    const shown = rows.slice(page * perPage, (page + 1) * perPage);
    return h('div', { class: 'result-table-wrap' },
      h('table', { class: 'result-table', dataset: { table: String(index) } },
        table.title ? h('caption', {}, loc(table.title)) : null,
        h('thead', {}, h('tr', {}, (table.columns ?? []).map((column) => h('th', { scope: 'col' }, loc(column))))),
        h('tbody', {}, shown.length === 0
          ? h('tr', {}, h('td', { colspan: String((table.columns ?? []).length || 1) }, t('tableEmpty')))
          : shown.map((row) => h('tr', {}, row.map((cell) => h('td', {}, cell == null ? '' : String(cell))))))),
      pager(page, pages, (next) => { ctx.draft.pages[index] = next; ctx.rerender(); }));
  });
  return h('div', { class: 'show' },
    h('h2', { class: 'step-title result-title', id: 'step-title' }, loc(result.title) || loc(step.title)),
    (result.rows ?? []).length ? h('div', { class: 'result-rows' }, (result.rows ?? []).map((row) => h('dl', { class: 'result-row' },
      h('dt', {}, loc(row.label)), h('dd', {}, row.value == null ? '' : String(row.value))))) : null,
    tables,
    h('div', { class: 'actions' }, button(t('next'), 'next', () => ctx.send({ action: 'next' }))));
}

// --- print ---------------------------------------------------------------------------------

function print(step, ctx) {
  const job = step.print ?? {};
  const a4 = job.device === 'a4';
  const status = job.status ?? 'printing';
  const fallback = {
    printing: a4 ? t('printingA4') : t('printing'),
    done: a4 ? t('printDoneA4') : t('printDone'),
    failed: t('printFailed'),
  }[status];
  return h('div', { class: `print print-${status}` },
    title(step),
    h('div', { class: `printer-animation ${a4 ? 'a4' : 'receipt'}`, 'aria-hidden': 'true' }, svg(icon('printer')), h('div', { class: 'paper' })),
    h('p', { class: 'prompt big', role: 'status', dataset: { print: status } }, loc(job.message) || fallback),
    status === 'done' ? h('div', { class: 'actions' }, button(t('next'), 'next', () => ctx.send({ action: 'next' }))) : null,
    status === 'failed' ? h('div', { class: 'actions' },
      button(t('next'), 'next', () => ctx.send({ action: 'next' }), 'secondary'),
      button(t('retry'), 'retry', () => ctx.send({ action: 'retry' }))) : null);
}

// --- rate ----------------------------------------------------------------------------------

function rate(step, ctx) {
  const levels = step.levels?.length ? step.levels : [5, 4, 3, 2, 1].map((value) => ({ value, label: null }));
  return h('div', { class: 'rate' },
    title(step, t('rateHeading')),
    h('div', { class: 'levels', role: 'group', 'aria-labelledby': 'step-title' }, levels.map((level) => h('button', {
      type: 'button', class: `level level-${level.value}`, dataset: { action: 'rate', level: String(level.value) },
      onclick: () => ctx.send({ action: 'rate', level: level.value }),
    }, svg(icon(`face${level.value}`)), h('span', {}, loc(level.label, t(`rateLevels.${level.value}`)))))));
}

function unknownStep(step) {
  return h('div', { class: 'busy' }, title(step), prompt(step), h('div', { class: 'spinner', 'aria-hidden': 'true' }));
}

const RENDERERS = {
  identify,
  consent,
  choose,
  form,
  query: busy,
  submit: busy,
  pay,
  show,
  print,
  rate,
};

/** Steps that move on by themselves (the UI polls while in them, in case an event is lost). */
export function isWaitingStep(step) {
  if (!step) return false;
  if (step.kind === 'identify') return Boolean(step.waiting) && step.waiting !== 'case-number';
  if (step.kind === 'print') return (step.print?.status ?? 'printing') === 'printing';
  if (step.kind === 'pay') return (step.payment?.status ?? 'waiting') === 'waiting';
  return step.kind === 'query' || step.kind === 'submit' || step.busy === true;
}

/** Steps where the back button makes sense. */
export function canGoBack(session) {
  const step = session.step;
  if (!step) return false;
  if (typeof step.back === 'boolean') return step.back;
  return (session.stepIndex ?? 1) > 1 && ['consent', 'choose', 'form'].includes(step.kind);
}
