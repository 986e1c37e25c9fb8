import assert from 'node:assert/strict';
import {
  canCreate,
  canFinding,
  canInspection,
  inspectionActions,
} from '../../../server/modules/inspections/inspections.policy';

const inspector = { id: 7, role: 'inspector' as const, districtCodes: ['643', '648'] };
const colleague = { id: 8, role: 'inspector' as const, districtCodes: ['643'] };
const elsewhere = { id: 9, role: 'inspector' as const, districtCodes: ['644'] };
const manager = { id: 2, role: 'manager' as const, districtCodes: [] };
const officer = { id: 3, role: 'licensing_officer' as const, districtCodes: [] };
const ins = (status: 'planned' | 'in_progress' | 'completed' | 'closed' | 'cancelled') => ({
  status,
  districtCode: '643',
  inspectorIds: [7],
});

describe('inspections: who may do what', () => {
  it('inspectors open inspections only in their districts; managers plan anywhere; others never', () => {
    assert.deepEqual(canCreate(inspector, '648'), { ok: true });
    assert.equal(canCreate(elsewhere, '648').ok, false);
    assert.deepEqual(canCreate(manager, '999'), { ok: true });
    assert.equal(canCreate(officer, '643').ok, false);
  });

  it('only its inspectors record an inspection, until it is completed (then 409, read-only)', () => {
    assert.deepEqual(inspectionActions(inspector, ins('in_progress')), ['record', 'complete', 'addFinding']);
    const notMine = canInspection(colleague, 'record', ins('in_progress'));
    assert.ok(!notMine.ok && notMine.status === 403 && notMine.key === 'inspections.refused.notInspector');
    const other = canInspection(elsewhere, 'record', ins('in_progress'));
    assert.ok(!other.ok && other.status === 403 && other.key === 'inspections.refused.district');
    const done = canInspection(inspector, 'record', ins('completed'));
    assert.ok(!done.ok && done.status === 409 && done.key === 'inspections.refused.readOnly');
    assert.deepEqual(inspectionActions(inspector, ins('completed')), ['correct', 'addFinding']);
    assert.deepEqual(
      inspectionActions(colleague, ins('completed')),
      ['addFinding'],
      'colleagues of the district add findings, not corrections',
    );
  });

  it('managers cancel and close; they never record results', () => {
    assert.deepEqual(inspectionActions(manager, ins('planned')), ['cancel', 'replan']);
    assert.deepEqual(inspectionActions(manager, ins('completed')), ['close']);
    assert.equal(canInspection(manager, 'record', ins('planned')).ok, false);
  });

  it('only managers change the plan (date, place, inspectors), and only while it is planned', () => {
    assert.deepEqual(canInspection(manager, 'replan', ins('planned')), { ok: true });
    for (const status of ['in_progress', 'completed', 'closed', 'cancelled'] as const) {
      const v = canInspection(manager, 'replan', ins(status));
      assert.ok(
        !v.ok && v.status === 409 && v.key === 'inspections.refused.replanState' && v.params?.status === status,
        status,
      );
    }
    for (const who of [inspector, officer]) {
      const v = canInspection(who, 'replan', ins('planned'));
      assert.ok(!v.ok && v.status === 403 && v.key === 'inspections.refused.role');
    }
    assert.ok(!inspectionActions(inspector, ins('planned')).includes('replan'));
  });

  it('findings: inspectors of the district and managers follow them; resolved ones are final', () => {
    assert.deepEqual(canFinding(inspector, 'require_action', { status: 'open', districtCode: '643' }), { ok: true });
    assert.equal(canFinding(elsewhere, 'resolve', { status: 'open', districtCode: '643' }).ok, false);
    assert.deepEqual(canFinding(manager, 'escalate', { status: 'action_required', districtCode: '643' }), { ok: true });
    const final = canFinding(manager, 'escalate', { status: 'resolved', districtCode: '643' });
    assert.ok(!final.ok && final.status === 409);
    assert.equal(canFinding(officer, 'sanction', { status: 'open', districtCode: '643' }).ok, false);
  });
});
