/**
 * The time business rules read (opening hours, SLA clocks, automatic replies). Real time
 * in production; tests set it to fixed instants to check behaviour at given hours.
 */
export interface Clock {
  now(): Date;
  /** Fixes the time (tests); null returns to real time. */
  set(at: Date | null): void;
}

export function createClock(): Clock {
  let fixed: Date | null = null;
  return {
    now: () => (fixed ? new Date(fixed) : new Date()),
    set(at) {
      fixed = at ? new Date(at) : null;
    },
  };
}
