// The WebSocket of kioskd's events (/api/v1/events): reconnects with back-off, pings to notice a
// dead connection, and reports open/close so the app can resume through /api/v1/sessions/current.

const PING_EVERY_MS = 15000;
const PONG_WITHIN_MS = 8000;
const BACKOFF_MS = [500, 1000, 2000, 4000, 5000];

export class EventStream {
  constructor({ onEvent, onOpen, onClose }) {
    this.onEvent = onEvent;
    this.onOpen = onOpen;
    this.onClose = onClose;
    this.socket = null;
    this.attempt = 0;
    this.pingTimer = null;
    this.pongTimer = null;
    this.retryTimer = null;
    this.open = false;
  }

  start() {
    this.connect();
  }

  connect() {
    clearTimeout(this.retryTimer);
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    let socket;
    try {
      socket = new WebSocket(`${scheme}//${location.host}/api/v1/events`);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.attempt = 0;
      this.open = true;
      this.startPings();
      this.onOpen?.();
    });
    socket.addEventListener('message', (message) => {
      let event;
      try {
        event = JSON.parse(message.data);
      } catch {
        return;
      }
      if (event?.type === 'pong') {
        clearTimeout(this.pongTimer);
        return;
      }
      this.onEvent?.(event);
    });
    socket.addEventListener('close', () => this.closed(socket));
    socket.addEventListener('error', () => {
      try {
        socket.close();
      } catch {
        /* already closed */
      }
    });
  }

  closed(socket) {
    if (socket !== this.socket) return;
    this.socket = null;
    this.stopPings();
    const wasOpen = this.open;
    this.open = false;
    if (wasOpen) this.onClose?.();
    this.scheduleReconnect();
  }

  scheduleReconnect() {
    const delay = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)];
    this.attempt++;
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  startPings() {
    this.stopPings();
    this.pingTimer = setInterval(() => {
      if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return;
      this.socket.send(JSON.stringify({ type: 'ping' }));
      clearTimeout(this.pongTimer);
      this.pongTimer = setTimeout(() => this.socket?.close(), PONG_WITHIN_MS);
    }, PING_EVERY_MS);
  }

  stopPings() {
    clearInterval(this.pingTimer);
    clearTimeout(this.pongTimer);
  }
}
