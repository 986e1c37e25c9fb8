/** `GET /licences/:id/certificate.pdf[?revision=N]` (staff): the certificate of an issued licence revision. */
import { Router } from 'express';
import { intOf } from '../../lib/schema-helpers';
import type { RouteDeps } from '../../lib/route-deps';
import { requireLogin } from '../../middleware/auth';
import { certificatePdf } from './certificates.service';

export function certificateRoutes({ db, config }: RouteDeps): Router {
  const r = Router();
  r.get('/licences/:id/certificate.pdf', requireLogin, async (req, res) => {
    const vi = req.i18n.getFixedT('vi');
    const en = req.i18n.getFixedT('en');
    const { pdf, data } = await certificatePdf(
      db.sequelize,
      {
        licenceId: intOf(req.params.id) ?? 0,
        revision: intOf(req.query.revision),
        publicUrl: config.publicUrl,
        authority: { name: config.authorityName, address: config.authorityAddress },
      },
      { vi: (k) => vi(k), en: (k) => en(k) },
    );
    res.set('Content-Type', 'application/pdf');
    res.set('Content-Disposition', `attachment; filename="${data.number}-r${data.revision}.pdf"`);
    res.send(pdf);
  });
  return r;
}
