import type { IsoDate } from './dates';
import { maintenanceActive } from './maintenance';
import { refuse, type Refusal } from './refusal';
import { changeNeedsMaintenance, formatVersion, supportsPi, type Version } from './versions';

/**
 * Installing a release on a SmartServer, by installer or by re-imaging. Feature releases (major or
 * minor upgrades) from a licensed release need maintenance that is active on the day of the
 * change; "Update" releases and going back to the same or an older release never do. Licenses are
 * kept either way.
 */
export interface SoftwareChange {
  installCode: string;
  edition: 'standard' | 'pi';
  from: Version;
  to: Version;
  /** The SmartServer's maintenance end, if it holds maintenance. */
  maintenanceEnd?: IsoDate;
  today: IsoDate;
}

export function softwareChangeRefusal(change: SoftwareChange): Refusal | undefined {
  const { installCode, from, to, maintenanceEnd, today } = change;
  if (change.edition === 'pi' && !supportsPi(to)) {
    return refuse(
      'release-not-for-pi',
      'rule',
      `SmartServer Pi ${installCode} runs release 4.2 or later only; ${formatVersion(to)} cannot be installed on it.`,
    );
  }
  if (changeNeedsMaintenance(from, to) && !maintenanceActive(maintenanceEnd, today)) {
    const why = maintenanceEnd ? `its maintenance ended on ${maintenanceEnd}` : 'it holds no maintenance license';
    return refuse(
      'maintenance-required',
      'state',
      `Upgrading SmartServer ${installCode} from ${formatVersion(from)} to ${formatVersion(to)} needs maintenance active on ${today}, but ${why}. ` +
        `Activate a maintenance license first, or install an Update release of ${from.major}.${from.minor}, which needs none.`,
    );
  }
  return undefined;
}
