// The home screen: the services grouped by department as large tiles, a search by name or pinyin
// initials with an on-screen letter keyboard, and unavailable services greyed with their reason.
import { h, svg } from './dom.js';
import { icon } from './icons.js';
import { loc, other, t, language } from './i18n.js';

/** The order citizens know from the service centre's halls: 社保, 医保, 不动产, 公积金. */
const DEPARTMENT_ORDER = ['hrss', 'mi', 'nr', 'hpf'];

/** Services grouped by department, in DEPARTMENT_ORDER (others after), each in the order kioskd lists them. */
export function departments(services) {
  const groups = new Map();
  for (const service of services) {
    if (!groups.has(service.department)) {
      groups.set(service.department, { id: service.department, names: service.departmentNames, services: [] });
    }
    groups.get(service.department).services.push(service);
  }
  const rank = (id) => (DEPARTMENT_ORDER.indexOf(id) + DEPARTMENT_ORDER.length + 1) % (DEPARTMENT_ORDER.length + 1);
  return [...groups.values()].sort((a, b) => rank(a.id) - rank(b.id));
}

/** Whether a service matches a search: its Chinese or English name, or its pinyin initials. */
export function matches(service, query) {
  const q = query.trim().toLowerCase().replace(/\s+/g, '');
  if (!q) return true;
  const zh = (service.names?.['zh-CN'] ?? '').toLowerCase();
  const en = (service.names?.en ?? '').toLowerCase().replace(/\s+/g, '');
  const pinyin = (service.pinyin ?? '').toLowerCase();
  const department = `${service.departmentNames?.['zh-CN'] ?? ''}${(service.departmentNames?.en ?? '').toLowerCase()}`;
  return zh.includes(q) || en.includes(q) || pinyin.includes(q) || department.includes(q);
}

export function tile(service, onPick) {
  const unavailable = service.available === false;
  const reason = unavailable ? loc(service.reason, t('unavailable')) : null;
  const reasonId = unavailable ? `reason-${service.id.replace(/[^a-z0-9]/gi, '-')}` : undefined;
  const primaryLang = language();
  const secondLang = primaryLang === 'en' ? 'zh-CN' : 'en';
  return h('button', {
    type: 'button',
    class: `tile dept-${service.department}${unavailable ? ' unavailable' : ''}`,
    dataset: { service: service.id, available: unavailable ? 'false' : 'true' },
    'aria-disabled': unavailable ? 'true' : undefined,
    'aria-describedby': reasonId,
    onclick: () => onPick(service),
  },
  h('span', { class: 'tile-icon' }, svg(icon(service.icon, service.department))),
  h('span', { class: 'tile-text' },
    h('span', { class: 'tile-name', lang: primaryLang }, loc(service.names)),
    h('span', { class: 'tile-sub', lang: secondLang }, other(service.names)),
    unavailable ? h('span', { class: 'tile-reason', id: reasonId }, svg(icon('alert')), reason) : null));
}

/** The list part of home (tiles), rebuilt on every search keystroke. */
export function homeList({ services, query, elderly, department, onPick, onDepartment }) {
  const groups = departments(services);
  const searching = query.trim() !== '';
  if (searching) {
    const found = services.filter((service) => matches(service, query));
    if (found.length === 0) return h('p', { class: 'empty', role: 'status' }, t('searchNone'));
    return h('div', { class: 'results', role: 'region', 'aria-label': t('searchLabel') },
      h('div', { class: 'tiles' }, found.map((service) => tile(service, onPick))));
  }
  if (elderly && groups.length > 0) {
    // Elderly mode: one department per screen, chosen with large tabs.
    const selected = groups.find((group) => group.id === department) ?? groups[0];
    return h('div', { class: 'elderly-home' },
      h('div', { class: 'dept-tabs', role: 'group', 'aria-label': t('homeHeading') },
        groups.map((group) => h('button', {
          type: 'button',
          class: `dept-tab dept-${group.id}`,
          dataset: { department: group.id },
          'aria-pressed': group === selected ? 'true' : 'false',
          onclick: () => onDepartment(group.id),
        }, svg(icon(group.id)), loc(group.names)))),
      section(selected, onPick));
  }
  return h('div', { class: 'departments' }, groups.map((group) => section(group, onPick)));
}

function section(group, onPick) {
  const headingId = `dept-${group.id}`;
  return h('section', { class: `department dept-${group.id}`, dataset: { department: group.id }, 'aria-labelledby': headingId },
    h('h2', { id: headingId, class: 'dept-heading' },
      h('span', { class: 'dept-icon' }, svg(icon(group.id))),
      h('span', {}, loc(group.names)),
      h('span', { class: 'dept-sub', lang: language() === 'en' ? 'zh-CN' : 'en' }, other(group.names))),
    h('div', { class: 'tiles' }, group.services.map((service) => tile(service, onPick))));
}

/** The search box with its letter keyboard (pinyin initials). */
export function searchBox({ query, keyboard, onQuery, onKeyboard }) {
  const input = h('input', {
    id: 'search', type: 'search', class: 'search-input', value: query,
    spellcheck: 'false', inputmode: 'none', placeholder: t('searchPlaceholder'),
  });
  input.value = query;
  input.addEventListener('input', () => onQuery(input.value));
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
  const press = (key) => {
    if (key === 'delete') input.value = input.value.slice(0, -1);
    else input.value += key.toLowerCase();
    onQuery(input.value);
  };
  return h('div', { class: 'search', role: 'search' },
    h('label', { for: 'search', class: 'search-label' }, svg(icon('search')), t('searchLabel')),
    h('div', { class: 'search-row' },
      input,
      h('button', { type: 'button', class: 'button secondary', dataset: { action: 'search-clear' }, onclick: () => { input.value = ''; onQuery(''); } }, t('searchClear')),
      h('button', {
        type: 'button', class: 'button secondary', dataset: { action: 'search-keyboard' },
        'aria-expanded': keyboard ? 'true' : 'false', 'aria-controls': 'letter-keyboard', onclick: () => onKeyboard(!keyboard),
      }, t('keyboardShow'))),
    h('div', { id: 'letter-keyboard', class: 'keypad letter-keyboard', hidden: !keyboard, role: 'group', 'aria-label': t('keyboardShow') },
      h('div', { class: 'keys letters' },
        letters.map((c) => h('button', { type: 'button', class: 'key', dataset: { key: c.toLowerCase() }, onclick: () => press(c) }, c)),
        h('button', { type: 'button', class: 'key control', dataset: { key: 'delete' }, 'aria-label': t('keypadDelete'), onclick: () => press('delete') }, svg(icon('backspace'))))));
}
