// The engine lives in src/answer/; scripts and benchmarks written against this path keep working.
export * from '../answer/answerEngine.ts';
