import { FEATURES, featureAvailability, ROUTING_FEATURES, type Feature } from '../../../models/editions';
import { inTransaction, type CoreContext } from '../../kernel/context';
import { badInput, conflict } from '../../kernel/problems';
import { getSmartServer } from './records';
import { smartServerFacts } from './licensing';
import { optionalBoolean, requireObject } from '../../kernel/validate';

/**
 * The SmartServer's built-in features. The routing ones (LON RNI, LON routing, BACnet routing) are
 * switched on and off and work without a capacity license (CAP-8); the scheduler and data logging
 * run whenever the devices are reachable.
 */
export function smartServerFeatures(ctx: CoreContext, installCode: string) {
  const facts = smartServerFacts(ctx, getSmartServer(ctx, installCode));
  const enabled = new Set(
    ctx.db
      .prepare<[string], { feature: string }>('SELECT feature FROM smartserver_features WHERE install_code = ?')
      .all(installCode)
      .map((r) => r.feature),
  );
  return FEATURES.map((feature) => {
    const availability = featureAvailability(facts, feature);
    const routing = ROUTING_FEATURES.includes(feature);
    // Services run by themselves when available; routing runs only once switched on.
    const on = routing ? enabled.has(feature) && availability.available : availability.available;
    return { ...availability, switchable: routing, enabled: on };
  });
}

export function switchFeature(ctx: CoreContext, installCode: string, name: string, body: unknown) {
  if (!ROUTING_FEATURES.includes(name as Feature)) {
    const why = FEATURES.includes(name as Feature) ? `${name} runs by itself whenever the devices are reachable; ` : '';
    throw badInput('feature', `${why}only ${ROUTING_FEATURES.join(', ')} are switched on and off`);
  }
  const feature = name as Feature;
  const enabled = optionalBoolean(requireObject(body, 'body').enabled, 'enabled');
  if (enabled === undefined) throw badInput('enabled', 'is required and must be true or false');
  return inTransaction(ctx, () => {
    const availability = featureAvailability(smartServerFacts(ctx, getSmartServer(ctx, installCode)), feature);
    if (enabled && !availability.available) throw conflict('feature-unavailable', availability.reason!);
    if (enabled) ctx.db.prepare('INSERT OR IGNORE INTO smartserver_features (install_code, feature) VALUES (?, ?)').run(installCode, feature);
    else ctx.db.prepare('DELETE FROM smartserver_features WHERE install_code = ? AND feature = ?').run(installCode, feature);
    return smartServerFeatures(ctx, installCode).find((f) => f.feature === feature)!;
  });
}
