/** Licensees: the holders of licences. Every change is audited; a stale edit is refused. */
import { Op, type Sequelize, type Transaction, type WhereOptions } from 'sequelize';
import type { Actor } from '../../lib/actor';
import { ConflictError, NotFoundError } from '../../lib/errors';
import { inListOrder, type ExportSource, type ListQuery } from '../../lib/export';
import type { PageRequest } from '../../lib/pagination';
import { searchTextOf, searchWhere } from '../../lib/search';
import { parseInput } from '../../lib/validation';
import { Licence } from '../../models/Licence';
import { Licensee, LICENSEE_KINDS } from '../../models/Licensee';
import { assertFresh, recordAudit, updateAudited } from '../audit/audit.service';
import { LicenseeInput, LicenseeUpdate } from './licensees.schema';

export const LICENSEE_SORTS = ['name', 'kind', 'createdAt', 'updatedAt'] as const;

export function licenseePlain(l: Licensee): Record<string, unknown> {
  return {
    name: l.name,
    kind: l.kind,
    taxCode: l.taxCode,
    idNumber: l.idNumber,
    address: l.address,
    contactPerson: l.contactPerson,
    phone: l.phone,
    email: l.email,
  };
}

export async function getLicensee(id: number, transaction?: Transaction): Promise<Licensee> {
  const l = Number.isInteger(id) ? await Licensee.findByPk(id, { transaction }) : null;
  if (!l) throw new NotFoundError('errors.licenseeNotFound');
  return l;
}

export interface LicenseeFilter {
  q?: unknown;
  kind?: unknown;
  sort: { field: (typeof LICENSEE_SORTS)[number]; dir: 'ASC' | 'DESC' };
}

/** The list's filter and order, shared by the page, the JSON list and the export. */
function licenseeListQuery(f: LicenseeFilter): ListQuery {
  const and: WhereOptions[] = [];
  const s = searchWhere(f.q);
  if (s) and.push(s);
  if (typeof f.kind === 'string' && (LICENSEE_KINDS as readonly string[]).includes(f.kind)) and.push({ kind: f.kind });
  return {
    where: { [Op.and]: and },
    order: [
      [f.sort.field, f.sort.dir],
      ['id', 'ASC'],
    ],
  };
}

export async function listLicensees(
  f: LicenseeFilter,
  page: PageRequest,
): Promise<{ rows: Licensee[]; total: number }> {
  const { rows, count } = await Licensee.findAndCountAll({
    ...licenseeListQuery(f),
    limit: page.pageSize,
    offset: page.offset,
  });
  return { rows, total: count };
}

/** The whole filtered and sorted list, batch by batch (SPEC §10.3). */
export function exportLicensees(f: LicenseeFilter): Promise<ExportSource<Licensee>> {
  return inListOrder(Licensee, licenseeListQuery(f));
}

export async function createLicensee(sequelize: Sequelize, body: unknown, actor: Actor): Promise<Licensee> {
  const input = parseInput(LicenseeInput, body);
  return sequelize.transaction(async (transaction) => {
    const l = await Licensee.create(
      {
        ...input,
        searchText: searchTextOf(input.name, input.taxCode, input.idNumber, input.address, input.contactPerson),
      },
      { transaction },
    );
    await recordAudit(transaction, {
      actor,
      entity: 'licensee',
      entityId: l.id,
      action: 'create',
      after: licenseePlain(l),
    });
    return l;
  });
}

export async function updateLicensee(sequelize: Sequelize, id: number, body: unknown, actor: Actor): Promise<Licensee> {
  return sequelize.transaction((transaction) =>
    updateAudited({
      transaction,
      actor,
      entity: 'licensee',
      load: (tx) => getLicensee(id, tx),
      values: licenseePlain,
      body,
      schema: LicenseeUpdate,
      apply: async (l, change) => {
        const { name, taxCode, idNumber, address, contactPerson } = change;
        const searchText = searchTextOf(name, taxCode, idNumber, address, contactPerson);
        await l.update({ ...change, searchText }, { transaction });
      },
    }),
  );
}

/** Only a licensee that has never held an issued licence can be deleted (with its unissued drafts). */
export async function deleteLicensee(sequelize: Sequelize, id: number, version: unknown, actor: Actor): Promise<void> {
  await sequelize.transaction(async (transaction) => {
    const l = await getLicensee(id, transaction);
    assertFresh(version, l);
    const licences = await Licence.count({ where: { licenseeId: l.id }, transaction });
    if (licences > 0) throw new ConflictError('licensees.hasLicences', { count: licences });
    const before = licenseePlain(l);
    await l.destroy({ transaction });
    await recordAudit(transaction, { actor, entity: 'licensee', entityId: id, action: 'delete', before, after: null });
  });
}

/** Every licensee as a select option (value = id), by name. */
export async function licenseeOptions(): Promise<{ value: string; label: string }[]> {
  return (await Licensee.findAll({ order: [['name', 'ASC']], attributes: ['id', 'name'] })).map((l) => ({
    value: String(l.id),
    label: l.name,
  }));
}
