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

const MIN_CLOCK_MS = Date.parse('2000-01-01T00:00:00.000Z');
const MAX_CLOCK_MS = Date.parse('2999-12-31T23:59:59.999Z');

export class VirtualClock implements Clock {
  private current: string;
  private readonly moveListeners = new Set<(from: string, to: string) => void>();

  constructor(
    private readonly storage: ClockStorage,
    initial: string,
  ) {
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
    // Terms of years are added to it, and dates past 9999 have no ISO form: the clock stays in 2000..2999.
    if (ms < MIN_CLOCK_MS || ms > MAX_CLOCK_MS) throw badInput('now', 'must lie between 2000-01-01 and 2999-12-31');
    const from = this.current;
    this.current = new Date(ms).toISOString();
    this.storage.write(this.current);
    if (from !== this.current) for (const listener of this.moveListeners) listener(from, this.current);
  }

  /** Listens for the clock moving (datapoint values follow it); returns the function that stops listening. */
  onMove(listener: (from: string, to: string) => void): () => void {
    this.moveListeners.add(listener);
    return () => this.moveListeners.delete(listener);
  }

  advance(days: number): void {
    if (!Number.isInteger(days)) throw badInput('days', 'must be a whole number of days');
    const target = Date.parse(this.current) + days * 86_400_000;
    if (target < MIN_CLOCK_MS || target > MAX_CLOCK_MS) throw badInput('days', 'would move the clock outside 2000-01-01..2999-12-31');
    this.set(new Date(target).toISOString());
  }
}
