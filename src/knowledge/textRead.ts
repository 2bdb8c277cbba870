/** Why a file has no usable text; `line` when the problem is at one place in it (a bad byte). */
export interface FileProblem {
  readonly line: number | null;
  readonly message: string;
}

/** A file's text, or why there is none. */
export type TextRead = { readonly text: string; readonly problem?: undefined } | { readonly text: null; readonly problem: FileProblem };
