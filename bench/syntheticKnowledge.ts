import type { FaqRecord, Knowledge } from '../src/knowledge/schema.ts';

/**
 * Deterministic pseudo-random numbers (mulberry32), so every run measures the same knowledge.
 * Integer multiplication goes through Math.imul: in floating point the low bits are lost and the
 * sequence repeats after ~10,000 numbers, which made most generated records copies of each other.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const vocabulary = `account agreement alliance amendment analytics api application architecture audit backup bandwidth
barrier billing boundary budget capacity certificate channel chip cloud cluster compliance compute contract cost
customer dashboard database datacenter deployment developer device distribution domain encryption energy enterprise
environment exclusive feature firewall footprint framework gateway governance growth hardware hosting identity
incident infrastructure integration invoice kernel latency license limit market migration milestone model monitoring
network partner partnership payment percentage platform policy power precedent pricing priority privacy processor
product provider quota region reliance release requirement revenue roadmap runtime scale security server service
share silicon software storage strategy subscription subsidy support technology tenant training upgrade vendor
version workload`.split(/\s+/);

const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'ze', 'pa', 'do', 'gri', 'fen', 'hal', 'mor', 'tek'];

/**
 * Real FAQ text follows Zipf's law: a few words are everywhere, most are rare. The generated
 * vocabulary is the domain words above plus made-up words, drawn with probability ∝ 1/rank.
 */
function zipfVocabulary(random: () => number, size: number): () => string {
  const words = [...vocabulary];
  while (words.length < size) {
    const length = 2 + Math.floor(random() * 3);
    words.push(Array.from({ length }, () => syllables[Math.floor(random() * syllables.length)]).join(''));
  }
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 1; rank <= words.length; rank++) cumulative.push((total += 1 / rank));
  return () => {
    const target = random() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((cumulative[mid] ?? 0) < target) low = mid + 1;
      else high = mid;
    }
    return words[low] ?? 'cloud';
  };
}

const openers = ['How does', 'Can we', 'What is the', 'When will the', 'Why does the', 'Is there a', 'Who owns the', 'Where is the'];

/**
 * The real knowledge plus `count` generated FAQ records of realistic length and word frequencies.
 * No two phrasings are alike (the validator refuses a phrasing claimed twice), so the same records
 * also load as knowledge files.
 */
export function syntheticKnowledge(base: Knowledge, count: number): Knowledge {
  const random = seededRandom(count);
  const word = zipfVocabulary(random, 20_000);
  const phrase = (words: number) => Array.from({ length: words }, word).join(' ');
  const used = new Set<string>();
  const sentence = (): string => {
    for (;;) {
      const text = `${openers[Math.floor(random() * openers.length)]} ${phrase(3 + Math.floor(random() * 5))}?`;
      const key = text.toLowerCase();
      if (!used.has(key)) {
        used.add(key);
        return text;
      }
    }
  };
  const generated: FaqRecord[] = Array.from({ length: count }, (_, i) => ({
    id: `generated-${i}`,
    question: `${sentence().slice(0, 90)} ${i}`,
    alternates: [sentence(), sentence(), sentence()],
    answer: Array.from({ length: 4 }, () => `${phrase(12)}.`).join(' '),
    quote: `${phrase(15)}.`,
    sources: ['article'],
    related: [],
  }));
  return { ...base, faq: [...base.faq, ...generated] };
}

/**
 * Throws unless `knowledge` holds `count` generated records, every phrasing and answer its own:
 * the bench's label says so.
 */
export function assertKnowledgeAsLabelled(knowledge: Knowledge, count: number): void {
  const generated = knowledge.faq.filter((faq) => faq.id.startsWith('generated-'));
  const phrasings = generated.flatMap((faq) => [faq.question.replace(/ \d+$/, ''), ...faq.alternates].map((text) => text.toLowerCase()));
  const problems = [
    generated.length !== count && `${generated.length} generated records, not ${count}`,
    new Set(phrasings).size !== phrasings.length && `${phrasings.length - new Set(phrasings).size} phrasings repeated`,
    new Set(generated.map((faq) => faq.answer)).size !== generated.length && 'answers repeated',
  ].filter((problem): problem is string => typeof problem === 'string');
  if (problems.length > 0) throw new Error(`generated knowledge is not as labelled: ${problems.join('; ')}`);
}
