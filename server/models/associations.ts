import type { Sequelize } from 'sequelize';
import { ApiToken } from './ApiToken';
import { Assignment } from './Assignment';
import { AssignmentFootprint } from './AssignmentFootprint';
import { Conflict } from './Conflict';
import { Job } from './Job';
import { AuditEvent } from './AuditEvent';
import { BandPlanEntry } from './BandPlanEntry';
import { District } from './District';
import { Licence } from './Licence';
import { LicenceRevision } from './LicenceRevision';
import { Licensee } from './Licensee';
import { Service } from './Service';
import { Session } from './Session';
import { Station } from './Station';
import { User } from './User';
import { UserDistrict } from './UserDistrict';
import { initInspectionModels } from './inspection-associations';
import { initFeeModels } from './fee-models';
import { initImportModels } from './import-models';

/** Initialises every model on one Sequelize instance and wires their associations. */
export function initModels(sequelize: Sequelize): void {
  for (const m of [
    District,
    Service,
    BandPlanEntry,
    User,
    UserDistrict,
    ApiToken,
    AuditEvent,
    Session,
    Licensee,
    Licence,
    LicenceRevision,
    Station,
    Assignment,
    AssignmentFootprint,
    Conflict,
    Job,
  ])
    m.initModel(sequelize);
  User.hasMany(UserDistrict, { as: 'districts', foreignKey: 'userId', onDelete: 'CASCADE' });
  UserDistrict.belongsTo(User, { foreignKey: 'userId' });
  User.hasMany(ApiToken, { as: 'tokens', foreignKey: 'userId', onDelete: 'CASCADE' });
  ApiToken.belongsTo(User, { as: 'user', foreignKey: 'userId' });
  AuditEvent.belongsTo(User, { as: 'actor', foreignKey: 'actorId', constraints: false });
  Licensee.hasMany(Licence, { as: 'licences', foreignKey: 'licenseeId' });
  Licence.belongsTo(Licensee, { as: 'licensee', foreignKey: 'licenseeId' });
  Licence.hasMany(Station, { as: 'stations', foreignKey: 'licenceId', onDelete: 'CASCADE' });
  Licence.hasMany(LicenceRevision, { as: 'revisions', foreignKey: 'licenceId', onDelete: 'CASCADE' });
  Station.belongsTo(Licence, { as: 'licence', foreignKey: 'licenceId' });
  Station.hasMany(Assignment, { as: 'assignments', foreignKey: 'stationId', onDelete: 'CASCADE' });
  Assignment.belongsTo(Station, { as: 'station', foreignKey: 'stationId' });
  Assignment.hasOne(AssignmentFootprint, { as: 'footprint', foreignKey: 'assignmentId', onDelete: 'CASCADE' });
  Conflict.belongsTo(Assignment, { as: 'victim', foreignKey: 'victimAssignmentId' });
  Conflict.belongsTo(Assignment, { as: 'interferer', foreignKey: 'interfererAssignmentId' });
  initInspectionModels(sequelize);
  initFeeModels(sequelize);
  initImportModels(sequelize);
}

export {
  ApiToken,
  Assignment,
  AssignmentFootprint,
  Conflict,
  AuditEvent,
  BandPlanEntry,
  District,
  Licence,
  LicenceRevision,
  Licensee,
  Service,
  Session,
  Station,
  User,
  UserDistrict,
};
