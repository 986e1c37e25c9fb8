/** The `imports.commit` job: commits one checked import (imports.commit.ts) and records how it ended. */
import type { JobContext, JobHandler } from '../../jobs/runner';
import { User } from '../../models/User';
import { Import } from '../../models/import-models';
import { DistrictService } from '../districts/districts.service';
import { commitImport } from './imports.commit';

export function importCommitJob(uploadDir: string): JobHandler {
  let districts: DistrictService | null = null;
  return async (ctx: JobContext) => {
    const id = Number(ctx.job.payload.importId);
    const imp = Number.isInteger(id) ? await Import.findByPk(id) : null;
    if (!imp) return { importId: id, missing: true };
    // Idempotent: a committed import is not written twice.
    if (imp.status === 'committed') return { importId: id, ...(imp.result ?? {}) };
    districts ??= new DistrictService(ctx.sequelize);
    const user = imp.createdById ? await User.findByPk(imp.createdById) : null;
    const actor = { userId: imp.createdById, role: user?.role ?? null, ip: null, userAgent: 'tanso-import' };
    try {
      const r = await commitImport(ctx.sequelize, districts, imp, actor, uploadDir, {
        progress: (done, total, text) => ctx.progress(done, total, text),
        progressInTransaction: ctx.sequelize.getDialect() === 'postgres',
      });
      return { importId: id, ...r };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await imp.update({ status: 'failed', result: { error: message.slice(0, 500) } });
      throw err;
    }
  };
}
