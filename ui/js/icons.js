// Inline SVG icons (24×24, stroked with currentColor). kioskd names a service's icon; unknown
// names fall back to the department's icon, then to a document.

const wrap = (body) =>
  `<svg viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`;

const ICONS = {
  shield: wrap('<path d="M12 3l8 3v6c0 4.5-3.4 8.3-8 9-4.6-.7-8-4.5-8-9V6l8-3z"/><path d="M8.5 12l2.5 2.5 4.5-5"/>'),
  document: wrap('<path d="M14 3H6.5A1.5 1.5 0 0 0 5 4.5v15A1.5 1.5 0 0 0 6.5 21h11a1.5 1.5 0 0 0 1.5-1.5V8l-5-5z"/><path d="M14 3v5h5M8.5 13h7M8.5 17h7M8.5 9h3"/>'),
  certificate: wrap('<rect x="3" y="4" width="18" height="13" rx="1.5"/><path d="M7 8.5h10M7 12h6"/><circle cx="16.5" cy="16.5" r="2.5"/><path d="M15 18.5L14 22l2.5-1.2L19 22l-1-3.5"/>'),
  receipt: wrap('<path d="M6 3h12v18l-2-1.3-2 1.3-2-1.3-2 1.3-2-1.3L6 21V3z"/><path d="M9 8h6M9 12h6M9 16h3"/>'),
  card: wrap('<rect x="2.5" y="5" width="19" height="14" rx="2"/><path d="M2.5 10h19M6 15h4"/>'),
  'id-card': wrap('<rect x="2.5" y="5" width="19" height="14" rx="2"/><circle cx="8.5" cy="11" r="2.2"/><path d="M5.5 16c.6-1.6 1.7-2.4 3-2.4s2.4.8 3 2.4M14 10h4.5M14 13.5h4.5"/>'),
  'user-check': wrap('<circle cx="9.5" cy="8" r="3.5"/><path d="M3 20c.8-3.6 3.3-5.5 6.5-5.5 1.6 0 3 .5 4.1 1.4"/><path d="M15 18l2 2 4-4.5"/>'),
  elderly: wrap('<circle cx="11" cy="4.5" r="2"/><path d="M11 7.5v5l3 3v5M11 12.5l-3 3M8 9.5l3-1 3 2.5M17 13v8"/>'),
  wallet: wrap('<path d="M4 7.5A2.5 2.5 0 0 1 6.5 5H18v3"/><rect x="3.5" y="8" width="17" height="12" rx="2"/><path d="M16 14h2"/>'),
  coins: wrap('<ellipse cx="9" cy="7" rx="5.5" ry="2.5"/><path d="M3.5 7v4c0 1.4 2.5 2.5 5.5 2.5s5.5-1.1 5.5-2.5V7"/><path d="M9.5 16.5c.8 1.2 3 2 5.5 2 3 0 5.5-1.1 5.5-2.5v-4c0-1.4-2.5-2.5-5.5-2.5"/><path d="M20.5 12c0 1.4-2.5 2.5-5.5 2.5"/>'),
  payment: wrap('<rect x="5" y="2.5" width="14" height="19" rx="2"/><path d="M9 7h6M12 10v7M9.5 12.5h5M9.5 15h5M10 10l2 2.5 2-2.5"/>'),
  lock: wrap('<rect x="4.5" y="10.5" width="15" height="10" rx="2"/><path d="M8 10.5V7.5a4 4 0 0 1 8 0v3M12 14.5v2.5"/>'),
  briefcase: wrap('<rect x="3" y="7" width="18" height="13" rx="2"/><path d="M9 7V5h6v2M3 12.5h18M11 12.5v2h2v-2"/>'),
  hospital: wrap('<rect x="4" y="4" width="16" height="17" rx="1.5"/><path d="M12 8v6M9 11h6M10 21v-3h4v3"/>'),
  heart: wrap('<path d="M12 20s-7.5-4.6-7.5-10A4.3 4.3 0 0 1 12 7.4 4.3 4.3 0 0 1 19.5 10c0 5.4-7.5 10-7.5 10z"/><path d="M7.5 12h2.5l1.2-2 1.8 4 1.2-2h2.3"/>'),
  medical: wrap('<rect x="3.5" y="3.5" width="17" height="17" rx="3"/><path d="M12 7.5v9M7.5 12h9"/>'),
  map: wrap('<path d="M9 4L3.5 6v14L9 18l6 2 5.5-2V4L15 6 9 4z"/><path d="M9 4v14M15 6v14"/>'),
  route: wrap('<circle cx="6" cy="18" r="2.5"/><circle cx="18" cy="6" r="2.5"/><path d="M8.5 18H15a3 3 0 0 0 0-6H9a3 3 0 0 1 0-6h6.5"/>'),
  clock: wrap('<circle cx="12" cy="12" r="8.5"/><path d="M12 7.5V12l3 2"/>'),
  progress: wrap('<circle cx="12" cy="12" r="8.5"/><path d="M12 7.5V12l3 2"/><path d="M17.5 3.5l2 2"/>'),
  home: wrap('<path d="M3.5 11L12 4l8.5 7"/><path d="M6 9.5V20h12V9.5M10 20v-5h4v5"/>'),
  building: wrap('<rect x="5" y="3" width="14" height="18" rx="1"/><path d="M9 7h2M13 7h2M9 11h2M13 11h2M9 15h2M13 15h2M10.5 21v-3h3v3"/>'),
  house: wrap('<path d="M3.5 11L12 4l8.5 7"/><path d="M6 9.5V20h12V9.5M10 20v-5h4v5"/>'),
  search: wrap('<circle cx="10.5" cy="10.5" r="6"/><path d="M15 15l5.5 5.5"/>'),
  verify: wrap('<path d="M12 3l8 3v6c0 4.5-3.4 8.3-8 9-4.6-.7-8-4.5-8-9V6l8-3z"/><circle cx="11.5" cy="11.5" r="3"/><path d="M13.7 13.7l2.3 2.3"/>'),
  key: wrap('<circle cx="8" cy="15" r="4"/><path d="M11 12l8.5-8.5M16 7l2.5 2.5M14 9l2 2"/>'),
  bank: wrap('<path d="M3 9.5L12 4l9 5.5H3zM5 20h14M6 12v6M10 12v6M14 12v6M18 12v6"/>'),
  'piggy-bank': wrap('<path d="M5 11a7 6 0 0 1 12.5-2.5H20v4l-2 1.2V17h-3v-1.5h-5V17H7v-2.5A5.6 5.6 0 0 1 5 11z"/><path d="M9 7.5h4M15.5 10.5h.01"/>'),
  calculator: wrap('<rect x="5" y="3" width="14" height="18" rx="2"/><path d="M8 7h8M8.5 11.5h.01M12 11.5h.01M15.5 11.5h.01M8.5 15h.01M12 15h.01M15.5 15h.01M8.5 18h.01M12 18h.01M15.5 18h.01"/>'),
  chart: wrap('<path d="M4 20V4M4 20h16"/><path d="M8 16v-4M12 16V8M16 16v-6"/>'),
  list: wrap('<path d="M9 6h11M9 12h11M9 18h11M4.5 6h.01M4.5 12h.01M4.5 18h.01"/>'),
  stamp: wrap('<path d="M9.5 4.5a2.5 2.5 0 0 1 5 0c0 2-1.5 3-1.5 5.5h-2C11 7.5 9.5 6.5 9.5 4.5zM5 14.5a2 2 0 0 1 2-2h10a2 2 0 0 1 2 2V17H5v-2.5zM6 20.5h12"/>'),
  qr: wrap('<rect x="3.5" y="3.5" width="6" height="6" rx=".5"/><rect x="14.5" y="3.5" width="6" height="6" rx=".5"/><rect x="3.5" y="14.5" width="6" height="6" rx=".5"/><path d="M14.5 14.5h2.5v2.5h-2.5zM18 18h2.5v2.5H18zM14.5 20.5h1M20.5 14.5v1"/>'),
  hourglass: wrap('<path d="M6.5 3h11M6.5 21h11M7.5 3c0 4.5 4.5 6 4.5 9s-4.5 4.5-4.5 9M16.5 3c0 4.5-4.5 6-4.5 9s4.5 4.5 4.5 9"/>'),
  handshake: wrap('<path d="M2.5 12l4-4.5 4 1.5 2.5-2 4.5 1 4 4.5-5 5.5-3-2.5-2 1.5-4.5-4-4.5-1z"/><path d="M10.5 9l3.5 3.5"/>'),
  // Departments.
  hrss: wrap('<circle cx="8.5" cy="8" r="3"/><circle cx="16.5" cy="9" r="2.5"/><path d="M3 19c.6-3.2 2.8-5 5.5-5s4.9 1.8 5.5 5M14 14.2c.8-.5 1.6-.7 2.5-.7 2.3 0 4 1.6 4.5 4.5"/>'),
  mi: wrap('<rect x="3.5" y="3.5" width="17" height="17" rx="3"/><path d="M12 7.5v9M7.5 12h9"/>'),
  nr: wrap('<path d="M3.5 11L12 4l8.5 7"/><path d="M6 9.5V20h12V9.5M10 20v-5h4v5"/>'),
  hpf: wrap('<path d="M3.5 11.5L12 5l8.5 6.5"/><path d="M6 10v10h12V10"/><path d="M12 11.5v6M10 13h3a1.3 1.3 0 0 1 0 2.6h-2.5"/>'),
  // Interface.
  globe: wrap('<circle cx="12" cy="12" r="8.5"/><path d="M3.5 12h17M12 3.5c2.3 2.3 3.5 5.2 3.5 8.5s-1.2 6.2-3.5 8.5c-2.3-2.3-3.5-5.2-3.5-8.5S9.7 5.8 12 3.5z"/>'),
  text: wrap('<path d="M4 19l5-14 5 14M5.8 14h6.4M15 19l3-8 3 8M15.9 16.5h4.2"/>'),
  back: wrap('<path d="M15 5l-7 7 7 7"/>'),
  close: wrap('<path d="M6 6l12 12M18 6L6 18"/>'),
  alert: wrap('<path d="M12 3.5l9.5 16.5h-19L12 3.5z"/><path d="M12 10v4.5M12 17.5h.01"/>'),
  check: wrap('<circle cx="12" cy="12" r="9"/><path d="M7.5 12.5l3 3 6-6.5"/>'),
  printer: wrap('<path d="M7 8V3.5h10V8"/><rect x="3.5" y="8" width="17" height="8" rx="1.5"/><path d="M7 13h10v7.5H7z"/>'),
  backspace: wrap('<path d="M21 5H9l-6 7 6 7h12V5z"/><path d="M12 9.5l5 5M17 9.5l-5 5"/>'),
  wifi: wrap('<path d="M2.5 9a14 14 0 0 1 19 0M5.5 12.5a9.5 9.5 0 0 1 13 0M8.5 16a5 5 0 0 1 7 0M12 19.5h.01"/>'),
  face5: wrap('<circle cx="12" cy="12" r="9"/><path d="M8 14c1 2 2.4 3 4 3s3-1 4-3M9 9.5h.01M15 9.5h.01"/>'),
  face4: wrap('<circle cx="12" cy="12" r="9"/><path d="M8.5 14.5c1 1.2 2.2 1.8 3.5 1.8s2.5-.6 3.5-1.8M9 9.5h.01M15 9.5h.01"/>'),
  face3: wrap('<circle cx="12" cy="12" r="9"/><path d="M8.5 15h7M9 9.5h.01M15 9.5h.01"/>'),
  face2: wrap('<circle cx="12" cy="12" r="9"/><path d="M8.5 16c1-1.2 2.2-1.8 3.5-1.8s2.5.6 3.5 1.8M9 9.5h.01M15 9.5h.01"/>'),
  face1: wrap('<circle cx="12" cy="12" r="9"/><path d="M8 17c1-2 2.4-3 4-3s3 1 4 3M8.5 9l1.5 1M15.5 9l-1.5 1"/>'),
};

// Common alternative names kioskd may use.
const ALIASES = {
  'file-text': 'document', file: 'document', 'file-check': 'certificate', award: 'certificate',
  'credit-card': 'card', 'id': 'id-card', 'id-badge': 'id-card', 'shield-check': 'shield',
  pension: 'elderly', 'user-clock': 'elderly', person: 'user-check', user: 'user-check',
  money: 'coins', yuan: 'coins', cash: 'coins', 'hand-coins': 'coins', pay: 'payment', qrcode: 'qr',
  'qr-code': 'qr', 'scan': 'qr', 'heart-pulse': 'heart', stethoscope: 'medical', 'first-aid': 'medical',
  plane: 'route', travel: 'route', 'map-pin': 'map', timer: 'clock', history: 'clock',
  'home-check': 'house', 'building-bank': 'bank', landmark: 'bank', savings: 'piggy-bank',
  loan: 'calculator', 'badge-check': 'verify', 'search-check': 'verify', 'lock-open': 'lock',
  'list-check': 'list', table: 'list', 'trending-up': 'chart', seal: 'stamp',
};

export function icon(name, department) {
  return ICONS[name] ?? ICONS[ALIASES[name]] ?? ICONS[department] ?? ICONS.document;
}
