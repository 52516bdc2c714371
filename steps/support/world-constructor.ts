import { setWorldConstructor } from '@cucumber/cucumber';
import { World } from './world';

/**
 * The bundled World for every scenario. Set apart from world.ts so that a team's code can import
 * the World (to subclass it, or for its type) outside a cucumber run; a team's support code that
 * calls setWorldConstructor with a subclass loads after this and wins.
 */
setWorldConstructor(World);
