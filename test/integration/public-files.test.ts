/**
 * What the register gives out as files (issue 13): the licence certificate (PDF with Be Vietnam Pro, text
 * read back with poppler's pdftotext, the QR code decoded with jsQR from a page rendered by pdftoppm) and the
 * open-data files made by their job (CSV with BOM, GeoJSON, KML read back with @tmcw/togeojson), with no
 * personal data of an individual and no licensee's contact details in any of them.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { kml as kmlToGeoJson } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import supertest from 'supertest';
import { jobHandlers } from '../../server/jobs';
import { JobRunner } from '../../server/jobs/runner';
import { SYSTEM_ACTOR } from '../../server/lib/actor';
import { createLogger } from '../../server/lib/logger';
import { Job } from '../../server/models/Job';
import { transition } from '../../server/modules/licences/licences.service';
import { loginAs, makeTestApp, type TestApp } from '../helpers/app';
import { userNamed } from '../helpers/factories';
import { COMPANY, licenceFor, PERSON, PERSON_POSITION, SECRETS, type Issued } from '../helpers/public-register';

const PUBLIC_URL = 'https://giayphep.example.vn';

/** A poppler tool on PATH (installed by .ci/run with poppler-utils). */
function poppler(tool: 'pdftotext' | 'pdftoppm' | 'pdfinfo'): string {
  for (const dir of (process.env.PATH ?? '/usr/bin').split(path.delimiter)) {
    const p = path.join(dir, tool);
    if (existsSync(p)) return p;
  }
  throw new Error(`${tool} not found: install poppler-utils (apt-get install poppler-utils)`);
}

function assertNoSecrets(where: string, text: string): void {
  for (const s of SECRETS) assert.ok(!text.includes(s), `${where} must not contain "${s}"`);
}

describe('public register: certificate and open data', function () {
  this.timeout(120_000);
  let t: TestApp;
  let dir: string;
  let company: Issued;
  let person: Issued;
  let draft: Issued;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'tanso-public-'));
    t = await makeTestApp({ env: { PUBLIC_URL, OPEN_DATA_DIR: path.join(dir, 'open-data') } });
    const s = t.db.sequelize;
    company = await licenceFor(
      s,
      t.districts,
      { ...COMPANY, address: 'Buôn Ma Thuột' },
      { conditions: 'Phát 24/24 giờ.' },
    );
    person = await licenceFor(s, t.districts, PERSON, PERSON_POSITION);
    draft = await licenceFor(s, t.districts, { name: 'Công ty Nháp Giấy', kind: 'enterprise' }, { status: 'draft' });
  });
  after(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('when an officer downloads a certificate, then one A4 page in exact Vietnamese, its QR to the page', async () => {
    const { agent } = await loginAs(t.app, 'officer');
    const res = await agent.get(`/licences/${company.licenceId}/certificate.pdf`).buffer(true).parse(binary);
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /application\/pdf/);
    assert.match(String(res.headers['content-disposition']), /attachment; filename="DLK-\d{4}-\d{5}-r1\.pdf"/);
    const pdf = path.join(dir, 'cert.pdf');
    writeFileSync(pdf, res.body as Buffer);
    const info = execFileSync(poppler('pdfinfo'), [pdf], { encoding: 'utf8' });
    assert.match(info, /Pages:\s+1\n/);
    assert.match(info, /Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    const text = execFileSync(poppler('pdftotext'), ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
    for (const exact of [
      'GIẤY PHÉP SỬ DỤNG TẦN SỐ VÀ THIẾT BỊ VÔ TUYẾN ĐIỆN',
      'Licence to use radio frequencies and radio equipment',
      'Công ty TNHH Phát thanh Đắk Lắk',
      'Buôn Ma Thuột',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Phát 24/24 giờ.',
      company.number,
      '6000123456',
      `12°40'00"N`,
    ])
      assert.ok(text.includes(exact), `the certificate says "${exact}"`);
    const page = await supertest(t.app).get(`/register/licences/${company.number}`);
    const code = /data-verification-code>([0-9A-Z]{4}-[0-9A-Z]{4})</.exec(page.text)?.[1];
    assert.ok(code && text.includes(code), 'the page shows the code printed on the certificate');

    execFileSync(poppler('pdftoppm'), ['-r', '150', '-png', '-singlefile', pdf, path.join(dir, 'cert')]);
    const png = PNG.sync.read(readFileSync(path.join(dir, 'cert.png')));
    const qr = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    assert.ok(qr, 'a QR code is found on the rendered page');
    assert.equal(qr.data, `${PUBLIC_URL}/register/licences/${company.number}`);
    const path_ = new URL(qr.data).pathname;
    assert.equal((await supertest(t.app).get(path_)).status, 200, 'the QR code leads to the public page');
  });

  it('when a licence is amended, then revision 1 keeps its certificate and the draft revision 2 has none', async () => {
    const officer = await userNamed('officer');
    const made = await licenceFor(t.db.sequelize, t.districts, { name: 'Công ty Sửa Giấy', kind: 'enterprise' });
    await transition({ sequelize: t.db.sequelize, licencePrefix: 'DLK' }, made.licenceId, 'amend', {}, officer, {
      ...SYSTEM_ACTOR,
      userId: officer.id,
    });
    const { agent } = await loginAs(t.app, 'manager');
    const page = await agent.get(`/licences/${made.licenceId}`);
    assert.ok(page.text.includes(`/licences/${made.licenceId}/certificate.pdf?revision=1`));
    const r1 = await agent.get(`/licences/${made.licenceId}/certificate.pdf?revision=1`).buffer(true).parse(binary);
    assert.equal(r1.status, 200);
    assert.match(String(r1.headers['content-disposition']), /-r1\.pdf/);
    assert.equal((await agent.get(`/licences/${made.licenceId}/certificate.pdf`)).status, 404);
    assert.equal((await agent.get(`/licences/${draft.licenceId}/certificate.pdf`)).status, 404);
    const anonymous = await supertest(t.app).get(`/licences/${company.licenceId}/certificate.pdf`);
    assert.equal(anonymous.status, 303, 'staff only: a visitor is sent to the login page');
  });

  it('when an admin asks for open data, then a job writes five files, parsed back, no personal data', async () => {
    const officer = await loginAs(t.app, 'officer');
    const refused = await officer.agent.post('/api/v1/open-data/refresh').set('X-CSRF-Token', officer.csrf);
    assert.equal(refused.status, 403);
    const admin = await loginAs(t.app, 'admin');
    const queued = await admin.agent.post('/api/v1/open-data/refresh').set('X-CSRF-Token', admin.csrf);
    assert.equal(queued.status, 202);
    assert.equal(queued.body.data.kind, 'opendata.refresh');
    const runner = new JobRunner({
      sequelize: t.db.sequelize,
      handlers: jobHandlers(t.config),
      logger: createLogger('silent'),
    });
    assert.equal(await runner.runOnce(), true);
    const job = await Job.findByPk(Number(queued.body.data.id));
    assert.equal(job?.status, 'succeeded', JSON.stringify(job?.error));

    const http = supertest(t.app);
    const index = await http.get('/register/data').set('Accept-Language', 'en');
    assert.equal(index.status, 200);
    assert.equal(index.headers['set-cookie'], undefined);
    assert.ok(index.text.includes('Data dictionary'));
    const files: Record<string, string> = {};
    for (const name of ['licences.csv', 'stations.csv', 'assignments.csv', 'stations.geojson', 'register.kml']) {
      const res = await http.get(`/register/data/${name}`).buffer(true).parse(binary);
      assert.equal(res.status, 200, name);
      assert.match(
        String(res.headers['content-disposition']),
        new RegExp(`attachment; filename="?${name.replace('.', '\\.')}"?`),
      );
      assert.ok(res.headers.etag, `${name} has an ETag`);
      const again = await http.get(`/register/data/${name}`).set('If-None-Match', String(res.headers.etag));
      assert.equal(again.status, 304, `${name} again`);
      files[name] = (res.body as Buffer).toString('utf8');
      assertNoSecrets(name, files[name]);
      assert.ok(index.text.includes(name));
    }
    for (const csv of ['licences.csv', 'stations.csv', 'assignments.csv'])
      assert.ok(files[csv]?.startsWith('\uFEFF'), `${csv} starts with a BOM`);
    const licences = (files['licences.csv'] ?? '').split('\n');
    assert.equal(
      licences[0],
      '\uFEFFnumber,revision,type,service,status,validFrom,validTo,licenseeName,licenseeKind,districtCodes',
    );
    assert.ok(licences.some((l) => l.startsWith(`${company.number},1,`) && l.includes(COMPANY.name)));
    assert.ok(licences.some((l) => l.startsWith(`${person.number},1,`) && l.includes('Cá nhân / Individual')));
    assert.ok(!licences.some((l) => l.includes('Công ty Nháp Giấy')), 'a draft is not published');
    const stations = files['stations.csv'] ?? '';
    assert.ok(stations.includes(`,${person.number},`) && stations.includes(',12.67,108.03,true,'));

    const geo = JSON.parse(files['stations.geojson'] ?? '{}');
    assert.equal(geo.type, 'FeatureCollection');
    const personPoint = geo.features.find(
      (f: { properties: { licenceNumber: string } }) => f.properties.licenceNumber === person.number,
    );
    assert.deepEqual(personPoint.geometry.coordinates, [108.03, 12.67]);

    const doc = new DOMParser().parseFromString(files['register.kml'] ?? '', 'text/xml');
    const back = kmlToGeoJson(doc as unknown as Document);
    const points = back.features.filter((f) => f.geometry?.type === 'Point');
    const polygons = back.features.filter((f) => f.geometry?.type === 'Polygon');
    assert.equal(points.length, geo.features.length, 'every station is a placemark');
    assert.ok(polygons.length >= 2, 'footprints are polygons');
    assert.ok(points.every((f) => String(f.properties?.styleUrl).startsWith('#station-')));
    assert.ok(polygons.every((f) => String(f.properties?.styleUrl).startsWith('#footprint-')));
    assert.ok(
      points.some((f) => f.properties?.['icon-color']),
      'styles resolve to colours',
    );
  });
});

/** supertest parser keeping a binary body as a Buffer. */
function binary(res: supertest.Response, cb: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
}
