export { BlamelessFinding } from './blameless.finding.js';
export type { PhraseRule } from './blameless.finding.js';
export { PHRASE_RULES } from './blameless.rules.js';
export { checkBlamelessLanguage, checkText } from './blameless.check.js';
export { findPeopleAsCauses, knownNames } from './blameless.people.js';
export { collectStrings } from './blameless.walk.js';
export type { StringAt } from './blameless.walk.js';
