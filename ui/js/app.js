// The citizen touch UI of kioskd: home, the session flow, and the safety nets around it
// (idle countdown and wipe, WebSocket reconnect and resume, plain error screens).
//
// Nothing personal is ever stored: no localStorage, no sessionStorage, no cookies; the session's
// masked data lives only in the DOM of the current screen and in `state`, both wiped at the end.
import { api, ApiError } from './api.js';
import { h, svg } from './dom.js';
import { EventStream } from './events.js';
import { installGuards } from './guard.js';
import { homeList, searchBox } from './home.js';
import { IdleTimer } from './idle.js';
import { icon } from './icons.js';
import { language, loc, setLanguage, t } from './i18n.js';
import { canGoBack, isWaitingStep, renderStep } from './steps.js';

const params = new URLSearchParams(location.search);
// `?idle=SECONDS` shortens the idle timeouts (tests); kiosk-browser.service opens plain `/`.
const IDLE_OVERRIDE = Number(params.get('idle')) > 0 ? Number(params.get('idle')) : null;
const HOME_IDLE_SECONDS = 60;
const SESSION_IDLE_SECONDS = 90;
const SESSION_WARNING_SECONDS = 20;
const DONE_SECONDS = 10;
const POLL_MS = 1500;
const TOUCH_EVERY_MS = 10000;

const main = document.getElementById('main');
const overlay = document.getElementById('overlay');
const banner = document.getElementById('banner');
const countdown = document.getElementById('countdown');
const connection = document.getElementById('connection');

function freshState(services = null) {
  return {
    services,
    servicesFailed: false,
    screen: 'home', // home | starting | waiting | session | done | error
    session: null,
    stepKey: null,
    drafts: {},
    problem: null,
    pending: false,
    search: '',
    keyboard: false,
    department: null,
    usedCard: false,
    printed: null,
    cardPresented: false,
    cardReminder: false,
    error: null,
    doneAt: 0,
    dirty: false,
    lastTouchSent: 0,
    wanted: null,
    sessionSignature: null,
  };
}

let state = freshState();
let elderly = false;
let doneTimer = null;
let waitTimer = null;

const idle = new IdleTimer({
  onTick: (remaining) => showCountdown(remaining),
  onWarn: (remaining) => idleWarning(remaining),
  onExpire: () => idleExpired(),
});

const events = new EventStream({
  onEvent: (event) => handleEvent(event),
  onOpen: () => { showConnection(); resume(); },
  onClose: () => showConnection(),
});

// --- boot ----------------------------------------------------------------------------------

function boot() {
  installGuards();
  setLanguage('zh-CN');
  document.getElementById('language').addEventListener('click', () => {
    setLanguage(language() === 'en' ? 'zh-CN' : 'en');
    markDirty();
    render();
  });
  document.getElementById('elderly').addEventListener('click', () => {
    setElderly(!elderly);
    markDirty();
    render();
  });
  document.addEventListener('pointerdown', touched, { capture: true });
  document.addEventListener('keydown', touched, { capture: true });
  setInterval(clock, 1000);
  clock();
  setInterval(poll, POLL_MS);
  // Availability comes with the "services" event; refetch now and then in case one was missed.
  let lastServices = Date.now();
  setInterval(() => {
    const every = events.open ? 30000 : 5000;
    if (state.screen === 'home' && Date.now() - lastServices >= every) {
      lastServices = Date.now();
      loadServices();
    }
  }, 1000);
  render();
  loadServices();
  events.start();
  resume();
}

function setElderly(on) {
  elderly = on;
  document.body.classList.toggle('elderly', on);
}

function clock() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  document.getElementById('clock').textContent = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} ${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

// --- services ------------------------------------------------------------------------------

let servicesRetry = null;

async function loadServices() {
  clearTimeout(servicesRetry);
  const before = JSON.stringify(state.services);
  const failedBefore = state.servicesFailed;
  try {
    state.services = await api.services();
    state.servicesFailed = false;
  } catch {
    state.servicesFailed = true;
    servicesRetry = setTimeout(loadServices, 3000);
  }
  const changed = JSON.stringify(state.services) !== before || failedBefore !== state.servicesFailed;
  if (state.screen === 'home' && changed) renderHomeList();
}

function serviceById(id) {
  return (state.services ?? []).find((service) => service.id === id) ?? null;
}

// --- rendering -----------------------------------------------------------------------------

function render() {
  document.getElementById('language').textContent = t('switchLanguage');
  document.getElementById('language').setAttribute('lang', language() === 'en' ? 'zh-CN' : 'en');
  document.getElementById('language').setAttribute('aria-label', t('switchLanguageLabel'));
  const elderlyButton = document.getElementById('elderly');
  elderlyButton.querySelector('.label').textContent = elderly ? t('elderlyOff') : t('elderlyOn');
  elderlyButton.setAttribute('aria-pressed', elderly ? 'true' : 'false');
  elderlyButton.setAttribute('aria-label', elderly ? t('elderlyOffLabel') : t('elderlyOnLabel'));
  document.getElementById('app-title').textContent = t('appTitle');
  document.getElementById('app-subtitle').textContent = t('appSubtitle');
  document.title = t('appTitle');
  showConnection();
  main.classList.toggle('pending', state.pending);
  let screen;
  switch (state.screen) {
    case 'home': screen = homeScreen(); break;
    case 'starting': screen = messageScreen('starting', t('starting'), null, true); break;
    case 'waiting': screen = messageScreen('waiting', t('busyElsewhere'), [homeButton()], true); break;
    case 'session': screen = sessionScreen(); break;
    case 'done': screen = doneScreen(); break;
    case 'error': screen = errorScreen(); break;
    default: screen = homeScreen();
  }
  main.replaceChildren(screen);
  if (state.screen === 'home') renderHomeList();
  renderBanner();
}

function homeScreen() {
  return h('section', { class: 'screen home', dataset: { screen: 'home' }, 'aria-labelledby': 'home-heading' },
    h('h1', { id: 'home-heading', class: 'home-heading' }, t('homeHeading')),
    searchBox({
      query: state.search,
      keyboard: state.keyboard,
      onQuery: (query) => { state.search = query; markDirty(); renderHomeList(); },
      onKeyboard: (open) => { state.keyboard = open; markDirty(); render(); },
    }),
    h('div', { id: 'home-list', class: 'home-list' }));
}

function renderHomeList() {
  const list = document.getElementById('home-list');
  if (!list) return;
  if (!state.services) {
    list.replaceChildren(h('p', { class: 'empty', role: 'status' }, state.servicesFailed ? t('servicesFailed') : t('loadingServices')));
    return;
  }
  list.replaceChildren(homeList({
    services: state.services,
    query: state.search,
    elderly,
    department: state.department,
    onPick: pick,
    onDepartment: (department) => { state.department = department; markDirty(); renderHomeList(); },
  }));
}

function messageScreen(name, text, actions = null, spinner = false) {
  return h('section', { class: `screen message ${name}`, dataset: { screen: name } },
    spinner ? h('div', { class: 'spinner', 'aria-hidden': 'true' }) : null,
    h('p', { class: 'prompt big', role: 'status' }, text),
    actions ? h('div', { class: 'actions' }, actions) : null);
}

function homeButton() {
  return h('button', { type: 'button', class: 'button primary', dataset: { action: 'home' }, onclick: () => goHome() }, svg(icon('home')), t('home'));
}

function sessionScreen() {
  const session = state.session;
  const step = session.step ?? { kind: 'query', id: 'wait' };
  const service = serviceById(session.service);
  const name = service ? loc(service.names) : session.service;
  const index = session.stepIndex ?? 1;
  const total = session.stepCount ?? index;
  const key = stepKey(session);
  const draft = (state.drafts[key] ??= {});
  const ctx = {
    send: (input) => send(input),
    draft,
    rerender: () => render(),
    elderly,
    problem: state.problem,
    setProblem: (problem) => { state.problem = problem; render(); },
    cardPresented: state.cardPresented,
  };
  const sessionError = session.error
    ? h('div', { class: 'session-error', role: 'alert' },
      svg(icon('alert')), h('p', {}, loc(session.error.message, t('errorServer'))),
      h('div', { class: 'actions' },
        session.error.retryable ? h('button', { type: 'button', class: 'button primary', dataset: { action: 'retry' }, onclick: () => send({ action: 'retry' }) }, t('retry')) : null,
        h('button', { type: 'button', class: 'button secondary', dataset: { action: 'home' }, onclick: () => cancelSession() }, t('home'))))
    : null;
  const isRate = step.kind === 'rate';
  return h('section', {
    class: `screen step step-${step.kind}`,
    dataset: { screen: 'step', stepKind: step.kind, stepId: step.id ?? '', service: session.service },
    'aria-labelledby': 'service-name',
  },
  h('div', { class: 'step-head' },
    h('div', { class: 'service-line' },
      service ? h('span', { class: `service-icon dept-${service.department}` }, svg(icon(service.icon, service.department))) : null,
      h('h1', { id: 'service-name', class: 'service-name' }, name)),
    h('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': '1', 'aria-valuemax': String(total), 'aria-valuenow': String(index), 'aria-label': t('stepOf', index, total) },
      h('span', { class: 'progress-text' }, t('stepOf', index, total)),
      h('span', { class: 'progress-bar' }, progressFill(index, total)))),
  h('div', { class: 'step-body' }, renderStep(step, ctx)),
  sessionError,
  h('div', { class: 'step-nav' },
    canGoBack(session) ? h('button', { type: 'button', class: 'button secondary', dataset: { action: 'back' }, onclick: () => send({ action: 'back' }, { quiet: true }) }, svg(icon('back')), t('back')) : null,
    isRate ? null : h('button', { type: 'button', class: 'button quiet', dataset: { action: 'cancel' }, onclick: () => confirmCancel() }, svg(icon('close')), t('cancel'))));
}

function progressFill(index, total) {
  const fill = h('span', { class: 'progress-fill' });
  fill.style.width = `${Math.round((100 * index) / Math.max(total, 1))}%`; // CSSOM: allowed by the CSP
  return fill;
}

function doneScreen() {
  const remaining = Math.max(0, Math.ceil((state.doneAt - Date.now()) / 1000));
  return h('section', { class: 'screen done', dataset: { screen: 'done' } },
    h('div', { class: 'done-icon' }, svg(icon('check'))),
    h('h1', { class: 'done-title' }, t('thanks')),
    state.usedCard ? h('p', { class: 'reminder take-card', role: 'alert', dataset: { reminder: 'card' } }, svg(icon('id-card')), t('takeCard')) : null,
    state.printed ? h('p', { class: 'reminder take-receipt', dataset: { reminder: 'receipt' } }, svg(icon('receipt')), t('takeReceipt')) : null,
    h('p', { class: 'returning', id: 'done-countdown' }, t('returning', remaining)),
    h('div', { class: 'actions' }, homeButton()));
}

function errorScreen() {
  const error = state.error ?? { message: t('errorServer') };
  const actions = [];
  if (error.retry) actions.push(h('button', { type: 'button', class: 'button secondary', dataset: { action: 'retry' }, onclick: error.retry }, t(error.retryLabel ?? 'retry')));
  actions.push(h('button', { type: 'button', class: 'button primary', dataset: { action: 'home' }, onclick: () => goHome() }, svg(icon('home')), t('home')));
  return h('section', { class: 'screen error', dataset: { screen: 'error' }, 'aria-labelledby': 'error-title' },
    h('div', { class: 'error-icon' }, svg(icon('alert'))),
    h('h1', { id: 'error-title' }, t('errorTitle')),
    h('p', { class: 'prompt big', role: 'alert' }, error.message),
    h('div', { class: 'actions' }, actions));
}

function renderBanner() {
  if (state.cardReminder) {
    banner.hidden = false;
    banner.replaceChildren(h('p', { role: 'alert', dataset: { reminder: 'card' } }, svg(icon('id-card')), t('takeCard')));
  } else {
    banner.hidden = true;
    banner.replaceChildren();
  }
}

function showConnection() {
  connection.replaceChildren(events.open ? h('span', { class: 'online' }, svg(icon('wifi')), t('connected')) : h('span', { class: 'offline', role: 'status' }, svg(icon('wifi')), t('reconnecting')));
}

function showCountdown(remaining) {
  countdown.textContent = remaining == null ? '' : t('idleLeft', remaining);
  const dialog = overlay.querySelector('[data-dialog="idle"] .idle-left');
  if (dialog && remaining != null) dialog.textContent = t('idleWarningText', remaining);
}

// --- dialogs -------------------------------------------------------------------------------

function dialog(name, heading, body, actions) {
  const headingId = `dialog-${name}-title`;
  const box = h('div', { class: 'dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': headingId, dataset: { dialog: name } },
    h('h2', { id: headingId }, heading),
    body,
    h('div', { class: 'actions' }, actions));
  overlay.replaceChildren(box);
  overlay.hidden = false;
  box.querySelector('button')?.focus();
}

function closeDialog() {
  overlay.hidden = true;
  overlay.replaceChildren();
}

function unavailableDialog(service, reason) {
  dialog('unavailable', t('unavailableTitle'),
    h('div', {}, h('p', { class: 'dialog-service' }, loc(service?.names)), h('p', { class: 'dialog-reason' }, reason)),
    [h('button', { type: 'button', class: 'button primary', dataset: { action: 'dialog-ok' }, onclick: closeDialog }, t('ok'))]);
}

function confirmCancel() {
  dialog('cancel', t('cancelConfirm'), null, [
    h('button', { type: 'button', class: 'button primary', dataset: { action: 'cancel-no' }, onclick: closeDialog }, t('cancelNo')),
    h('button', { type: 'button', class: 'button secondary', dataset: { action: 'cancel-yes' }, onclick: () => { closeDialog(); cancelSession(); } }, t('cancelYes')),
  ]);
}

function idleWarning(remaining) {
  dialog('idle', t('idleWarning'), h('p', { class: 'idle-left' }, t('idleWarningText', remaining)), [
    h('button', { type: 'button', class: 'button primary', dataset: { action: 'idle-continue' }, onclick: () => { closeDialog(); touched(); } }, t('idleContinue')),
  ]);
}

// --- navigation ----------------------------------------------------------------------------

async function pick(service) {
  if (service.available === false) {
    unavailableDialog(service, loc(service.reason, t('unavailable')));
    markDirty();
    return;
  }
  start(service.id);
}

async function start(serviceId) {
  closeDialog();
  clearTimeout(waitTimer);
  state.screen = 'starting';
  state.wanted = serviceId;
  render();
  try {
    const session = await api.startSession(serviceId, language(), elderly);
    applySession(session, true);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.status === 409) {
      await waitForFreeKiosk(serviceId);
    } else if (error.status === 503 || error.status === 404) {
      state.screen = 'home';
      render();
      unavailableDialog(serviceById(serviceId), error.problem?.detail || t('unavailable'));
      loadServices();
    } else {
      showError(error.network ? t('errorNetwork') : t('errorServer'), () => start(serviceId));
    }
  }
}

/** 409: another session is active. One at the identify step holds nothing personal yet: take it
 * over if it is the same service; otherwise wait until it ends (its own idle timeout). */
async function waitForFreeKiosk(serviceId) {
  try {
    const current = await api.currentSession();
    if (current?.state === 'active' && current.service === serviceId && current.step?.kind === 'identify') {
      applySession(current, true);
      return;
    }
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      start(serviceId);
      return;
    }
  }
  state.screen = 'waiting';
  render();
  waitTimer = setTimeout(() => { if (state.screen === 'waiting') start(serviceId); }, 3000);
}

function goHome() {
  if (state.session && state.session.state === 'active') {
    cancelSession();
    return;
  }
  wipe();
}

async function cancelSession() {
  const session = state.session;
  wipe();
  if (session) {
    try {
      await api.cancel(session.id);
    } catch {
      /* gone already, or kioskd unreachable: its own idle timeout ends it */
    }
  }
}

/** Back to a pristine home: DOM, storage, drafts, language and mode all reset. */
function wipe() {
  idle.disarm();
  clearTimeout(doneTimer);
  clearTimeout(waitTimer);
  closeDialog();
  const services = state.services;
  state = freshState(services);
  main.replaceChildren();
  banner.replaceChildren();
  try {
    localStorage.clear();
    sessionStorage.clear();
  } catch {
    /* storage disabled */
  }
  setLanguage('zh-CN');
  setElderly(false);
  render();
  main.scrollTop = 0;
  window.scrollTo(0, 0);
}

/** `offline`: kioskd could not be reached in the middle of a session; the next (re)connection resumes it or
 * says that it is gone (`resume`). */
function showError(message, retry = null, retryLabel = null, offline = false) {
  state.screen = 'error';
  state.error = { message, retry, retryLabel, offline };
  state.pending = false;
  armIdle(30 * (elderly ? 2 : 1), 10);
  render();
}

// --- session -------------------------------------------------------------------------------

function stepKey(session) {
  return `${session.id}:${session.stepIndex ?? ''}:${session.step?.id ?? ''}`;
}

function applySession(session, fresh = false) {
  if (!session) return;
  if (!fresh && state.session && session.id !== state.session.id) return;
  if (!fresh && !state.session && !['starting', 'home'].includes(state.screen)) return;
  switch (session.state) {
    case 'active': break;
    case 'finished': finished(session); return;
    case 'failed':
      state.session = session;
      showError(loc(session.error?.message, t('errorServer')));
      return;
    default:
      if (state.session?.id === session.id || fresh) wipe();
      return;
  }
  const wasActive = state.session?.id === session.id;
  // Polls and events often bring the same session again: redraw only when something shown changed
  // (a redraw would reset a half-typed entry's focus and the scroll position).
  const signature = JSON.stringify({ ...session, idle: null });
  const unchanged = wasActive && state.screen === 'session' && signature === state.sessionSignature;
  state.sessionSignature = signature;
  state.session = session;
  state.screen = 'session';
  const key = stepKey(session);
  if (key !== state.stepKey) {
    state.stepKey = key;
    state.problem = null;
    for (const other of Object.keys(state.drafts)) if (other !== key) delete state.drafts[other];
  }
  const step = session.step;
  if (step?.kind === 'identify' && ['id-card', 'social-security-card'].includes(step.waiting)) state.usedCard = true;
  if (step?.kind === 'print') state.printed = step.print?.device ?? 'receipt';
  if (!wasActive || !idle.armed) {
    const timeout = IDLE_OVERRIDE ? IDLE_OVERRIDE * (elderly ? 2 : 1) : (session.idle?.timeoutSeconds ?? SESSION_IDLE_SECONDS * (elderly ? 2 : 1));
    const warning = Math.min(session.idle?.warningSeconds ?? SESSION_WARNING_SECONDS, Math.floor(timeout / 3) || 1);
    armIdle(timeout, warning, IDLE_OVERRIDE ? timeout : (session.idle?.remainingSeconds ?? timeout));
  } else {
    idle.sync(session.idle?.remainingSeconds);
  }
  if (!unchanged) render();
}

function finished(session) {
  if (state.screen === 'done') return;
  state.session = null;
  state.screen = 'done';
  state.pending = false;
  idle.disarm();
  closeDialog();
  state.doneAt = Date.now() + DONE_SECONDS * (elderly ? 2 : 1) * 1000;
  const tick = () => {
    if (state.screen !== 'done') return;
    const remaining = Math.ceil((state.doneAt - Date.now()) / 1000);
    if (remaining <= 0) {
      wipe();
      return;
    }
    const line = document.getElementById('done-countdown');
    if (line) line.textContent = t('returning', remaining);
    doneTimer = setTimeout(tick, 500);
  };
  render();
  doneTimer = setTimeout(tick, 500);
  void session;
}

async function send(input, { quiet = false } = {}) {
  const session = state.session;
  if (!session || state.pending) return null;
  state.pending = true;
  state.problem = null;
  main.classList.add('pending');
  try {
    const updated = await api.input(session.id, input);
    state.pending = false;
    main.classList.remove('pending');
    applySession(updated);
    return updated;
  } catch (error) {
    state.pending = false;
    main.classList.remove('pending');
    if (!(error instanceof ApiError)) throw error;
    if (error.status === 422) {
      if (!quiet) {
        state.problem = { ...(error.problem ?? {}), detail: error.problem?.detail || t('fieldInvalid') };
        render();
      }
    } else if (error.status === 404 || error.status === 410) {
      sessionLost(session.service);
    } else if (error.status === 409) {
      refresh();
    } else {
      showError(error.network ? t('errorNetwork') : t('errorServer'), error.network ? () => { state.screen = 'session'; render(); resume(); } : null, null, error.network);
    }
    return null;
  }
}

/** Our session is gone (kioskd restarted, or it ended while we could not hear it): say so, keep nothing of it. */
function sessionLost(serviceId) {
  state.session = null;
  state.sessionSignature = null;
  state.stepKey = null;
  state.drafts = {};
  state.problem = null;
  idle.disarm();
  showError(t('sessionLost'), serviceId ? () => { wipeKeepingMode(); start(serviceId); } : null, 'restart');
}

function wipeKeepingMode() {
  const lang = language();
  const mode = elderly;
  wipe();
  setLanguage(lang);
  setElderly(mode);
}

/** Fetches the session again (after a lost event or a reconnect). */
async function refresh() {
  const session = state.session;
  if (!session) return;
  try {
    applySession(await api.session(session.id));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) sessionLost(session.service);
  }
}

/** On start and after every reconnect: pick up the active session, or notice that ours is gone (also from
 * the error screen of a lost connection, e.g. after kioskd restarted and forgot it). */
async function resume() {
  if (state.services === null || state.servicesFailed) loadServices();
  let current = null;
  try {
    current = await api.currentSession();
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) return; // kioskd unreachable: retry on reconnect
  }
  if (current && current.state === 'active') {
    if (!state.session && (state.screen === 'home' || state.screen === 'starting' || state.screen === 'error')) {
      applySession(current, true);
    } else if (state.session?.id === current.id) {
      applySession(current);
    }
    return;
  }
  if (state.session && (state.screen === 'session' || (state.screen === 'error' && state.error?.offline))) {
    const mine = state.session;
    try {
      const last = await api.session(mine.id);
      if (last?.state === 'finished') finished(last);
      else if (last?.state === 'active') applySession(last);
      else sessionLost(mine.service);
    } catch {
      sessionLost(mine.service);
    }
  }
}

async function poll() {
  if (state.screen !== 'session' || !state.session || state.pending) return;
  if (events.open && !isWaitingStep(state.session.step)) return;
  const id = state.session.id;
  try {
    const session = await api.session(id);
    if (state.session?.id === id && !state.pending) applySession(session);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404 && state.session?.id === id) sessionLost(state.session.service);
  }
}

// --- events --------------------------------------------------------------------------------

function handleEvent(event) {
  switch (event.type) {
    case 'session':
      if (event.session && (state.session?.id === event.session.id || (!state.session && state.screen === 'starting'))) {
        applySession(event.session, !state.session);
      }
      break;
    case 'idle-warning':
      if (state.session?.id === event.sessionID) {
        idle.sync(event.remainingSeconds);
        idleWarning(event.remainingSeconds ?? idle.remaining());
      }
      break;
    case 'session-ended':
      if (state.session?.id === event.sessionID) {
        if (event.reason === 'finished') finished(state.session);
        else if (event.reason === 'failed') showError(t('errorServer'));
        else wipe();
      }
      break;
    case 'services':
      loadServices();
      break;
    case 'card':
      cardEvent(event.event);
      break;
    default:
      break;
  }
}

function cardEvent(kind) {
  if (kind === 'presented') {
    state.cardPresented = true;
    if (state.screen === 'session' && state.session?.step?.kind === 'identify') render();
  } else if (kind === 'removed') {
    state.cardPresented = false;
    state.cardReminder = false;
    renderBanner();
  } else if (kind === 'please-remove') {
    state.cardReminder = true;
    renderBanner();
  }
}

// --- idle ----------------------------------------------------------------------------------

function armIdle(timeout, warning, remaining = timeout) {
  idle.arm(timeout, warning, remaining);
}

function markDirty() {
  if (state.screen !== 'home') return;
  state.dirty = true;
  const timeout = (IDLE_OVERRIDE ?? HOME_IDLE_SECONDS) * (elderly ? 2 : 1);
  if (!idle.armed) armIdle(timeout, Math.min(10, Math.floor(timeout / 3) || 1));
  else idle.touch();
}

function touched() {
  idle.touch();
  if (overlay.querySelector('[data-dialog="idle"]')) closeDialog();
  const session = state.session;
  if (session && state.screen === 'session' && Date.now() - state.lastTouchSent > TOUCH_EVERY_MS) {
    state.lastTouchSent = Date.now();
    api.input(session.id, { action: 'touch' }).catch(() => {});
  }
}

async function idleExpired() {
  const session = state.session;
  wipe();
  if (session) {
    try {
      await api.cancel(session.id);
    } catch {
      /* already ended by kioskd's own timeout */
    }
  }
}

boot();
