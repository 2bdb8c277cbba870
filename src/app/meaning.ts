import type { Logger } from 'pino';
import { fusedPolicy } from '../answer/fusedPolicy.ts';
import type { MeaningSetting } from '../config/meaningSetting.ts';
import type { Knowledge } from '../knowledge/schema.ts';
import type { DecisionModel } from '../meaning/fusedDecision.ts';
import { embeddingCacheFile, meaningSearchOff, startMeaningSearch, SupersededError, type IndexReport, type MeaningSearch, type MeaningSearchOptions } from '../meaning/meaningSearch.ts';
import { defaultEngineTuning, type EngineOptions } from '../answer/answerEngine.ts';
import type { KnowledgeStore } from '../store/knowledgeStore.ts';

/**
 * How engines decide when `ask` is given the encoder's neighbours: by the fitted `model`, with as
 * many of the encoder's records in the fused list as it was fit with. Without neighbours (the
 * encoder off, starting or indexing) the lexical thresholds decide, as before.
 */
export function meaningEngineOptions(model: DecisionModel): EngineOptions {
  return { meaningPolicy: fusedPolicy(model), tuning: { ...defaultEngineTuning, meaningCandidates: model.meaningLimit } };
}

export interface KnowledgeMeaningOptions {
  readonly setting: MeaningSetting;
  /** Where the embeddings are kept between runs (DATA_DIR): one file per knowledge folder. */
  readonly dataDir: string;
  readonly logger: Logger;
  /** For tests: an encoder already started, shared by several searches. */
  readonly embedder?: MeaningSearchOptions['embedder'];
  /** The classifier's softmax temperature: the one the decision model was fit with (`DecisionModel.classifierTemperature`). */
  readonly classifierTemperature?: number;
  /** Called after each knowledge is indexed (the first one and every reload). */
  readonly onIndexed?: (report: IndexReport) => void;
}

/**
 * The sentence encoder for the store's knowledge, kept in step with it: started at once and
 * returned before it is ready (ten thousand records take minutes to embed the first time; the bot
 * answers lexically meanwhile), re-indexed after every reload that changed the knowledge, embedding
 * only the phrasings its cache in DATA_DIR lacks. Off: `meaningSearchOff`, which never has neighbours.
 */
export function startKnowledgeMeaning(store: Pick<KnowledgeStore, 'dir' | 'current' | 'onReload'>, options: KnowledgeMeaningOptions): MeaningSearch {
  if (options.setting === 'off') return meaningSearchOff;
  const { logger, onIndexed } = options;
  const search = startMeaningSearch(store.current().knowledge, {
    cacheFile: embeddingCacheFile(options.dataDir, store.dir),
    ...(options.embedder ? { embedder: options.embedder } : {}),
    ...(options.classifierTemperature === undefined ? {} : { classifierTemperature: options.classifierTemperature }),
  });
  let indexedVersion = store.current().version;
  const follow = (indexing: Promise<IndexReport>, version: number) =>
    indexing.then(
      (report) => {
        logger.info({ version, records: report.records, phrasings: report.phrasings, embedded: report.embedded, ms: Math.round(report.ms) }, 'Sentence encoder ready');
        onIndexed?.(report);
      },
      (error: unknown) => {
        if (error instanceof SupersededError) return;
        logger.error({ err: error }, 'The sentence encoder failed: questions are answered by their words alone');
      },
    );
  void follow(search.firstIndex, indexedVersion);
  const unsubscribe = store.onReload(({ result, snapshot }) => {
    if (!result.ok || snapshot.version === indexedVersion) return;
    indexedVersion = snapshot.version;
    void follow(search.setKnowledge(snapshot.knowledge), snapshot.version);
  });
  return {
    status: () => search.status(),
    setKnowledge: (knowledge: Knowledge) => search.setKnowledge(knowledge),
    nearest: (question, limit, also) => search.nearest(question, limit, also),
    close: async () => {
      unsubscribe();
      await search.close();
    },
  };
}
