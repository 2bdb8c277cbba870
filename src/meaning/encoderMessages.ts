/** What the bot's thread and the encoder's worker thread say to each other. */

export interface EmbedRequest {
  readonly id: number;
  readonly texts: readonly string[];
  /** `EmbedOptions.maxTokens`: absent, every piece of each text is read. */
  readonly maxTokens?: number;
}

export type WorkerMessage =
  | { readonly type: 'ready'; readonly modelId: string; readonly dimensions: number; readonly loadMs: number }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'vectors'; readonly id: number; readonly vectors: Float32Array[] }
  | { readonly type: 'error'; readonly id: number; readonly message: string };
