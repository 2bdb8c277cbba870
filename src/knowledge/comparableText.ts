/**
 * Text as "word for word" compares it: line breaks and runs of spaces are one space, and curly and
 * straight quote marks are the same mark (YAML folds lines; a keyboard types straight quotes).
 */
export function comparableText(text: string): string {
  return text
    .replace(/[‘’‚‛′]/g, "'")
    .replace(/[“”„‟″]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}
