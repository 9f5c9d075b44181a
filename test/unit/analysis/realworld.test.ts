/**
 * Correct training code shaped like well-known public repositories (pytorch/examples, transformers
 * and accelerate examples, timm, Lightning, torchvision references, nanoGPT, DeepSpeed): the
 * analyser must stay silent on all of it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { brief, getAnalyzer } from './helpers';

const dir = path.resolve(__dirname, '../../fixtures/analysis/real');

describe('real-world training code is silent', () => {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.py')).sort()) {
    it(file, async () => {
      const analyzer = await getAnalyzer();
      expect(brief(analyzer.analyzeText(readFileSync(path.join(dir, file), 'utf8')))).toEqual([]);
    });
  }
});
