import { isUtf8 } from 'node:buffer';
import type { TextRead } from './textRead.ts';

/**
 * The text of a knowledge file, which must be UTF-8. Anything else is refused with the line and the
 * fix rather than read with U+FFFD in place of every character that did not decode.
 */
export function decodeUtf8(bytes: Buffer): TextRead {
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00]) || startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) return refused(null, 'is saved as UTF-32; save it as UTF-8');
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return refused(null, 'is saved as UTF-16; save it as UTF-8 (in most editors: "Save with Encoding" → UTF-8)');
  // UTF-16 without a byte order mark is valid UTF-8 as long as the text is ASCII: its NUL bytes give it away.
  const nul = bytes.indexOf(0);
  if (nul >= 0) return refused(lineAt(bytes, nul), 'contains NUL bytes, as a file saved as UTF-16 does; save it as UTF-8');
  if (!isUtf8(bytes)) {
    const bad = firstInvalidByte(bytes);
    const byte = bad < 0 ? '' : ` (byte 0x${bytes[bad]!.toString(16).padStart(2, '0')})`;
    return refused(bad < 0 ? null : lineAt(bytes, bad), `is not valid UTF-8${byte}; save it as UTF-8`);
  }
  return withLineBreaks(bytes.toString('utf8'));
}

/**
 * The YAML parser breaks lines at LF (CRLF included) only. A file whose lines all end in CR alone
 * (old Mac line endings) is read with LF; one that mixes lone CRs into LF lines is refused at the
 * first of them, since what it means depends on the editor.
 */
function withLineBreaks(text: string): TextRead {
  if (!text.includes('\r')) return { text };
  if (!text.includes('\n')) return { text: text.replaceAll('\r', '\n'), lineBreaks: 'cr' };
  const lone = text.search(/\r(?!\n)/);
  if (lone < 0) return { text };
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < lone; i = text.indexOf('\n', i + 1)) line++;
  return refused(line, 'ends this line with a lone carriage return (CR) while its other lines end with LF; save the file with one kind of line endings (LF, or CRLF)');
}

function refused(line: number | null, message: string): TextRead {
  return { text: null, problem: { line, message } };
}

function startsWith(bytes: Buffer, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

/** 1-based line of byte `offset` (a newline byte is never part of a multi-byte character). */
function lineAt(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let i = bytes.indexOf(0x0a); i >= 0 && i < offset; i = bytes.indexOf(0x0a, i + 1)) line++;
  return line;
}

/** Offset of the first byte that does not start a well-formed UTF-8 character, or -1. */
function firstInvalidByte(bytes: Buffer): number {
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    // The second byte's range excludes overlong forms, UTF-16 surrogates and code points past U+10FFFF.
    const [low, high] = lead === 0xe0 ? [0xa0, 0xbf] : lead === 0xed ? [0x80, 0x9f] : lead === 0xf0 ? [0x90, 0xbf] : lead === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    const second = bytes[i + 1] ?? 0;
    if (second < low || second > high) return i;
    for (let k = 2; k < length; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += length;
  }
  return -1;
}
