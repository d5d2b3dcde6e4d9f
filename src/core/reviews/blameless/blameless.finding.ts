import { z } from 'zod';

/**
 * One piece of blameful phrasing in a review. `start`/`end` are UTF-16 offsets into the string at `path`
 * (JavaScript string indices), so an editor can underline `text.slice(start, end)`.
 */
export const BlamelessFinding = z.object({
  path: z.string(),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  phrase: z.string(),
  rule: z.string(),
  message: z.string(),
  suggestion: z.string(),
});
export type BlamelessFinding = z.infer<typeof BlamelessFinding>;

/** A rule that flags a phrase wherever it appears. */
export interface PhraseRule {
  id: string;
  pattern: RegExp;
  message: string;
  suggestion: string;
}
