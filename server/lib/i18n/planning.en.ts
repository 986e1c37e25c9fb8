/** English strings of the channel finder (merged into en.ts). */
export const planningEn = {
  planning: {
    nav: 'Channel finder',
    title: 'Find a free channel',
    intro:
      'For a candidate site, service, power and antenna: every channel of the band plan in the range, checked ' +
      'against the band plan and the register as the live check does (both directions), free channels first.',
    forStation: 'For station {{name}}: a click on a channel opens its new assignment form, filled in.',
    withoutStation: 'Search without a station',
    fromStationHint:
      'Open the finder from a station page (“Find a free channel”) to fill this form with the station and ' +
      'to open its new assignment form with one click.',
    noStationNote: 'No station chosen: open the finder from a station page to assign a channel with one click.',
    site: 'Candidate site',
    channels: 'Channels',
    from: 'From',
    to: 'To',
    rangeHint: 'With its unit, e.g. 150 MHz. At most {{max}} channels per search.',
    find: 'Find channels',
    results: 'Channels, best first',
    summary:
      '{{total}} channels: {{free}} free, {{conflicts}} with conflicts, {{notAllowed}} not allowed by the band plan.',
    measured: '{{neighbours}} register assignments nearby, {{ms}} ms.',
    statuses: { free: 'Free', conflicts: 'Conflicts', not_allowed: 'Not allowed' },
    conflictCount_one: '{{count}} conflict',
    conflictCount_other: '{{count}} conflicts',
    margin: 'worst margin {{margin}} dB',
    noMargin: 'no assignment within reach on or beside this channel',
    marginNote:
      'Worst margin: over every register assignment on or beside the channel, in both directions, the ' +
      'victim’s protected level minus the interferer’s strongest field on the victim’s protected coverage edge. ' +
      'Positive: clear by that much; zero or below: interfering.',
    more: '(and {{count}} more)',
    use: 'Use {{frequency}}: open the new assignment form',
    why:
      '{{kind}}, {{mechanism}}: the candidate {{direction}} {{station}} ({{frequency}}); ' +
      '{{severity}}, {{overlap}} % overlap',
    whyIntermod: 'Intermodulation {{formula}}: the candidate {{direction}} {{station}} ({{frequency}}); {{severity}}',
    chart: {
      label:
        'Channels along the band: conflicts per channel, free channels as circles on zero, not allowed as crosses.',
      caption:
        'Along the band: the number of conflicts of each channel. Free: circles; conflicts: triangles; not ' +
        'allowed by the band plan: crosses. The list below holds the same channels.',
      x: 'Frequency (MHz)',
      y: 'Conflicts',
    },
  },
};

export const planningValidationEn = {
  planningRangeOrder: 'The end of the range must be above its start.',
  planningTooManyChannels: 'This range holds more than {{max}} channels: narrow it.',
  planningNoChannels: 'The band plan has no channel of this width in this range.',
};
