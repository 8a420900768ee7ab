/**
 * The seeded randomness behind `quire dev seed`: one generator (mulberry32, 32 bits of state,
 * a few nanoseconds a draw) so the same seed always builds the same archive, and the skewed
 * distributions a real archive shows (a few huge fandoms, a long tail; a few works with most
 * of the kudos).
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed | 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A whole number from min to max, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }

  /** A log-normal draw: exp of a normal with this median's log and spread sigma (Box–Muller). */
  logNormal(median: number, sigma: number): number {
    const u = 1 - this.next();
    const v = this.next();
    return median * Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
  }

  /** A generator of its own, derived from this one, so one part of the corpus can change without shifting the rest. */
  fork(salt: number): Random {
    return new Random(Math.imul(this.int(0, 0x7fffffff) ^ salt, 0x9e3779b1));
  }
}

/**
 * Draws ranks 0..n-1 with probability proportional to 1 / (rank + 1)^exponent (Zipf): rank 0 is
 * the most popular. The cumulative weights are computed once; a draw is a binary search.
 */
export class Zipf {
  private readonly cumulative: Float64Array;

  constructor(readonly size: number, exponent = 1) {
    this.cumulative = new Float64Array(size);
    let total = 0;
    for (let rank = 0; rank < size; rank++) {
      total += 1 / Math.pow(rank + 1, exponent);
      this.cumulative[rank] = total;
    }
  }

  draw(random: Random): number {
    const target = random.next() * this.cumulative[this.size - 1]!;
    let low = 0;
    let high = this.size - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.cumulative[mid]! < target) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
