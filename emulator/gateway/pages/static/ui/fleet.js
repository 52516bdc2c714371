import { api } from './api.js';
import { clearProblem, dataTable, h, load, replace, showProblem } from './dom.js';

/** The fleet overview: one row per SmartServer, built from GET /fleet/api/overview. */
const $ = (id) => document.getElementById(id);
const ATTENTION = 'License attention: the device capacity is zero or below the number of defined devices';

const colours = (counts) =>
  h(
    'span',
    { className: 'counts' },
    Object.entries(counts)
      // Purple, blue and green always show; the rarer colours only when a device has them.
      .filter(([colour, n]) => n > 0 || ['purple', 'blue', 'green'].includes(colour))
      .map(([colour, n]) => h('span', {}, h('span', { className: `dot ${colour}`, 'aria-hidden': 'true' }), `${colour}: ${n}`)),
  );

async function refresh() {
  clearProblem($('fleet-problem'));
  await load($('fleet'), async () => {
    try {
      const fleet = await api('GET', '/fleet/api/overview');
      replace(
        $('fleet-table'),
        dataTable(
          'SmartServer fleet',
          [
            { header: 'SmartServer', cell: (s) => h('a', { href: s.cmsPath }, s.name) },
            { header: 'Install Code', cell: (s) => h('code', {}, s.installCode) },
            { header: 'Release', cell: (s) => `${s.version}${s.edition === 'pi' ? ' (Pi)' : ''}` },
            { header: 'Internet', cell: (s) => (s.online ? 'Connected' : 'Not connected') },
            { header: 'Capacity', cell: (s) => String(s.capacity), className: 'num' },
            { header: 'Used', cell: (s) => String(s.usedCapacity), className: 'num' },
            { header: 'Badge', cell: (s) => (s.badge ? h('span', { className: 'badge', role: 'img', 'aria-label': ATTENTION, title: ATTENTION }, '!') : '') },
            {
              header: 'Maintenance',
              cell: (s) =>
                h(
                  'span',
                  { className: 'maintenance', title: s.maintenance.ends ? `Maintenance end date: ${s.maintenance.ends}` : 'No maintenance license is held' },
                  s.maintenance.status,
                ),
            },
            { header: 'Devices by colour', cell: (s) => colours(s.devicesByColour) },
          ],
          fleet,
          'No SmartServer has been added yet.',
        ),
      );
      $('refreshed').textContent = `Updated ${new Date().toLocaleTimeString()}`;
    } catch (error) {
      showProblem($('fleet-problem'), error);
    }
  });
}

$('refresh').addEventListener('click', refresh);
setInterval(() => {
  if (document.visibilityState === 'visible') refresh();
}, 10_000);
refresh();
