import type { Db, Tables } from './sql';

/**
 * The emulator's own secrets (the session secret, the offline-file signing key), in a table of their
 * own: a snapshot, a seed's copy of the rows or an export of the records never carries them, and a
 * reset keeps them, so tokens and offline files issued before stay checkable.
 */
export const SECRET_TABLES: Tables = {
  schema: 'CREATE TABLE IF NOT EXISTS secrets (key TEXT PRIMARY KEY, value TEXT NOT NULL);',
  clearOrder: [],
};

/** Tables that hold no record a user made: never copied into a snapshot, never restored from one. */
export const PRIVATE_TABLES: readonly string[] = ['meta', 'secrets', 'session_revocations', 'session_epochs'];

export function secretStore(db: Db) {
  const get = db.prepare<[string], { value: string }>('SELECT value FROM secrets WHERE key = ?');
  const put = db.prepare('INSERT INTO secrets (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  return {
    read: (key: string) => get.get(key)?.value,
    /**
     * The secret under `key`, made once. Data files from before kept their secrets in the meta
     * table; they move here on first use, so a file keeps its tokens and signing key.
     */
    ensure(key: string, make: () => string): string {
      const existing = get.get(key)?.value;
      if (existing) return existing;
      const legacy = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(key)?.value;
      const value = legacy ?? make();
      db.transaction(() => {
        put.run(key, value);
        db.prepare('DELETE FROM meta WHERE key = ?').run(key);
      })();
      return value;
    },
  };
}
