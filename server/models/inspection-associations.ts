import type { Sequelize } from 'sequelize';
import { Finding } from './Finding';
import { Inspection } from './Inspection';
import { InspectionCorrection } from './InspectionCorrection';
import { InspectionInspector } from './InspectionInspector';
import { InspectionPhoto } from './InspectionPhoto';
import { Measurement } from './Measurement';
import { Station } from './Station';
import { User } from './User';

/** The field-inspection models and their associations (called from initModels after the core models). */
export function initInspectionModels(sequelize: Sequelize): void {
  for (const m of [Inspection, InspectionInspector, Measurement, InspectionPhoto, Finding, InspectionCorrection])
    m.initModel(sequelize);
  Inspection.belongsTo(Station, { as: 'station', foreignKey: 'stationId', constraints: false });
  Inspection.belongsToMany(User, {
    as: 'inspectors',
    through: InspectionInspector,
    foreignKey: 'inspectionId',
    otherKey: 'userId',
  });
  Inspection.hasMany(Measurement, { as: 'measurements', foreignKey: 'inspectionId', onDelete: 'CASCADE' });
  Inspection.hasMany(InspectionPhoto, { as: 'photos', foreignKey: 'inspectionId', onDelete: 'CASCADE' });
  Inspection.hasMany(Finding, { as: 'findings', foreignKey: 'inspectionId', onDelete: 'CASCADE' });
  Inspection.hasMany(InspectionCorrection, { as: 'corrections', foreignKey: 'inspectionId', onDelete: 'CASCADE' });
  Finding.belongsTo(Inspection, { as: 'inspection', foreignKey: 'inspectionId' });
}

export { Finding, Inspection, InspectionCorrection, InspectionInspector, InspectionPhoto, Measurement };
