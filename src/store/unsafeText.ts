/**
 * Characters a moderator's text may not carry into the knowledge: control characters (NUL, escape,
 * the C1 range; tab and line breaks are text) and the bidirectional embeddings, overrides and
 * isolates, which make text display in another order than it reads ("Trojan Source").
 */
const unsafeCharacter = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

const bidiNames: Readonly<Record<number, string>> = {
  0x202a: 'a left-to-right embedding',
  0x202b: 'a right-to-left embedding',
  0x202c: 'a pop-directional-formatting',
  0x202d: 'a left-to-right override',
  0x202e: 'a right-to-left override',
  0x2066: 'a left-to-right isolate',
  0x2067: 'a right-to-left isolate',
  0x2068: 'a first-strong isolate',
  0x2069: 'a pop-directional-isolate',
};

/**
 * Why `text` cannot go into the knowledge ("contains a right-to-left override character (U+202E)
 * at character 7"), or null when it can.
 */
export function unsafeTextProblem(text: string): string | null {
  const match = unsafeCharacter.exec(text);
  if (!match) return null;
  const code = match[0].codePointAt(0)!;
  const name = bidiNames[code] ?? (code === 0 ? 'a NUL' : 'a control');
  const position = [...text.slice(0, match.index)].length + 1;
  return `contains ${name} character (U+${code.toString(16).toUpperCase().padStart(4, '0')}) at character ${position}; control and text-direction characters are not allowed (they can hide or reorder what the text says): remove it and try again`;
}

/** The first string in `value` (a record as submitted) with a character `unsafeTextProblem` refuses: its field path and why. */
export function findUnsafeText(value: unknown, path: readonly (string | number)[] = []): { readonly path: readonly (string | number)[]; readonly problem: string } | null {
  if (typeof value === 'string') {
    const problem = unsafeTextProblem(value);
    return problem === null ? null : { path, problem };
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findUnsafeText(item, [...path, index]);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const found = findUnsafeText(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}
