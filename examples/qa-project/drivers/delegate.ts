/**
 * Every operation of sslab's own driver, bound to it: what our staging does exactly as the
 * emulator does is handed on, and a driver of ours replaces only what differs.
 */
export function delegateTo<S extends object>(driver: S): S {
  const operations: Record<string, unknown> = {};
  for (let proto = Object.getPrototypeOf(driver); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const value = (driver as Record<string, unknown>)[name];
      if (name !== 'constructor' && typeof value === 'function' && !(name in operations)) operations[name] = value.bind(driver);
    }
  }
  return operations as S;
}
