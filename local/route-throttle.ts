/**
 * API Gateway's throttle, imitated: a token bucket per route (`rate` tokens a second, at
 * most `burst` held), the public routes with the stage's default route limits, the staff
 * and admin routes with their own (infra/public-http-api.ts `routeSettings`), so a crowd
 * of public posts cannot take the staff console's requests. Real time, not the local
 * clock: a test that moves the clock does not refill buckets.
 */
export interface ThrottleLimits {
  readonly ratePerSecond: number;
  readonly burst: number;
}

export interface RouteThrottleLimits {
  readonly public: ThrottleLimits;
  readonly staff: ThrottleLimits;
}

export class RouteThrottle {
  private readonly buckets = new Map<string, { tokens: number; atMs: number }>();

  constructor(
    private readonly limits: RouteThrottleLimits,
    private readonly nowMs: () => number = () => performance.now(),
  ) {}

  /** Takes a token of the route's bucket; false (answer 429) when it is empty. */
  take(routeKey: string, auth: 'staff' | undefined): boolean {
    const { ratePerSecond, burst } = auth === 'staff' ? this.limits.staff : this.limits.public;
    const now = this.nowMs();
    const bucket = this.buckets.get(routeKey) ?? { tokens: burst, atMs: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.atMs) / 1000) * ratePerSecond);
    bucket.atMs = now;
    this.buckets.set(routeKey, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
