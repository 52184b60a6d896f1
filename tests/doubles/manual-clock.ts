import type { Clock } from '../../src/core/ports.js';

/** A clock that stands still until a test moves it. */
export class ManualClock implements Clock {
  private at: number;

  constructor(iso: string) {
    this.at = Date.parse(iso);
  }

  now(): Date {
    return new Date(this.at);
  }

  set(iso: string | Date): this {
    this.at = typeof iso === 'string' ? Date.parse(iso) : iso.getTime();
    return this;
  }

  advance(ms: number): this {
    this.at += ms;
    return this;
  }
}
