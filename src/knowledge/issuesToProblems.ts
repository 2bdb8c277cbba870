import type { z } from 'zod';
import type { KnowledgeProblem } from './knowledgeProblem.ts';
import type { FieldPath, YamlFile } from './yamlFile.ts';

const defaultUnknownFieldHint = 'unknown field (check the spelling; see the comment at the top of the file)';

/** Zod's issues as problems located in the file: one per unknown field, "is required" for missing ones. */
export function issuesToProblems(
  file: YamlFile,
  prefix: FieldPath,
  issues: readonly z.core.$ZodIssue[],
  unknownFieldMessage = defaultUnknownFieldHint,
): KnowledgeProblem[] {
  return issues.flatMap((issue) => {
    const fieldPath = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => file.problemAt([...fieldPath, key], unknownFieldMessage));
    const missing = issue.code === 'invalid_type' && issue.input === undefined;
    return [file.problemAt(fieldPath, missing ? 'is required' : issue.message)];
  });
}
