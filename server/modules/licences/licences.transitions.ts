/**
 * The licence lifecycle (SPEC §2) as a table of commands. Each says who may and from which states
 * (LICENCE_RULES, checked by canDo), the input it reads, what it reads or refuses in the database
 * (`prepare`), the change it makes (`change`, pure), what it keeps before writing (`effect`) and the note
 * its audit row adds. `transition()` in licences.service.ts runs them, one transaction each.
 */
import type { Sequelize, Transaction } from 'sequelize';
import type { z } from 'zod';
import { addDays } from '../../lib/dates';
import { ConflictError, ValidationError } from '../../lib/errors';
import { parseInput } from '../../lib/validation';
import type { Licence, LicenceStatus } from '../../models/Licence';
import { LicenceRevision } from '../../models/LicenceRevision';
import { Station } from '../../models/Station';
import type { Role } from '../../models/User';
import { blockingConflicts } from '../conflicts/conflicts.service';
import { nextLicenceNumber } from './licence-number';
import { bandPlanWarnings, licenceSearchText, snapshotOf } from './licence-records';
import { LICENCE_RULES, type LicenceAction } from './licences.policy';
import { IssueInput, PlainActionInput, ReasonInput, RenewInput, termProblem } from './licences.schema';

export type TransitionAction = Exclude<LicenceAction, 'edit' | 'delete'>;

/** The fields a transition writes. */
export type LicenceChange = Partial<
  Pick<
    Licence,
    | 'status'
    | 'number'
    | 'revision'
    | 'draftedById'
    | 'validFrom'
    | 'validTo'
    | 'issuedAt'
    | 'issuedById'
    | 'submittedAt'
    | 'rejectionReason'
    | 'returnReason'
    | 'statusReason'
    | 'warningsAcknowledgedById'
    | 'warningsAcknowledgedAt'
    | 'warningsNote'
    | 'searchText'
  >
>;

/** What a change may depend on besides the licence and the input: who acts, and when. */
export interface Clock {
  userId: number;
  now: Date;
  today: string;
}

export interface TransitionEnv {
  sequelize: Sequelize;
  licencePrefix: string;
  transaction: Transaction;
  clock: Clock;
}

/** The parts of a licence the pure changes read. */
export type LicenceState = Pick<Licence, 'status' | 'type' | 'revision' | 'validFrom' | 'validTo' | 'number'>;

interface Spec<I, F> {
  input: z.ZodType<I>;
  /** Reads and refusals against the database, and numbering: the facts the change needs (with the clock). */
  prepare: (l: Licence, input: I, env: TransitionEnv) => Promise<F>;
  /** The change (pure; it may refuse): from the licence, the input and the facts to the fields written. */
  change: (l: LicenceState, input: I, facts: F) => LicenceChange;
  /** Kept before the change is written (the superseded revision). */
  effect?: (l: Licence, env: TransitionEnv) => Promise<void>;
  /** The note the audit row records beside the changed fields. */
  note?: (input: I) => string | null;
}

export interface TransitionCommand {
  action: TransitionAction;
  roles: readonly Role[];
  from: readonly LicenceStatus[];
  to: LicenceStatus | null;
  /** Parses the body (422), prepares, computes the change and keeps what must be kept; writes nothing else. */
  run: (l: Licence, body: unknown, env: TransitionEnv) => Promise<{ change: LicenceChange; note: string | null }>;
}

function command<I, F>(action: TransitionAction, spec: Spec<I, F>): TransitionCommand & Spec<I, F> {
  return {
    action,
    ...LICENCE_RULES[action],
    ...spec,
    async run(l, body, env) {
      const input = parseInput(spec.input, body);
      const facts = await spec.prepare(l, input, env);
      const change = spec.change(l, input, facts);
      await spec.effect?.(l, env);
      return { change, note: spec.note?.(input) ?? null };
    },
  };
}

const clockOnly = async (_l: Licence, _input: unknown, env: TransitionEnv): Promise<Clock> => env.clock;
const reason = (input: { reason: string }): string => input.reason;

/** Band-plan warnings need a manager's acknowledgement (409) with a note (422) before issuing. */
export function acknowledgementRefusal(
  warnings: number,
  input: { acknowledgeWarnings: boolean; note: string | null },
): ConflictError | ValidationError | null {
  if (warnings && !input.acknowledgeWarnings)
    return new ConflictError('licences.refused.warnings', { count: warnings });
  if (warnings && !input.note) return new ValidationError({ note: { key: 'v.ackNoteRequired' } });
  return null;
}

/** A renewal starts the day after the old term (today once expired) and keeps within the term limit (422). */
export function renewalTerm(l: LicenceState, validTo: string, today: string): { validFrom: string; validTo: string } {
  const validFrom = l.status === 'expired' ? today : addDays(l.validTo, 1);
  const p = termProblem(l.type, validFrom, validTo);
  if (p) throw new ValidationError({ validTo: p });
  return { validFrom, validTo };
}

/** Amending or renewing opens the next revision as a draft of the acting officer. */
export function nextRevision(
  l: LicenceState,
  userId: number,
  term: { validFrom: string; validTo: string },
): LicenceChange {
  return {
    revision: l.revision + 1,
    status: 'draft',
    draftedById: userId,
    validFrom: term.validFrom,
    validTo: term.validTo,
    returnReason: null,
    rejectionReason: null,
    warningsAcknowledgedById: null,
    warningsAcknowledgedAt: null,
    warningsNote: null,
    submittedAt: null,
  };
}

const keepRevision =
  (reasonCode: 'renew' | 'amend') =>
  async (l: Licence, { transaction }: TransitionEnv): Promise<void> => {
    const snapshot = await snapshotOf(l, transaction);
    await LicenceRevision.create(
      { licenceId: l.id, revision: l.revision, reason: reasonCode, snapshot },
      { transaction },
    );
  };

export const LICENCE_TRANSITIONS = {
  submit: command('submit', {
    input: PlainActionInput,
    prepare: async (l, _input, { transaction, clock }) => ({
      ...clock,
      stations: await Station.count({ where: { licenceId: l.id }, transaction }),
    }),
    change: (l, _input, f) => {
      if (l.type === 'frequency_equipment' && f.stations === 0) throw new ConflictError('licences.refused.noStations');
      return { status: 'submitted', submittedAt: f.now, returnReason: null };
    },
  }),
  return: command('return', {
    input: ReasonInput,
    prepare: clockOnly,
    change: (_l, input) => ({ status: 'draft', returnReason: input.reason }),
    note: reason,
  }),
  reject: command('reject', {
    input: ReasonInput,
    prepare: clockOnly,
    change: (_l, input) => ({ status: 'rejected', rejectionReason: input.reason }),
    note: reason,
  }),
  issue: command('issue', {
    input: IssueInput,
    prepare: async (l, input, { sequelize, licencePrefix, transaction, clock }) => {
      const blocking = await blockingConflicts(l.id, transaction);
      if (blocking.length)
        throw new ConflictError('licences.refused.conflicts', {
          count: blocking.length,
          ids: blocking.map((c) => `#${c.id}`).join(', '),
        });
      const warnings = (await bandPlanWarnings(l.id, transaction)).length;
      const refusal = acknowledgementRefusal(warnings, input);
      if (refusal) throw refusal;
      const number =
        l.number ?? (await nextLicenceNumber(sequelize, transaction, licencePrefix, clock.now.getFullYear()));
      const searchText = await licenceSearchText(
        { number, licenseeId: l.licenseeId, conditions: l.conditions },
        transaction,
      );
      return { ...clock, warnings, number, searchText };
    },
    change: (_l, input, f) => ({
      status: 'issued',
      number: f.number,
      issuedAt: f.now,
      issuedById: f.userId,
      ...(f.warnings
        ? { warningsAcknowledgedById: f.userId, warningsAcknowledgedAt: f.now, warningsNote: input.note }
        : {}),
      searchText: f.searchText,
    }),
    note: (input) => input.note,
  }),
  suspend: command('suspend', {
    input: ReasonInput,
    prepare: clockOnly,
    change: (_l, input) => ({ status: 'suspended', statusReason: input.reason }),
    note: reason,
  }),
  reinstate: command('reinstate', {
    input: PlainActionInput,
    prepare: clockOnly,
    // A licence whose term ended while suspended comes back expired.
    change: (l, _input, f) => ({ status: l.validTo < f.today ? 'expired' : 'issued', statusReason: null }),
    note: (input) => input.note,
  }),
  revoke: command('revoke', {
    input: ReasonInput,
    prepare: clockOnly,
    change: (_l, input) => ({ status: 'revoked', statusReason: input.reason }),
    note: reason,
  }),
  renew: command('renew', {
    input: RenewInput,
    prepare: clockOnly,
    change: (l, input, f) => nextRevision(l, f.userId, renewalTerm(l, input.validTo, f.today)),
    effect: keepRevision('renew'),
  }),
  amend: command('amend', {
    input: PlainActionInput,
    prepare: clockOnly,
    change: (l, _input, f) => nextRevision(l, f.userId, { validFrom: l.validFrom, validTo: l.validTo }),
    effect: keepRevision('amend'),
  }),
} satisfies Record<TransitionAction, TransitionCommand>;

/**
 * The audit row of a transition: before/after of the fields that changed, the note if any, and the
 * status (always listed).
 */
export function transitionChanges(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  note: string | null,
): Record<string, { before: unknown; after: unknown }> {
  const changes: Record<string, { before: unknown; after: unknown }> = Object.fromEntries(
    Object.entries(after)
      .filter(([k, v]) => JSON.stringify(before[k]) !== JSON.stringify(v))
      .map(([k, v]) => [k, { before: before[k] ?? null, after: v ?? null }]),
  );
  if (note) changes.note = { before: null, after: note };
  return { ...changes, status: { before: before.status, after: after.status } };
}
