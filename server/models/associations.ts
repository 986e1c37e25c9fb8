import type { Sequelize } from 'sequelize';
import { ApiToken } from './ApiToken';
import { AuditEvent } from './AuditEvent';
import { BandPlanEntry } from './BandPlanEntry';
import { District } from './District';
import { Service } from './Service';
import { Session } from './Session';
import { User } from './User';
import { UserDistrict } from './UserDistrict';

/** Initialises every model on one Sequelize instance and wires their associations. */
export function initModels(sequelize: Sequelize): void {
  for (const m of [District, Service, BandPlanEntry, User, UserDistrict, ApiToken, AuditEvent, Session]) m.initModel(sequelize);
  User.hasMany(UserDistrict, { as: 'districts', foreignKey: 'userId', onDelete: 'CASCADE' });
  UserDistrict.belongsTo(User, { foreignKey: 'userId' });
  User.hasMany(ApiToken, { as: 'tokens', foreignKey: 'userId', onDelete: 'CASCADE' });
  ApiToken.belongsTo(User, { as: 'user', foreignKey: 'userId' });
  AuditEvent.belongsTo(User, { as: 'actor', foreignKey: 'actorId', constraints: false });
}

export { ApiToken, AuditEvent, BandPlanEntry, District, Service, Session, User, UserDistrict };
