import { describe, expect, it } from 'vitest';
import { handoffGraceSeconds, maxRelayAttempts, relayPauseSeconds } from '../../../shared/adapters/handoff';

describe('the outbox relay heals an outage of up to 48 hours by itself', () => {
  it('keeps sending a hand-off for at least 48 hours, with doubling pauses capped at two hours', () => {
    const pauses = Array.from({ length: maxRelayAttempts }, (_, i) => relayPauseSeconds(i + 1));
    expect(pauses.slice(0, 4)).toEqual([2, 4, 8, 16].map((f) => f * handoffGraceSeconds));
    expect(Math.max(...pauses)).toBe(2 * 3600);
    expect(pauses.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(48 * 3600);
    // Not much longer: past that the DLQ's own alarm and a person take over.
    expect(pauses.slice(0, -1).reduce((a, b) => a + b, 0)).toBeLessThan(48 * 3600);
  });
});
