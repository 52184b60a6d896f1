/** Where "now" comes from. Every use of the current time in the core goes through a Clock. */
export interface Clock {
  now(): Date;
}

/** The system clock, for production. Tests pass a fixed clock instead. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at one instant. */
export function fixedClock(at: Date): Clock {
  return { now: () => new Date(at.getTime()) };
}

/** Structured logging, one JSON line per event (pino satisfies it). Never log secrets or tokens. */
export interface Logger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}
