// Kiosk lock-down inside the page: no text selection, no context menu, no zoom gestures, no
// dragging, no history navigation, no browser shortcuts that leave or reshape the app.
// (Chromium's kiosk flags in systemd/kiosk-browser.service do the rest.)

export function installGuards() {
  const stop = (event) => event.preventDefault();
  document.addEventListener('contextmenu', stop);
  document.addEventListener('dragstart', stop);
  document.addEventListener('selectstart', (event) => {
    if (!(event.target instanceof HTMLInputElement)) event.preventDefault();
  });
  // Pinch zoom: Safari-style gesture events, multi-touch moves, ctrl+wheel (touchpads).
  for (const type of ['gesturestart', 'gesturechange', 'gestureend']) document.addEventListener(type, stop);
  document.addEventListener('touchmove', (event) => {
    if (event.touches.length > 1) event.preventDefault();
  }, { passive: false });
  document.addEventListener('wheel', (event) => {
    if (event.ctrlKey) event.preventDefault();
  }, { passive: false });
  document.addEventListener('keydown', (event) => {
    const key = event.key;
    const withCtrl = event.ctrlKey || event.metaKey;
    const zoom = withCtrl && ['+', '-', '=', '0', '_'].includes(key);
    const leave = (event.altKey && (key === 'ArrowLeft' || key === 'ArrowRight' || key === 'Home'))
      || key === 'BrowserBack' || key === 'BrowserForward' || key === 'BrowserHome'
      || (withCtrl && ['p', 's', 'o', 'n', 't', 'w', 'u', 'l'].includes(key.toLowerCase()))
      || key === 'F1' || key === 'F3' || key === 'F6' || key === 'F7' || key === 'F11' || key === 'F12';
    const backspaceBack = key === 'Backspace' && !(event.target instanceof HTMLInputElement);
    if (zoom || leave || backspaceBack) event.preventDefault();
  });
  document.addEventListener('auxclick', stop);
  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
    if (link) event.preventDefault();
  });
  // History: the app is one page; a back gesture lands on the same state again.
  history.replaceState({ kiosk: true }, '', location.pathname + location.search);
  history.pushState({ kiosk: true }, '', location.pathname + location.search);
  window.addEventListener('popstate', () => history.pushState({ kiosk: true }, '', location.pathname + location.search));
  window.open = () => null;
}
