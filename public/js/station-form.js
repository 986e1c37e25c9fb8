// Station form: shows the district of the typed position and the ERP as the officer types.
import { formatNumber, livePreview } from './live-preview.js';

const form = document.querySelector('form.station-form');
if (form) {
  const district = form.querySelector('[data-derived="district"]');
  const erp = form.querySelector('[data-derived="erp"]');
  livePreview(form, {
    fields: ['latitude', 'longitude', 'txPowerW', 'antennaGainDbi', 'feederLossDb'],
    render: (r) => {
      const f = r.fields || {};
      if (district) district.textContent = r.district ? `${r.district.name} (${r.district.code})` : (f.latitude || f.longitude || '—');
      if (erp) erp.textContent = typeof r.erpW === 'number' ? `${formatNumber(r.erpW)}\u00a0W (${formatNumber(r.erpDbw)}\u00a0dBW)` : (f.txPowerW || f.antennaGainDbi || f.feederLossDb || '—');
    },
  });
}
