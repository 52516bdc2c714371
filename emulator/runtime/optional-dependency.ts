/**
 * A package sslab uses for one feature only (Docker fleets, the browser run) is an optional
 * dependency: a project may not have it. Asking for it then says which package, what for and how
 * to install it, in one line, instead of a stack trace from deep inside a command.
 */
export class MissingDependency extends Error {
  constructor(
    readonly packageName: string,
    purpose: string,
    version: string,
  ) {
    super(`${purpose} needs ${packageName}, which is not installed; run "npm install ${packageName}@${version}"`);
    this.name = 'MissingDependency';
  }
}

/** The package `name`, or a MissingDependency naming it when it is not installed. */
export function requireOptional<T>(name: string, version: string, purpose: string): T {
  try {
    return require(name) as T;
  } catch (error) {
    const notFound = (error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && (error as Error).message.includes(`'${name}'`);
    if (notFound) throw new MissingDependency(name, purpose, version);
    throw error;
  }
}
