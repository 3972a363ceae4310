/** A small HTTP client for the benchmark: JSON in and out, GraphQL with debug call counts. */
export class Client {
  constructor(
    readonly url: string,
    readonly adminKey: string,
  ) {}

  get auth(): Record<string, string> {
    return { authorization: `Bearer ${this.adminKey}` };
  }

  async json(method: string, path: string, body?: unknown): Promise<any> {
    const res = await fetch(this.url + path, {
      method,
      headers: body === undefined ? this.auth : { "content-type": "application/json", ...this.auth },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text);
  }

  async graphql(path: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<any> {
    const res = await fetch(this.url + path, {
      method: "POST",
      headers: { "content-type": "application/json", "x-debug-calls": "1", ...this.auth, ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const result = (await res.json()) as { errors?: unknown; data?: unknown; extensions?: any };
    if (result.errors) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors).slice(0, 500)}`);
    return result;
  }
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}
