import type { HeldLicense } from '../../../models/smartserver';
import type { CoreContext } from '../../kernel/context';
import { tallyCells } from './devices';
import { dashboardFigures, type DashboardFigures } from './licensing';

export type FleetDashboard = DashboardFigures & { customerId: string | null };

interface Row {
  install_code: string;
  sc_id: string;
  name: string;
  version: string;
  edition: 'standard' | 'pi';
  online: number;
  customer_id: string | null;
  cells: Uint8Array | null;
  held: string | null;
}

const NO_CELLS = new Uint8Array(0);

/**
 * The dashboard figures of every SmartServer at once, in the order they were added, with each
 * SmartServer's saved Customer ID: one query for the whole fleet instead of three per SmartServer,
 * so ten thousand of them are summed in a fraction of a second.
 */
export function everyDashboard(ctx: CoreContext): FleetDashboard[] {
  // The licenses held, read on their own: most SmartServers of a large fleet hold none.
  const heldBy = new Map(
    ctx.db
      .prepare<[], { install_code: string; held: string }>('SELECT install_code, json_group_array(json(held)) AS held FROM held_licenses GROUP BY install_code')
      .all()
      .map((r) => [r.install_code, r.held]),
  );
  const rows = ctx.db
    .prepare<[], Row>(
      `SELECT s.install_code, s.sc_id, s.name, s.version, s.edition, s.online, s.customer_id, d.cells
       FROM smartservers s LEFT JOIN device_sets d ON d.install_code = s.install_code
       ORDER BY s.created_at, s.install_code`,
    )
    .all();
  const today = ctx.clock.today();
  return rows.map((row) => {
    row.held = heldBy.get(row.install_code) ?? null;
    const server = {
      installCode: row.install_code,
      segmentControllerId: row.sc_id,
      name: row.name,
      hostname: `smartserver-${row.install_code}`,
      version: row.version,
      edition: row.edition,
      online: row.online === 1,
    };
    const held = row.held && row.held !== '[]' ? (JSON.parse(row.held) as HeldLicense[]) : [];
    const figures = dashboardFigures(server, held, tallyCells(row.cells ?? NO_CELLS), today) as FleetDashboard;
    figures.customerId = row.customer_id;
    return figures;
  });
}
