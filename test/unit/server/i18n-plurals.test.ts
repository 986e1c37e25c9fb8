import assert from 'node:assert/strict';
import { createI18n } from '../../../server/lib/i18n';

describe('languages: counts use plural keys', () => {
  it(
    'when one thing is counted, ' +
      'then English says it in the singular; Vietnamese has one form; numbers follow the language',
    async () => {
      const i18n = await createI18n();
      const en = i18n.getFixedT('en');
      const vi = i18n.getFixedT('vi');
      assert.equal(en('home.drafts', { count: 1 }), '1 draft licence');
      assert.equal(en('home.drafts', { count: 2 }), '2 draft licences');
      assert.equal(en('home.drafts', { count: 1234 }), '1,234 draft licences');
      assert.equal(en('inspections.overdueBy', { count: 1 }), 'Overdue by 1 day');
      assert.equal(en('dashboard.expiring.within', { count: 30 }), 'Within 30 days');
      assert.equal(vi('home.drafts', { count: 1 }), '1 giấy phép dự thảo');
      assert.equal(vi('home.drafts', { count: 1234 }), '1.234 giấy phép dự thảo');
      assert.equal(vi('inspections.overdueBy', { count: 1 }), 'Quá hạn 1 ngày');
    },
  );
});
