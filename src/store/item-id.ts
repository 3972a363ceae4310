/**
 * Time-ordered ids: 10 Crockford base32 characters of milliseconds followed by
 * 16 of randomness (ULID layout, 26 characters). One generator lives in each
 * store object; it never goes backwards, even when the clock does, so ids sort
 * in insertion order and `after` pagination never skips or repeats an item.
 */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const TIME_LENGTH = 10;
const RANDOM_LENGTH = 16;

/** Actor and item ids. Names start with a letter, ids with a digit, so the two never collide. */
export const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

function encodeTime(ms: number): string {
  let out = "";
  for (let i = 0; i < TIME_LENGTH; i++) {
    out = ALPHABET[ms % 32] + out;
    ms = Math.floor(ms / 32);
  }
  return out;
}

function randomDigits(): number[] {
  const bytes = crypto.getRandomValues(new Uint8Array(RANDOM_LENGTH));
  // Keep the top digit below 16 so increments within one millisecond cannot overflow.
  return Array.from(bytes, (b, i) => (i === 0 ? b % 16 : b % 32));
}

export class ItemIdGenerator {
  private lastTime = 0;
  private lastRandom: number[] = [];

  /** `floor` is the largest id already stored; new ids are always greater. */
  constructor(floor?: string | null) {
    if (floor && ULID_PATTERN.test(floor)) {
      this.lastTime = decodeTime(floor);
      this.lastRandom = Array.from(floor.slice(TIME_LENGTH), (c) => ALPHABET.indexOf(c));
    }
  }

  next(now = Date.now()): { id: string; time: number } {
    if (now > this.lastTime) {
      this.lastTime = now;
      this.lastRandom = randomDigits();
    } else {
      this.increment();
    }
    const id = encodeTime(this.lastTime) + this.lastRandom.map((d) => ALPHABET[d]).join("");
    return { id, time: this.lastTime };
  }

  private increment(): void {
    for (let i = RANDOM_LENGTH - 1; i >= 0; i--) {
      const digit = this.lastRandom[i] ?? 0;
      if (digit < 31) {
        this.lastRandom[i] = digit + 1;
        return;
      }
      this.lastRandom[i] = 0;
    }
    // 32^16 ids in one millisecond: move to the next one instead of wrapping.
    this.lastTime += 1;
  }
}

export function decodeTime(id: string): number {
  let ms = 0;
  for (const c of id.slice(0, TIME_LENGTH)) ms = ms * 32 + ALPHABET.indexOf(c);
  return ms;
}
