/** English strings of the manager's dashboard (merged into en.ts). */
export const dashboardEn = {
  dashboard: {
    nav: 'Dashboard',
    title: 'Dashboard',
    intro:
      'The state of the register on {{date}}. Every figure opens the list behind it; every table can be exported as CSV.',
    total: 'Total',
    licences: 'Licences',
    chartAlt: 'Chart: {{title}}. The same figures are in the table next to it.',
    exportCsv: 'Export CSV ({{title}})',
    homeCard: 'Dashboard',
    homeCardHint: 'Licences by status, service and district, expiries, open conflicts and band occupancy.',
    cards: {
      total: 'licences on the register',
      inForce: 'licences in force',
      expiring: 'expiring within 90 days',
      openConflicts: 'open conflicts',
      highConflicts: 'of high severity',
    },
    sections: {
      licences: 'Licences',
      expiring: 'Expiring licences',
      conflicts: 'Open conflicts',
      occupancy: 'Band occupancy',
      inspections: 'Inspections and findings',
    },
    status: { title: 'Licences by status', caption: 'Every licence on the register by its current status.' },
    service: { title: 'Licences by service and status', caption: 'Rows: radio service; columns: status.' },
    district: {
      title: 'Licences by district and service',
      caption:
        'Licences with status {{status}}: a licence counts in every district where it has a station, so a district total may count a licence that another district also counts.',
      none: 'No station yet',
      allStatuses: 'all statuses',
      allDistricts: 'All districts',
      statusLabel: 'Licence status',
      show: 'Show',
    },
    expiring: {
      title: 'Licences expiring',
      caption: 'Issued or suspended licences whose validity ends between {{date}} and the end of the window.',
      window: 'Window',
      within_one: 'Within {{count, number}} day',
      within_other: 'Within {{count, number}} days',
    },
    conflicts: {
      title: 'Open conflicts by severity and kind',
      caption: 'Conflicts not yet acknowledged or resolved by a manager.',
    },
    bands: {
      title: 'Assignments per band-plan entry',
      caption:
        'Frequency assignments of licences with status {{status}} whose occupied range overlaps the band; a wide assignment can count in two overlapping entries.',
      band: 'Band',
      services: 'Services allowed',
      assignments: 'Assignments',
    },
    channels: {
      title: 'Assignments by frequency',
      caption:
        'Frequency assignments of licences with status {{status}}, by centre frequency. A figure opens the licences whose occupied range covers that frequency.',
      frequency: 'Frequency',
      axisMhz: 'Frequency (MHz, logarithmic)',
      show: 'Show the table of frequencies',
    },
    findings: {
      title: 'Findings open and overdue',
      caption:
        'Findings by severity: open, with action required, and overdue (open or action required, past the due date, on {{date}}). Overdue findings are also counted in their status column.',
      severity: 'Severity',
      columns: { open: 'Open', action_required: 'Action required', overdue: 'Overdue' },
      severities: { minor: 'Minor', major: 'Major', critical: 'Critical' },
    },
    visits: {
      title: 'Inspections due and done per district',
      caption:
        "Stations of licences in force overdue or due soon for inspection, and inspections completed or closed this year. The due figures open the district's due list; the done figures open its completed inspections.",
      columns: { overdue: 'Overdue', due: 'Due soon', done: 'Done this year' },
    },
  },
};
