/** Why a file has no usable text; `line` when the problem is at one place in it (a bad byte). */
export interface FileProblem {
  readonly line: number | null;
  readonly message: string;
}

/**
 * A file's text, or why there is none. `lineBreaks: 'cr'`: the file breaks its lines with CR alone
 * (old Mac), given here with LF instead; whoever writes it back writes CR again.
 */
export type TextRead = { readonly text: string; readonly problem?: undefined; readonly lineBreaks?: 'cr' } | { readonly text: null; readonly problem: FileProblem };
