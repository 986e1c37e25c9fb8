/** Services (engineering defaults) and the band plan: reference data, read by all staff, edited by admins. */
import { Op, type Sequelize, type Transaction } from 'sequelize';
import type { Actor } from '../../lib/actor';
import { NotFoundError, ValidationError, type FieldErrors } from '../../lib/errors';
import { formatter } from '../../lib/format';
import { parseInput } from '../../lib/validation';
import { BandPlanEntry } from '../../models/BandPlanEntry';
import { Service, type ServiceCode } from '../../models/Service';
import { assertFresh, recordAudit, updateAudited } from '../audit/audit.service';
import { BandPlanInput, BandPlanUpdate, ServiceUpdate } from './reference.schema';

export function listServices(): Promise<Service[]> {
  return Service.findAll({ order: [['id', 'ASC']] });
}

export async function getService(code: string, transaction?: Transaction): Promise<Service> {
  const s = await Service.findOne({ where: { code }, transaction });
  if (!s) throw new NotFoundError('errors.serviceNotFound');
  return s;
}

function servicePlain(s: Service): Record<string, unknown> {
  const {
    id: _id,
    createdAt: _c,
    updatedAt: _u,
    ...rest
  } = s.get({ plain: true }) as Service & Record<string, unknown>;
  return rest;
}

export async function updateService(sequelize: Sequelize, code: string, body: unknown, actor: Actor): Promise<Service> {
  return sequelize.transaction((transaction) =>
    updateAudited({
      transaction,
      actor,
      entity: 'service',
      entityId: (s) => s.code,
      load: (tx) => getService(code, tx),
      values: servicePlain,
      body,
      schema: ServiceUpdate,
      apply: async (s, change) => {
        await s.update(change, { transaction });
      },
    }),
  );
}

export interface BandPlanFilter {
  service?: string;
}

export function listBandPlan(filter: BandPlanFilter = {}): Promise<BandPlanEntry[]> {
  return BandPlanEntry.findAll({
    order: [
      ['lowHz', 'ASC'],
      ['highHz', 'ASC'],
      ['id', 'ASC'],
    ],
  }).then((rows) => (filter.service ? rows.filter((r) => r.services.includes(filter.service as ServiceCode)) : rows));
}

export async function getBandPlanEntry(id: number, transaction?: Transaction): Promise<BandPlanEntry> {
  const e = Number.isInteger(id) ? await BandPlanEntry.findByPk(id, { transaction }) : null;
  if (!e) throw new NotFoundError('errors.entryNotFound');
  return e;
}

/**
 * Rules beyond the shape of the input: the range is not inverted, the raster fits, and no other entry
 * allowing one of the same services overlaps it (ranges are half-open: touching is fine).
 */
async function checkBandRules(input: BandPlanInput, selfId: number | null, transaction: Transaction): Promise<void> {
  const fields: FieldErrors = {};
  if (input.highHz <= input.lowHz) fields.highHz = { key: 'v.rangeInverted' };
  if (input.channelRasterHz != null && input.highHz > input.lowHz && input.channelRasterHz > input.highHz - input.lowHz)
    fields.channelRasterHz = { key: 'v.rasterTooWide' };
  if (!fields.highHz) {
    const others = await BandPlanEntry.findAll({
      where: {
        lowHz: { [Op.lt]: input.highHz },
        highHz: { [Op.gt]: input.lowHz },
        ...(selfId ? { id: { [Op.ne]: selfId } } : {}),
      },
      transaction,
    });
    const clash = others.find((o) => o.services.some((s) => input.services.includes(s)));
    if (clash) {
      const f = formatter('en');
      const service = clash.services.find((s) => input.services.includes(s)) as string;
      fields.lowHz = {
        key: 'v.rangeOverlap',
        params: { range: `${f.frequency(clash.lowHz)} – ${f.frequency(clash.highHz)}`, id: clash.id, service },
      };
    }
  }
  if (Object.keys(fields).length) throw new ValidationError(fields);
}

function bandPlain(e: BandPlanEntry): Record<string, unknown> {
  return {
    lowHz: e.lowHz,
    highHz: e.highHz,
    services: e.services,
    channelRasterHz: e.channelRasterHz,
    note: e.note,
    source: e.source,
    version: e.version,
  };
}

export async function createBandPlanEntry(sequelize: Sequelize, body: unknown, actor: Actor): Promise<BandPlanEntry> {
  const input = parseInput(BandPlanInput, body);
  return sequelize.transaction(async (transaction) => {
    await checkBandRules(input, null, transaction);
    const e = await BandPlanEntry.create(input, { transaction });
    await recordAudit(transaction, {
      actor,
      entity: 'band_plan_entry',
      entityId: e.id,
      action: 'create',
      after: bandPlain(e),
    });
    return e;
  });
}

export async function updateBandPlanEntry(
  sequelize: Sequelize,
  id: number,
  body: unknown,
  actor: Actor,
): Promise<BandPlanEntry> {
  return sequelize.transaction((transaction) =>
    updateAudited({
      transaction,
      actor,
      entity: 'band_plan_entry',
      load: (tx) => getBandPlanEntry(id, tx),
      values: bandPlain,
      body,
      schema: BandPlanUpdate,
      apply: async (e, change, input) => {
        await checkBandRules(input, e.id, transaction);
        await e.update(change, { transaction });
      },
    }),
  );
}

export async function deleteBandPlanEntry(
  sequelize: Sequelize,
  id: number,
  version: unknown,
  actor: Actor,
): Promise<void> {
  await sequelize.transaction(async (transaction) => {
    const e = await getBandPlanEntry(id, transaction);
    assertFresh(version, e);
    const before = bandPlain(e);
    await e.destroy({ transaction });
    await recordAudit(transaction, {
      actor,
      entity: 'band_plan_entry',
      entityId: id,
      action: 'delete',
      before,
      after: null,
    });
  });
}
