/** JSON in and out of REST handlers: bounded body reads and error bodies in the Paseo shape. */
import { ERROR_CODES } from "../errors/codes.js";
import { GatewayError } from "../errors/gateway-error.js";
import { LIMITS } from "../limits.js";
import { jsonTextProblem } from "./json-text.js";

export function json(data: unknown, status = 200, headers: HeadersInit = {}): Response {
  return jsonText(JSON.stringify(data), status, headers);
}

export function jsonText(text: string, status = 200, headers: HeadersInit = {}): Response {
  return new Response(text, { status, headers: { "content-type": "application/json; charset=utf-8", ...headers } });
}

/** `{ error, message, details? }` with the code's HTTP status, e.g. 400 `{ error: "invalid_document", details: [...] }`. */
export function errorResponse(error: GatewayError): Response {
  const spec = ERROR_CODES[error.code];
  return json({ error: spec.rest, code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) }, spec.status);
}

/** A GraphQL-shaped error body (`{ errors: [{ message, extensions: { code } }] }`) for failures before execution. */
export function graphqlErrorResponse(error: GatewayError): Response {
  const extensions = { code: error.code, ...(error.details === undefined ? {} : { details: error.details }) };
  return json({ errors: [{ message: error.message, extensions }] }, ERROR_CODES[error.code].status);
}

/** `application/json` and its `+json` relatives (merge-patch, graphql-response, ...). */
export function isJsonMediaType(type: string): boolean {
  return /^application\/([\w.+-]+\+)?json\b/i.test(type);
}

/** Reads a JSON request body: 415 unless it is declared JSON, 413 past the size limit, 400 when it does not parse. */
export async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!isJsonMediaType(type)) {
    throw new GatewayError("UNSUPPORTED_MEDIA_TYPE", `Send the body as JSON with "content-type: application/json" (got "${type || "none"}").`);
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > LIMITS.maxRequestBytes) throw tooLarge();
  const text = await readBounded(request);
  if (text.trim() === "") throw new GatewayError("INVALID_JSON", "The request body is empty; a JSON value is required.");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new GatewayError("INVALID_JSON", `The request body is not valid JSON: ${(error as Error).message}`);
  }
  // What JSON.parse would change without a word (http/json-text.ts) is refused, not stored changed.
  const problem = jsonTextProblem(text);
  if (problem) throw new GatewayError("INVALID_JSON", `The request body cannot be read exactly: ${problem.path || "/"}: ${problem.message}.`, problem);
  return value;
}

/**
 * A GraphQL request body as text, under the size limit. A JSON one is checked
 * like a REST body (./json-text.ts), so variables cannot lose a repeated name
 * or round an integer silently; Yoga parses it afterwards.
 */
export async function readGraphqlBody(request: Request): Promise<string> {
  const text = await readBounded(request);
  if (isJsonMediaType(request.headers.get("content-type") ?? "")) {
    const problem = jsonTextProblem(text);
    if (problem) throw new GatewayError("INVALID_JSON", `The request body cannot be read exactly: ${problem.path || "/"}: ${problem.message}.`, problem);
    // Yoga reads each operation of a batch as an object and fails inside on a null one.
    if (/^\s*\[/.test(text)) {
      const operations: unknown = JSON.parse(text);
      const bad = Array.isArray(operations) ? operations.findIndex((o) => o === null || typeof o !== "object" || Array.isArray(o)) : -1;
      if (bad >= 0) throw new GatewayError("BAD_USER_INPUT", `Operation ${bad} of the batch is not an object: send each as {"query": ...}.`, { path: `/${bad}` });
    }
  }
  return text;
}

/** The request body as text; PAYLOAD_TOO_LARGE past the request size limit. */
export async function readBounded(request: Request): Promise<string> {
  if (Number(request.headers.get("content-length") ?? "0") > LIMITS.maxRequestBytes) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > LIMITS.maxRequestBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
}

function tooLarge(): GatewayError {
  return new GatewayError("PAYLOAD_TOO_LARGE", `The request body exceeds ${LIMITS.maxRequestBytes} bytes.`);
}
