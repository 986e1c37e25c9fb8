import assert from 'node:assert/strict';
import { ConflictError, ValidationError } from '../../../server/lib/errors';
import { LICENCE_STATUSES, type LicenceStatus } from '../../../server/models/Licence';
import { ROLES, type Role } from '../../../server/models/User';
import { canDo, type LicenceFacts } from '../../../server/modules/licences/licences.policy';
import {
  acknowledgementRefusal,
  LICENCE_TRANSITIONS,
  nextRevision,
  renewalTerm,
  transitionChanges,
  type Clock,
  type LicenceState,
  type TransitionAction,
} from '../../../server/modules/licences/licences.transitions';

/** SPEC §2, written out by hand: who may do each action, from which states, to which state. */
const EXPECTED: Record<TransitionAction, { roles: Role[]; from: LicenceStatus[]; to: LicenceStatus }> = {
  submit: { roles: ['licensing_officer'], from: ['draft'], to: 'submitted' },
  return: { roles: ['manager'], from: ['submitted'], to: 'draft' },
  reject: { roles: ['manager'], from: ['submitted'], to: 'rejected' },
  issue: { roles: ['manager'], from: ['submitted'], to: 'issued' },
  suspend: { roles: ['manager'], from: ['issued'], to: 'suspended' },
  reinstate: { roles: ['manager'], from: ['suspended'], to: 'issued' },
  revoke: { roles: ['manager'], from: ['issued', 'suspended'], to: 'revoked' },
  renew: { roles: ['licensing_officer'], from: ['issued', 'expired'], to: 'draft' },
  amend: { roles: ['licensing_officer'], from: ['issued'], to: 'draft' },
};
const ACTIONS = Object.keys(EXPECTED) as TransitionAction[];

const DRAFTER = 11;
const facts = (status: LicenceStatus): LicenceFacts => ({ status, draftedById: DRAFTER, number: null, revision: 1 });
const userAs = (role: Role, id = 42) => ({ id, role });

const clock: Clock = { userId: 42, now: new Date('2026-03-10T08:00:00Z'), today: '2026-03-10' };
const licence = (over: Partial<LicenceState> = {}): LicenceState => ({
  status: 'submitted',
  type: 'frequency_equipment',
  revision: 1,
  validFrom: '2026-01-01',
  validTo: '2030-12-31',
  number: null,
  ...over,
});

/** The error a pure change throws, or null. */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return null;
}

describe('licence transitions: who may, from which states (the pure policy)', () => {
  it('the command table lists exactly the nine lifecycle actions, with the roles and states of SPEC §2', () => {
    assert.deepEqual(Object.keys(LICENCE_TRANSITIONS).sort(), [...ACTIONS].sort());
    for (const action of ACTIONS) {
      const c = LICENCE_TRANSITIONS[action];
      assert.equal(c.action, action);
      assert.deepEqual({ roles: c.roles, from: c.from, to: c.to }, EXPECTED[action], action);
    }
  });

  for (const action of ACTIONS) {
    const { roles, from } = EXPECTED[action];
    it(`${action}: only ${roles.join('/')} from ${from.join('/')}; another role 403, another state 409`, () => {
      for (const role of ROLES)
        for (const status of LICENCE_STATUSES) {
          const v = canDo(userAs(role), action, facts(status));
          const where = `${role} ${action} on ${status}`;
          if (!roles.includes(role))
            assert.deepEqual(v, { ok: false, status: 403, key: 'licences.refused.role', params: { action } }, where);
          else if (!from.includes(status))
            assert.deepEqual(
              v,
              { ok: false, status: 409, key: 'licences.refused.state', params: { action, status } },
              where,
            );
          else assert.deepEqual(v, { ok: true }, where);
        }
    });
  }

  it('issue: never by the manager who drafted the current revision (409 four-eyes); another manager may', () => {
    assert.deepEqual(canDo(userAs('manager', DRAFTER), 'issue', facts('submitted')), {
      ok: false,
      status: 409,
      key: 'licences.refused.fourEyes',
    });
    assert.deepEqual(canDo(userAs('manager'), 'issue', facts('submitted')), { ok: true });
    // Four-eyes is about issuing only: the drafter, now a manager, may still return or reject.
    assert.deepEqual(canDo(userAs('manager', DRAFTER), 'return', facts('submitted')), { ok: true });
    assert.deepEqual(canDo(userAs('manager', DRAFTER), 'reject', facts('submitted')), { ok: true });
  });
});

describe('licence transitions: the input each command reads', () => {
  it('return, reject, suspend and revoke need a reason; renew a valid date; the others take an optional note', () => {
    for (const action of ['return', 'reject', 'suspend', 'revoke'] as const) {
      assert.equal(LICENCE_TRANSITIONS[action].input.safeParse({}).success, false, action);
      assert.equal(LICENCE_TRANSITIONS[action].input.safeParse({ reason: 'Thiếu hồ sơ' }).success, true, action);
    }
    assert.equal(LICENCE_TRANSITIONS.renew.input.safeParse({}).success, false);
    assert.equal(LICENCE_TRANSITIONS.renew.input.safeParse({ validTo: '2031-02-30' }).success, false);
    assert.equal(LICENCE_TRANSITIONS.renew.input.safeParse({ validTo: '2031-12-31' }).success, true);
    for (const action of ['submit', 'issue', 'reinstate', 'amend'] as const)
      assert.equal(LICENCE_TRANSITIONS[action].input.safeParse({}).success, true, action);
  });
});

describe('licence transitions: the change each command computes (pure)', () => {
  it('submit: to submitted with the time, the return reason cleared; equipment without stations 409', () => {
    const submit = LICENCE_TRANSITIONS.submit;
    const draft = licence({ status: 'draft' });
    assert.deepEqual(submit.change(draft, { note: null }, { ...clock, stations: 2 }), {
      status: 'submitted',
      submittedAt: clock.now,
      returnReason: null,
    });
    const e = thrown(() => submit.change(draft, { note: null }, { ...clock, stations: 0 }));
    assert.ok(e instanceof ConflictError && e.messageKey === 'licences.refused.noStations');
    const band = licence({ status: 'draft', type: 'frequency_band' });
    assert.equal(submit.change(band, { note: null }, { ...clock, stations: 0 }).status, 'submitted');
    assert.equal(submit.note, undefined, 'a submission adds no note to the audit row');
  });

  it('return and reject: the reason lands in its own field and in the audit note', () => {
    const input = { reason: 'Thiếu sơ đồ' };
    assert.deepEqual(LICENCE_TRANSITIONS.return.change(licence(), input, clock), {
      status: 'draft',
      returnReason: 'Thiếu sơ đồ',
    });
    assert.deepEqual(LICENCE_TRANSITIONS.reject.change(licence(), input, clock), {
      status: 'rejected',
      rejectionReason: 'Thiếu sơ đồ',
    });
    assert.equal(LICENCE_TRANSITIONS.return.note?.(input), 'Thiếu sơ đồ');
    assert.equal(LICENCE_TRANSITIONS.reject.note?.(input), 'Thiếu sơ đồ');
  });

  it('issue: number, time and issuer; the band-plan acknowledgement only when there are warnings', () => {
    const issue = LICENCE_TRANSITIONS.issue;
    const f = { ...clock, warnings: 0, number: 'DLK-2026-00007', searchText: 'dlk-2026-00007' };
    const input = { note: null, acknowledgeWarnings: false };
    assert.deepEqual(issue.change(licence(), input, f), {
      status: 'issued',
      number: 'DLK-2026-00007',
      issuedAt: clock.now,
      issuedById: 42,
      searchText: 'dlk-2026-00007',
    });
    const acked = issue.change(licence(), { note: 'Đã kiểm tra', acknowledgeWarnings: true }, { ...f, warnings: 2 });
    assert.equal(acked.warningsAcknowledgedById, 42);
    assert.equal(acked.warningsAcknowledgedAt, clock.now);
    assert.equal(acked.warningsNote, 'Đã kiểm tra');
    assert.equal(issue.note?.({ note: 'Đã kiểm tra', acknowledgeWarnings: true }), 'Đã kiểm tra');
  });

  it('issue: warnings need the acknowledgement (409 with the count) and a note (422 on note)', () => {
    assert.equal(acknowledgementRefusal(0, { acknowledgeWarnings: false, note: null }), null);
    const noAck = acknowledgementRefusal(2, { acknowledgeWarnings: false, note: 'x' });
    assert.ok(noAck instanceof ConflictError);
    assert.equal(noAck.messageKey, 'licences.refused.warnings');
    assert.deepEqual(noAck.params, { count: 2 });
    const noNote = acknowledgementRefusal(1, { acknowledgeWarnings: true, note: null });
    assert.ok(noNote instanceof ValidationError);
    assert.deepEqual(noNote.fields, { note: { key: 'v.ackNoteRequired' } });
    assert.equal(acknowledgementRefusal(1, { acknowledgeWarnings: true, note: 'ok' }), null);
  });

  it('suspend and revoke: the reason is the status reason; reinstate clears it, or expires a lapsed licence', () => {
    const input = { reason: 'Gây nhiễu' };
    assert.deepEqual(LICENCE_TRANSITIONS.suspend.change(licence({ status: 'issued' }), input, clock), {
      status: 'suspended',
      statusReason: 'Gây nhiễu',
    });
    assert.deepEqual(LICENCE_TRANSITIONS.revoke.change(licence({ status: 'suspended' }), input, clock), {
      status: 'revoked',
      statusReason: 'Gây nhiễu',
    });
    const reinstate = LICENCE_TRANSITIONS.reinstate;
    const note = { note: 'Đã khắc phục' };
    assert.deepEqual(reinstate.change(licence({ status: 'suspended' }), note, clock), {
      status: 'issued',
      statusReason: null,
    });
    const lapsed = licence({ status: 'suspended', validTo: '2026-03-09' });
    assert.equal(reinstate.change(lapsed, note, clock).status, 'expired');
    assert.equal(reinstate.change(licence({ validTo: '2026-03-10' }), note, clock).status, 'issued', 'last day');
    assert.equal(reinstate.note?.(note), 'Đã khắc phục');
  });

  it('renew: the new term starts the day after the old one (today once expired), within the term limit', () => {
    const issued = licence({ status: 'issued', validFrom: '2021-01-01', validTo: '2026-12-31', revision: 2 });
    assert.deepEqual(renewalTerm(issued, '2031-12-31', clock.today), {
      validFrom: '2027-01-01',
      validTo: '2031-12-31',
    });
    const expired = licence({ status: 'expired', validTo: '2025-12-31' });
    assert.deepEqual(renewalTerm(expired, '2030-01-01', clock.today), {
      validFrom: '2026-03-10',
      validTo: '2030-01-01',
    });
    const tooLong = thrown(() => renewalTerm(issued, '2037-01-02', clock.today));
    assert.ok(tooLong instanceof ValidationError);
    assert.deepEqual(tooLong.fields, { validTo: { key: 'v.termTooLong', params: { years: 10 } } });
    const inverted = thrown(() => renewalTerm(issued, '2026-06-01', clock.today));
    assert.ok(inverted instanceof ValidationError && inverted.fields.validTo?.key === 'v.validToAfter');
    const change = LICENCE_TRANSITIONS.renew.change(issued, { validTo: '2031-12-31' }, clock);
    assert.deepEqual(change, nextRevision(issued, 42, { validFrom: '2027-01-01', validTo: '2031-12-31' }));
    assert.equal(change.revision, 3);
  });

  it('amend and renew: the next revision is a draft of the acting officer with the decisions cleared', () => {
    const issued = licence({ status: 'issued', revision: 4 });
    assert.deepEqual(LICENCE_TRANSITIONS.amend.change(issued, { note: null }, clock), {
      revision: 5,
      status: 'draft',
      draftedById: 42,
      validFrom: '2026-01-01',
      validTo: '2030-12-31',
      returnReason: null,
      rejectionReason: null,
      warningsAcknowledgedById: null,
      warningsAcknowledgedAt: null,
      warningsNote: null,
      submittedAt: null,
    });
    assert.ok(LICENCE_TRANSITIONS.amend.effect && LICENCE_TRANSITIONS.renew.effect, 'both keep the old revision');
  });

  it('the audit row lists the changed fields, the note, and always the status', () => {
    const before = { number: null, status: 'submitted', issuedAt: null, conditions: 'A' };
    const after = { number: 'DLK-2026-00001', status: 'issued', issuedAt: clock.now, conditions: 'A' };
    assert.deepEqual(transitionChanges(before, after, 'ok'), {
      number: { before: null, after: 'DLK-2026-00001' },
      status: { before: 'submitted', after: 'issued' },
      issuedAt: { before: null, after: clock.now },
      note: { before: null, after: 'ok' },
    });
    assert.deepEqual(Object.keys(transitionChanges(before, { ...before, status: 'draft' }, null)), ['status']);
  });
});
