// The idle countdown: counts down once a second from the timeout, calls onWarn when
// `warningSeconds` remain and onExpire at zero. touch() starts over.

export class IdleTimer {
  constructor({ onTick, onWarn, onExpire }) {
    this.onTick = onTick;
    this.onWarn = onWarn;
    this.onExpire = onExpire;
    this.timeout = 0;
    this.warning = 0;
    this.deadline = 0;
    this.warned = false;
    this.interval = null;
  }

  /** Starts (or restarts) the countdown: `remaining` seconds left of `timeout`. */
  arm(timeout, warning, remaining = timeout) {
    this.timeout = timeout;
    this.warning = Math.min(warning, Math.max(1, Math.floor(timeout / 2)));
    this.deadline = Date.now() + remaining * 1000;
    this.warned = remaining <= this.warning;
    if (this.warned) this.onWarn?.(this.remaining());
    clearInterval(this.interval);
    this.interval = setInterval(() => this.tick(), 250);
    this.onTick?.(this.remaining());
  }

  get armed() {
    return this.interval !== null;
  }

  touch() {
    if (!this.armed) return;
    this.deadline = Date.now() + this.timeout * 1000;
    this.warned = false;
    this.onTick?.(this.remaining());
  }

  /** Follows the server's view when it is shorter (it expires the session on its own). */
  sync(remaining) {
    if (!this.armed || remaining == null) return;
    const serverDeadline = Date.now() + remaining * 1000;
    if (serverDeadline < this.deadline) this.deadline = serverDeadline;
  }

  disarm() {
    clearInterval(this.interval);
    this.interval = null;
    this.warned = false;
    this.onTick?.(null);
  }

  remaining() {
    return Math.max(0, Math.ceil((this.deadline - Date.now()) / 1000));
  }

  tick() {
    const remaining = this.remaining();
    this.onTick?.(remaining);
    if (remaining <= 0) {
      this.disarm();
      this.onExpire?.();
    } else if (!this.warned && remaining <= this.warning) {
      this.warned = true;
      this.onWarn?.(remaining);
    }
  }
}
