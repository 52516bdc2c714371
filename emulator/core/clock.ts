import { isIsoDate } from '../../models/dates';
import { badInput } from './problems';

/**
 * The emulator's notion of "now". It never follows the wall clock: it moves only when set or
 * advanced, so maintenance terms and the 60-day window can be tested by moving the date.
 */
export interface Clock {
  now(): string;
  today(): string;
}

export interface ClockStorage {
  read(): string | undefined;
  write(value: string): void;
}

export class VirtualClock implements Clock {
  private current: string;

  constructor(private readonly storage: ClockStorage, initial: string) {
    this.current = storage.read() ?? initial;
    storage.write(this.current);
  }

  now(): string {
    return this.current;
  }

  today(): string {
    return this.current.slice(0, 10);
  }

  set(value: string): void {
    const iso = isIsoDate(value) ? `${value}T09:00:00.000Z` : value;
    const ms = Date.parse(iso);
    if (Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}/.test(value)) throw badInput('now', 'must be an ISO date (2026-01-31) or timestamp');
    this.current = new Date(ms).toISOString();
    this.storage.write(this.current);
  }

  advance(days: number): void {
    if (!Number.isInteger(days)) throw badInput('days', 'must be a whole number of days');
    this.set(new Date(Date.parse(this.current) + days * 86_400_000).toISOString());
  }
}
