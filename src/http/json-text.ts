/**
 * Checks JSON text for what `JSON.parse` would silently change:
 *
 * - a repeated property name: JSON.parse keeps the last value and drops the
 *   other, so `{"a":1,"a":2}` would be stored as `{"a":2}` (RFC 8259 says
 *   names SHOULD be unique; I-JSON, RFC 7493, says MUST);
 * - an integer literal that a JSON number cannot hold: past ±(2^53 − 1) not
 *   every integer is a double, so `9007199254740993` would become ...992.
 *   The test is the round trip: the literal is refused when the double it
 *   parses to prints differently (`9007199254740992` itself, or any integer
 *   JSON.stringify wrote, passes). Numbers written with a fraction or an
 *   exponent are floating point by their own notation and are kept as
 *   JSON.parse reads them.
 *
 * REST bodies and GraphQL request bodies (their variables) with either are
 * refused (http/json.ts). It tracks only strings, nesting, names and number
 * tokens, in one linear pass, and never recurses; on text that is not JSON it
 * answers null or a problem, never throws, and the JSON parser that reads the
 * text afterwards reports the syntax error.
 */

import { inexactIntegerMessage, isInexactInteger } from "../encoding/json-integers.js";

export interface JsonTextProblem {
  /** JSON Pointer of the repeated name or of the number. */
  path: string;
  message: string;
}

export function jsonTextProblem(text: string): JsonTextProblem | null {
  type Frame = { names: Set<string> | null; index: number; key: string };
  const frames: Frame[] = [];
  let expectName = false;
  let name = "";
  const pointer = (last: string | null) =>
    [...frames.slice(1).map((f) => f.key), ...(last === null ? [] : [last])].map((k) => `/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
  /** The key of the value that starts here, within the innermost frame. */
  const here = () => {
    const frame = frames[frames.length - 1];
    return frame === undefined ? null : frame.names ? name : String(frame.index);
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      let j = i + 1;
      let escaped = false;
      while (j < text.length && text.charCodeAt(j) !== 0x22) {
        if (text.charCodeAt(j) === 0x5c) {
          escaped = true;
          j++;
        }
        j++;
      }
      if (expectName) {
        const raw = text.slice(i, j + 1);
        if (escaped) {
          try {
            name = JSON.parse(raw) as string;
          } catch {
            return null; // not JSON: the parser says so
          }
        } else name = raw.slice(1, -1);
        const frame = frames[frames.length - 1];
        if (!frame?.names) return null;
        if (frame.names.has(name)) return { path: pointer(name), message: "the property name appears twice in one object; JSON.parse would keep only the last value" };
        frame.names.add(name);
        expectName = false;
      }
      i = j;
    } else if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
      let j = i + 1;
      while (j < text.length && /[0-9eE.+-]/.test(text[j]!)) j++;
      const token = text.slice(i, j);
      if (isInexactInteger(token)) {
        return { path: pointer(here()), message: inexactIntegerMessage(token) };
      }
      i = j - 1;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      frames.push({ names: c === 0x7b ? new Set() : null, index: 0, key: here() ?? "" });
      expectName = c === 0x7b;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      frames.pop();
      expectName = false;
    } else if (c === 0x2c /* , */) {
      const frame = frames[frames.length - 1];
      if (frame?.names) expectName = true;
      else if (frame) frame.index++;
    }
  }
  return null;
}

