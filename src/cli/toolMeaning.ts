import { meaningEngineOptions } from '../app/meaning.ts';
import type { Knowledge } from '../knowledge/schema.ts';
import { loadDecisionModel, type DecisionModel } from '../meaning/fusedDecision.ts';
import { embeddingCacheFile, startMeaningSearch, type MeaningSearch } from '../meaning/meaningSearch.ts';
import { createAnswerEngine, type AnswerEngine } from '../answer/answerEngine.ts';

/** The engine and, with MEANING=on, the sentence encoder (ready), for `answerQuestion`. */
export interface ToolAnswerer {
  readonly engine: AnswerEngine;
  readonly meaning: MeaningSearch | undefined;
  close(): Promise<void>;
}

/**
 * The engine and the sentence encoder for a terminal tool with MEANING=on. Unlike the bot, the tool
 * waits for the index (from the cache the bot keeps in DATA_DIR, when it has run on this knowledge):
 * it was started to answer now, with the setting it was given. Loaded only with MEANING=on.
 */
export async function startToolMeaning(knowledge: Knowledge, knowledgeDir: string, dataDir: string): Promise<ToolAnswerer> {
  let engine;
  let model: DecisionModel;
  try {
    model = loadDecisionModel();
    engine = createAnswerEngine(knowledge, meaningEngineOptions(model));
  } catch (error) {
    process.stderr.write(`MEANING=on needs the fitted decision: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const search = startMeaningSearch(knowledge, {
    cacheFile: embeddingCacheFile(dataDir, knowledgeDir),
    thread: 'in-process',
    classifierTemperature: model.classifierTemperature,
  });
  try {
    await search.firstIndex;
  } catch (error) {
    process.stderr.write(`The sentence encoder failed (${error instanceof Error ? error.message : String(error)}): answering by the words alone.\n`);
  }
  return { engine, meaning: search, close: () => search.close() };
}
