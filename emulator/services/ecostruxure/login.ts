import type { FastifyInstance, FastifyRequest } from 'fastify';
import { principalOf } from '../../api-kit/auth';
import { ecoStruxureAuth } from '../../api-kit/security';
import type { CoreContext } from '../../kernel/context';
import { utf8 } from '../../kernel/encoding';
import type { Emulator } from '../../kernel/emulator';
import { generatePassword } from '../../kernel/passwords';
import { forbidden, Problem } from '../../kernel/problems';
import { secretStore } from '../../kernel/secrets';
import { requireObject, requireString } from '../../kernel/validate';

/** The Device Administrator's login: one operator account per emulator. */
export interface EcoStruxureLogin {
  username: string;
  password: string;
}

const KEY = 'ecostruxure-login';

/**
 * The operator account of this emulator's EcoStruxure routes, made once: the password given (the
 * CLI's --ecostruxure-password) or a random one. It is kept with the emulator's other secrets, so
 * the CLI can print it at every start and the control plane can hand it to a test.
 */
export function ecoStruxureLogin(ctx: CoreContext, given?: string): EcoStruxureLogin {
  const secrets = secretStore(ctx.db);
  const stored = secrets.ensure(KEY, () => JSON.stringify({ username: 'administrator', password: given ?? generatePassword(ctx.crypto) }));
  const login = JSON.parse(stored) as EcoStruxureLogin;
  if (given !== undefined && given !== login.password) {
    const changed = { ...login, password: given };
    ctx.db.prepare('UPDATE secrets SET value = ? WHERE key = ?').run(JSON.stringify(changed), KEY);
    return changed;
  }
  return login;
}

const invalidCredentials = () => new Problem(401, 'invalid-credentials', 'The user name or password is not right.');

/** Logs the Device Administrator in; throttled like every other login. */
export function ecoStruxureSession(ctx: CoreContext, body: unknown, source: string) {
  const input = requireObject(body, 'body');
  const username = requireString(input.username, 'username', 60);
  const password = requireString(input.password, 'password', 200);
  return ctx.logins.attempt({ identity: `ecostruxure:${username}`, source }, () => {
    const login = ecoStruxureLogin(ctx);
    const same = (a: string, b: string) => ctx.crypto.equal(utf8(a), utf8(b));
    // Both compared, so timing does not tell which part was wrong.
    const userMatches = same(username, login.username);
    const passwordMatches = same(password, login.password);
    if (!userMatches || !passwordMatches) throw invalidCredentials();
    return ctx.tokens.issue({ kind: 'ecostruxure', username });
  });
}

/** Refuses a request without a Device Administrator session. */
export function requireEcoStruxureSession(emulator: Emulator, request: FastifyRequest): void {
  const principal = principalOf(emulator, request);
  if (principal.kind !== 'ecostruxure')
    throw forbidden('ecostruxure-only', 'This operation belongs to EcoStruxure Device Administrator; log in at /ecostruxure/api/session.');
}

/** Every route registered through `routes` needs a Device Administrator session. */
export function behindEcoStruxureLogin(app: FastifyInstance, emulator: Emulator, routes: (scope: FastifyInstance) => void): void {
  app.register(async (scope) => {
    // The API document declares the session on each of them (the schema is the one the document holds).
    scope.addHook('onRoute', (route) => {
      if (route.schema) (route.schema as { security?: unknown }).security = ecoStruxureAuth;
    });
    // After the body is read, as every other operation checks its session: a body that is not JSON is a 400 first.
    scope.addHook('preValidation', async (request) => requireEcoStruxureSession(emulator, request));
    routes(scope);
  });
}
