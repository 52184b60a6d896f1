import type { Logger } from '../../src/core/ports.js';

export interface LoggedEvent {
  level: 'info' | 'warn' | 'error';
  fields: Record<string, unknown>;
  message: string;
}

/** A Logger that keeps what was logged, for tests that check what an event said. */
export class RecordingLogger implements Logger {
  readonly events: LoggedEvent[] = [];

  info(fields: Record<string, unknown>, message: string): void {
    this.events.push({ level: 'info', fields, message });
  }

  warn(fields: Record<string, unknown>, message: string): void {
    this.events.push({ level: 'warn', fields, message });
  }

  error(fields: Record<string, unknown>, message: string): void {
    this.events.push({ level: 'error', fields, message });
  }

  /** The events with this `event` field. */
  named(event: string): LoggedEvent[] {
    return this.events.filter((e) => e.fields.event === event);
  }
}
