/** One thing wrong with the knowledge files, located precisely enough for a moderator to fix it. */
export interface KnowledgeProblem {
  /** File as the moderator knows it, e.g. `knowledge/faq.yaml`. */
  readonly file: string;
  /** 1-based line, when the problem can be pinned to one. */
  readonly line: number | null;
  /** Record and field, e.g. `faq[3] (ip-license).answer`; empty for whole-file problems. */
  readonly where: string;
  readonly message: string;
}

/** `knowledge/faq.yaml:42 faq[3] (ip-license).answer: too long (4210 > 4096)` */
export function formatProblem(problem: KnowledgeProblem): string {
  const location = problem.line === null ? problem.file : `${problem.file}:${problem.line}`;
  return problem.where ? `${location} ${problem.where}: ${problem.message}` : `${location}: ${problem.message}`;
}

/** Problems in file order, so a moderator can fix them top to bottom. */
export function sortProblems(problems: readonly KnowledgeProblem[]): KnowledgeProblem[] {
  return [...problems].sort(
    (a, b) => a.file.localeCompare(b.file) || (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER),
  );
}
