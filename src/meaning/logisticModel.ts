/**
 * A logistic model: the probability that something holds from a few numbers. Features are
 * standardised by the mean and spread of the data it was fit on, so the weights compare.
 */
export interface LogisticModel {
  readonly features: readonly string[];
  readonly mean: readonly number[];
  readonly spread: readonly number[];
  readonly weights: readonly number[];
  readonly bias: number;
}

export function probability(model: LogisticModel, values: readonly number[]): number {
  let z = model.bias;
  for (let i = 0; i < model.weights.length; i++) z += (model.weights[i]! * ((values[i] ?? 0) - model.mean[i]!)) / model.spread[i]!;
  return 1 / (1 + Math.exp(-z));
}

export interface FitOptions {
  /** L2 penalty on the weights (not the bias): keeps them finite when a feature separates the data. */
  readonly penalty?: number;
  readonly iterations?: number;
  /** Each row's weight (default 1): so a large set does not drown a small one. */
  readonly rowWeights?: readonly number[];
}

/**
 * Maximum-likelihood fit by Newton's method (iteratively reweighted least squares): the same rows
 * in the same order always give the same model, to the last bit.
 */
export function fitLogistic(features: readonly string[], rows: readonly (readonly number[])[], labels: readonly boolean[], { penalty = 0.01, iterations = 50, rowWeights }: FitOptions = {}): LogisticModel {
  const n = rows.length;
  const d = features.length;
  if (n === 0) throw new Error('Nothing to fit a logistic model on.');
  const mean = features.map((_, j) => rows.reduce((sum, row) => sum + row[j]!, 0) / n);
  const spread = features.map((_, j) => Math.sqrt(rows.reduce((sum, row) => sum + (row[j]! - mean[j]!) ** 2, 0) / n) || 1);
  const z = rows.map((row) => [...row.map((x, j) => (x - mean[j]!) / spread[j]!), 1]);
  const w = new Array<number>(d + 1).fill(0);
  for (let iteration = 0; iteration < iterations; iteration++) {
    const gradient = new Array<number>(d + 1).fill(0);
    const hessian = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    for (let i = 0; i < n; i++) {
      const zi = z[i]!;
      let dot = 0;
      for (let j = 0; j <= d; j++) dot += w[j]! * zi[j]!;
      const p = 1 / (1 + Math.exp(-dot));
      const weight = rowWeights?.[i] ?? 1;
      const residual = weight * (p - (labels[i] ? 1 : 0));
      const curvature = weight * p * (1 - p);
      for (let j = 0; j <= d; j++) {
        gradient[j]! += residual * zi[j]!;
        const row = hessian[j]!;
        for (let k = 0; k <= j; k++) row[k]! += curvature * zi[j]! * zi[k]!;
      }
    }
    for (let j = 0; j <= d; j++) {
      for (let k = j + 1; k <= d; k++) hessian[j]![k] = hessian[k]![j]!;
      hessian[j]![j]! += penalty;
      if (j < d) gradient[j]! += penalty * w[j]!;
    }
    const step = solve(hessian, gradient);
    let largest = 0;
    for (let j = 0; j <= d; j++) {
      w[j]! -= step[j]!;
      largest = Math.max(largest, Math.abs(step[j]!));
    }
    if (largest < 1e-10) break;
  }
  return { features: [...features], mean, spread, weights: w.slice(0, d), bias: w[d]! };
}

/** Solves a x = b by Gaussian elimination with partial pivoting (a is small and well conditioned). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) if (Math.abs(m[row]![col]!) > Math.abs(m[pivot]![col]!)) pivot = row;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const top = m[col]!;
    for (let row = col + 1; row < n; row++) {
      const factor = m[row]![col]! / top[col]!;
      for (let k = col; k <= n; k++) m[row]![k]! -= factor * top[k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let row = n - 1; row >= 0; row--) {
    let sum = m[row]![n]!;
    for (let k = row + 1; k < n; k++) sum -= m[row]![k]! * x[k]!;
    x[row] = sum / m[row]![row]!;
  }
  return x;
}
