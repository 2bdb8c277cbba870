import path from 'node:path';
import { z } from 'zod';
import { bundledKnowledgeDir } from './paths.ts';

const cliEnvSchema = z.object({
  KNOWLEDGE_DIR: z.string().trim().min(1).optional(),
});

/** The environment the terminal tools read: only where the knowledge lives. */
export function knowledgeDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const parsed = cliEnvSchema.safeParse(env);
  const dir = parsed.success ? parsed.data.KNOWLEDGE_DIR : undefined;
  return path.resolve(dir ?? bundledKnowledgeDir);
}
