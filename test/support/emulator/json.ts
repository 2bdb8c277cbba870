/** Request bodies arrive as untyped JSON; these guards keep handlers honest without `any`. */
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asObject(value: unknown): JsonObject | undefined {
  return isObject(value) ? value : undefined;
}

export function asArray(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Discord measures text limits in Unicode code points, not UTF-16 units. */
export function textLength(value: string): number {
  return Array.from(value).length;
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}
