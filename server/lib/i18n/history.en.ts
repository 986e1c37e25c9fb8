/** English strings of the register as of a past day (merged into en.ts). */
export const historyEn = {
  history: {
    bannerTitle: 'The register as it stood at the end of {{date}}.',
    bannerText:
      'Licences, stations and assignments are shown with the status and values they had that day; ' +
      'licensees and conflicts are shown as they are today.',
    backToToday: 'Back to today',
    pickerSummary: 'See the register on a past date',
    date: 'Date',
    show: 'Show',
    future: 'Enter today ({{today}}) or an earlier date: the register of a future day is not known yet.',
  },
};
