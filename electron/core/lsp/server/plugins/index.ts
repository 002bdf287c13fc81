import type { LanguagePlugin } from '../LanguagePlugin';
import { goPlugin } from './go/goPlugin';
import { pythonPlugin } from './python/pythonPlugin';
import { rustPlugin } from './rust/rustPlugin';
import { typescriptPlugin } from './typescript/typescriptPlugin';

/** Every language the server knows; a new language is a folder here and one entry in this list. */
export const LANGUAGE_PLUGINS: readonly LanguagePlugin[] = [typescriptPlugin, pythonPlugin, rustPlugin, goPlugin];
