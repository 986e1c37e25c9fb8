/**
 * A few demo inspections and findings on top of the demo register (first start only), made through the
 * services as the demo inspector and manager would: a compliant inspection, one with excess power and an
 * overdue finding that asks for suspension, a search for an unlicensed emitter with a fine, and a
 * planned inspection.
 */
import type { Sequelize } from 'sequelize';
import type { Actor, CurrentUser } from '../../lib/actor';
import { Inspection } from '../../models/Inspection';
import { Licence } from '../../models/Licence';
import { Station } from '../../models/Station';
import { User } from '../../models/User';
import { loadActiveUser, presentCurrentUser } from '../../modules/auth/auth.service';
import type { DistrictService } from '../../modules/districts/districts.service';
import { createFinding, findingTransition } from '../../modules/inspections/findings.service';
import {
  inspectionTransition,
  logInspection,
  planInspection,
  type InspectionCtx,
} from '../../modules/inspections/inspections.service';

async function demoUser(username: string): Promise<CurrentUser | null> {
  const u = await User.findOne({ where: { username } });
  const active = u ? await loadActiveUser(u.id) : null;
  return active ? presentCurrentUser(active) : null;
}

const actorOf = (u: CurrentUser): Actor => ({ userId: u.id, role: u.role, ip: null, userAgent: 'tanso-demo-seed' });

export async function seedDemoInspections(
  sequelize: Sequelize,
  districts: DistrictService,
  uploadDir: string,
): Promise<number> {
  if ((await Inspection.count()) > 0) return 0;
  const inspector = await demoUser('inspector');
  const manager = await demoUser('manager');
  if (!inspector || !manager) return 0;
  const stations = await Station.findAll({
    where: { districtCode: inspector.districtCodes },
    include: [{ model: Licence, as: 'licence', where: { status: 'issued' }, required: true }],
    order: [['id', 'ASC']],
    limit: 3,
  });
  if (stations.length < 3) return 0;
  const [a, b, c] = stations as [Station, Station, Station];
  const ctx: InspectionCtx = { sequelize, districts, uploadDir };
  const me = actorOf(inspector);
  const log = async (body: Record<string, unknown>) => (await logInspection(ctx, body, [], inspector, me)).inspection;

  const ok = await log({
    type: 'routine',
    stationId: a.id,
    latitude: a.latitude,
    longitude: a.longitude,
    positionSource: 'gps',
    positionAccuracyM: 6,
    erpW: a.erpW,
    notes: 'Đài hoạt động đúng giấy phép.',
  });
  await inspectionTransition(ctx, ok.id, 'complete', { outcome: 'compliant' }, inspector, me);

  const hot = await log({
    type: 'complaint',
    stationId: b.id,
    latitude: b.latitude,
    longitude: b.longitude,
    positionSource: 'gps',
    positionAccuracyM: 9,
    erpW: Math.round(b.erpW * 3 * 100) / 100,
    notes: 'Dân phản ánh nhiễu; công suất phát cao hơn giấy phép.',
  });
  const f = await createFinding(
    sequelize,
    hot.id,
    {
      category: 'excess_power',
      severity: 'major',
      legalBasis: 'Nghị định 15/2020/NĐ-CP, Điều 59',
      description: 'ERP đo được gấp ba lần mức cấp phép.',
    },
    inspector,
    me,
  );
  const due = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
  await findingTransition(
    sequelize,
    f.id,
    'require_action',
    { requiredAction: 'Giảm công suất phát về mức cấp phép.', dueDate: due },
    inspector,
    me,
  );
  await findingTransition(
    sequelize,
    f.id,
    'sanction',
    { sanction: 'suspension_requested', sanctionNote: 'Không khắc phục sau thời hạn.' },
    inspector,
    me,
  );
  await inspectionTransition(ctx, hot.id, 'complete', { outcome: 'non_compliant' }, inspector, me);

  const place = await log({
    type: 'unlicensed_search',
    place: 'Khu vực chợ, phát FM không phép',
    latitude: c.latitude + 0.002,
    longitude: c.longitude + 0.002,
    positionSource: 'manual',
    frequencyHz: '99.5 MHz',
    fieldStrengthDbuv: 78,
    distanceM: 150,
  });
  const u = await createFinding(
    sequelize,
    place.id,
    {
      category: 'unlicensed_operation',
      severity: 'critical',
      legalBasis: 'Nghị định 15/2020/NĐ-CP, Điều 58',
      description: 'Máy phát FM không có giấy phép.',
    },
    inspector,
    me,
  );
  await findingTransition(
    sequelize,
    u.id,
    'sanction',
    { sanction: 'fine', fineVnd: 15_000_000, sanctionNote: 'Lập biên bản vi phạm hành chính.' },
    inspector,
    me,
  );

  const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  await planInspection(
    ctx,
    { type: 'routine', stationId: c.id, scheduledFor: inAWeek, inspectorIds: [inspector.id] },
    manager,
    actorOf(manager),
  );
  return 4;
}
