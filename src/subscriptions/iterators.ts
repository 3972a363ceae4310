/**
 * Async iterators whose `return()` acts at once. Yoga calls `return()` when a
 * client disconnects; an async generator would queue that call behind its
 * pending `next()` (which may wait for the next event indefinitely), so the
 * upstream stream would stay open. These forward `return()` immediately.
 */
export function transform<T, U>(source: AsyncIterator<T>, fn: (value: T) => U | undefined): AsyncIterableIterator<U> {
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next(): Promise<IteratorResult<U>> {
      for (;;) {
        const result = await source.next();
        if (result.done) return { done: true, value: undefined };
        const mapped = fn(result.value);
        if (mapped !== undefined) return { done: false, value: mapped };
      }
    },
    async return(): Promise<IteratorResult<U>> {
      await source.return?.();
      return { done: true, value: undefined };
    },
  };
}

/** Interleaves several iterators, yielding values as they arrive; `return()` ends them all, a failing source fails the merge. */
export function merge<T>(sources: AsyncIterator<T>[]): AsyncIterableIterator<T> {
  const pending = new Map<number, Promise<{ result: IteratorResult<T>; i: number }>>();
  const pull = (i: number) => pending.set(i, sources[i]!.next().then((result) => ({ result, i })));
  sources.forEach((_, i) => pull(i));
  const close = async () => {
    pending.clear();
    await Promise.allSettled(sources.map((s) => s.return?.()));
  };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next(): Promise<IteratorResult<T>> {
      while (pending.size > 0) {
        let winner: { result: IteratorResult<T>; i: number };
        try {
          winner = await Promise.race(pending.values());
        } catch (error) {
          await close();
          throw error;
        }
        if (!pending.has(winner.i)) continue; // closed meanwhile
        if (winner.result.done) {
          pending.delete(winner.i);
          continue;
        }
        pull(winner.i);
        return { done: false, value: winner.result.value };
      }
      return { done: true, value: undefined };
    },
    async return(): Promise<IteratorResult<T>> {
      await close();
      return { done: true, value: undefined };
    },
  };
}
