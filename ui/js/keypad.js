// The on-screen keypad for case numbers and form fields: digits, and letters, '-', '.', 'X' when
// the expected pattern uses them. Keys carry data-key so that tests can press them.
import { h, svg } from './dom.js';
import { icon } from './icons.js';
import { t } from './i18n.js';

/** Which extra keys a pattern (a JavaScript regular-expression source) or input kind needs. */
export function keysFor(pattern, kind) {
  const source = pattern ?? '';
  const stripped = source.replace(/\\[a-zA-Z]/g, '');
  return {
    letters: /[A-Za-z]/.test(stripped.replace(/X/g, '')),
    x: /X/.test(stripped),
    dash: /-/.test(stripped.replace(/[[\]]/g, '').replace(/[A-Za-z0-9]-[A-Za-z0-9]/g, '')),
    dot: kind === 'amount' || /\\\./.test(source),
  };
}

/**
 * A keypad that edits `getValue()`/`setValue(v)` (at most `maxLength` characters).
 * `extra` from keysFor(); `onChange(value)` after each key.
 */
export function keypad({ getValue, setValue, maxLength, extra = {}, label }) {
  let letters = false;
  const container = h('div', { class: 'keypad', role: 'group', 'aria-label': label });
  const press = (key) => {
    let value = getValue();
    if (key === 'clear') value = '';
    else if (key === 'delete') value = value.slice(0, -1);
    else if (!maxLength || value.length < maxLength) value += key;
    setValue(value);
  };
  const key = (value, text, className = '', aria) =>
    h('button', { type: 'button', class: `key ${className}`, dataset: { key: value }, 'aria-label': aria, onclick: () => press(value) }, text);
  const draw = () => {
    const rows = [];
    if (letters) {
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
      rows.push(h('div', { class: 'keys letters' }, alphabet.map((c) => key(c, c))));
    } else {
      const digits = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
      const bottom = [];
      if (extra.x) bottom.push(key('X', 'X'));
      if (extra.dot) bottom.push(key('.', '.'));
      if (extra.dash) bottom.push(key('-', '-'));
      bottom.push(key('0', '0'));
      rows.push(h('div', { class: 'keys digits' }, digits.map((c) => key(c, c)), bottom));
    }
    const controls = [
      key('delete', svg(icon('backspace')), 'control', t('keypadDelete')),
      key('clear', t('keypadClear'), 'control'),
    ];
    if (extra.letters) {
      controls.unshift(h('button', {
        type: 'button', class: 'key control', dataset: { key: letters ? 'digits' : 'letters' },
        onclick: () => { letters = !letters; draw(); },
      }, letters ? t('keypadDigits') : t('keypadLetters')));
    }
    container.replaceChildren(...rows, h('div', { class: 'keys controls' }, controls));
  };
  draw();
  return container;
}
