import { pageVocabulary } from '../../kernel/plain-words';

/** The vocabulary as the ES module the pages import (`/ui/words.js`): data only, built once. */
export function wordsModule(): string {
  return `/* The emulator's vocabulary (emulator/kernel/plain-words.ts), for the pages. */\nexport default ${JSON.stringify(pageVocabulary(), null, 1)};\n`;
}
