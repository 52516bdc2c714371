import { api } from './api.js';
import { h, load, replace } from './dom.js';

/** Lists each SmartServer's CMS when the fleet overview is served (it is, unless the admin API is off). */
const section = document.getElementById('cms-section');
load(section, async () => {
  try {
    const fleet = await api('GET', '/fleet/api/overview');
    replace(
      document.getElementById('cms-links'),
      fleet.length === 0
        ? h('p', {}, 'No SmartServer has been added yet.')
        : h(
            'ul',
            { className: 'links' },
            fleet.map((s) => h('li', {}, h('a', { href: s.cmsPath }, h('strong', {}, s.name), `Install code ${s.installCode}, release ${s.version}`))),
          ),
    );
  } catch {
    document.getElementById('fleet-link').hidden = true;
  }
});
