/**
 * The channel finder (issue 16 item 1, SPEC §12): POST /api/v1/planning/channels and the /planning page.
 * Every channel of the raster in the range, ranked free first; each channel's conflicts exactly the live
 * check's (POST /api/v1/conflicts/check) for the same candidate on that channel; 422 per field; nothing
 * written; one click to the station's new assignment form, filled.
 */
import assert from 'node:assert/strict';
import { Assignment } from '../../server/models/Assignment';
import { AuditEvent } from '../../server/models/AuditEvent';
import { Conflict } from '../../server/models/Conflict';
import { loginAs, makeTestApp, type Agent, type TestApp } from '../helpers/app';
import { makeDraft, type Made } from '../helpers/factories';

interface Finding {
  victimId: number;
  interfererId: number;
  kind: string;
  severity: string;
  geometry?: unknown;
  [k: string]: unknown;
}
interface Channel {
  frequencyHz: number;
  status: 'free' | 'conflicts' | 'not_allowed';
  worstMarginDb?: number;
  conflicts: Finding[];
  bandPlanCheck: { status: string; allowed: boolean; reasons: string[] };
}

const station = {
  service: 'land_mobile',
  stationClass: 'FB',
  latitude: '12.6667',
  longitude: '108.038',
  antennaHeightM: 30,
  antennaGainDbi: 6,
  txPowerW: 25,
  feederLossDb: 1,
};

describe('the channel finder', () => {
  let t: TestApp;
  let officer: { agent: Agent; csrf: string };
  const made: Made[] = [];
  before(async () => {
    t = await makeTestApp();
    officer = await loginAs(t.app, 'officer');
    const s = t.db.sequelize;
    // A small register around Buôn Ma Thuột on 160.000–160.150 MHz (12.5 kHz raster of 156–162.05 MHz).
    made.push(await makeDraft(s, t.districts, { frequency: 160_012_500 })); // co-sited, co-channel
    made.push(await makeDraft(s, t.districts, { frequency: 160_037_500, latitude: 12.75, longitude: 108.1 }));
    made.push(await makeDraft(s, t.districts, { frequency: 160_050_000, latitude: 12.62, longitude: 108.0 }));
    made.push(await makeDraft(s, t.districts, { frequency: 160_100_000, latitude: 13.2, longitude: 108.4 }));
    made.push(await makeDraft(s, t.districts, { frequency: 160_112_500, latitude: 12.68, longitude: 108.05 }));
    // 400 m from the candidate: on 160.0375 MHz, 2·f(candidate) − f(first) = 160.0625 MHz falls on it
    // (intermodulation).
    made.push(await makeDraft(s, t.districts, { frequency: 160_062_500, latitude: 12.67, longitude: 108.04 }));
    // A 1 mW transmitter 35 km north, outside 160.000–160.150 MHz: beyond the candidate's radio horizon, its
    // small coverage is not reached; the candidate's coverage is within its reach but above its field, so
    // the channels beside it are free with a margin.
    made.push(
      await makeDraft(s, t.districts, { frequency: 160_250_000, latitude: 12.98, longitude: 108.038, txPowerW: 0.001 }),
    );
  });
  after(async () => {
    await t.close();
  });

  const find = (body: object, agent = officer) =>
    agent.agent.post('/api/v1/planning/channels').set('X-CSRF-Token', agent.csrf).send(body);
  const range = { fromHz: '160 MHz', toHz: '160.15 MHz' };

  it(
    'when an officer asks for 160.000–160.150 MHz, then every raster channel comes back ranked free first, ' +
      'and nothing is written',
    async () => {
      const before = {
        conflicts: await Conflict.count(),
        audit: await AuditEvent.count(),
        a: await Assignment.count(),
      };
      const res = await find({ station, range, bandwidthHz: '12.5 kHz', emissionDesignator: '11K0F3E' });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const data = res.body.data as Channel[];
      const freqs = data.map((c) => c.frequencyHz).sort((a, b) => a - b);
      assert.deepEqual(
        freqs,
        Array.from({ length: 13 }, (_, k) => 160_000_000 + k * 12_500),
      );
      const rank = { free: 0, conflicts: 1, not_allowed: 2 };
      for (let i = 1; i < data.length; i++)
        assert.ok(rank[(data[i - 1] as Channel).status] <= rank[(data[i] as Channel).status], 'free first');
      const co = data.find((c) => c.frequencyHz === 160_012_500) as Channel;
      assert.equal(co.status, 'conflicts');
      assert.ok(
        co.conflicts.some(
          (c) => c.kind === 'co_channel' && c.severity === 'high' && c.interfererId === made[0]?.assignmentId,
        ),
        'the co-sited co-channel neighbour is a high conflict',
      );
      assert.ok(
        co.conflicts.some((c) => c.candidateIs === 'interferer') &&
          co.conflicts.some((c) => c.candidateIs === 'victim'),
      );
      assert.ok(
        data.some((c) => c.status === 'free'),
        'some channel is free',
      );
      assert.equal(data.at(-1)?.status === 'free', false, 'a conflict is last, not a free channel');
      assert.equal(res.body.meta.channels, 13);
      assert.deepEqual(
        { conflicts: await Conflict.count(), audit: await AuditEvent.count(), a: await Assignment.count() },
        before,
      );
    },
  );

  it(
    'when each channel is checked with the live check as well, ' +
      'then the conflicts are identical, channel by channel',
    async () => {
      const res = await find({ station, range, bandwidthHz: '12.5 kHz', emissionDesignator: '11K0F3E' });
      const byF = new Map((res.body.data as Channel[]).map((c) => [c.frequencyHz, c]));
      const picked = [
        160_000_000, 160_012_500, 160_025_000, 160_037_500, 160_050_000, 160_100_000, 160_112_500, 160_150_000,
      ];
      let compared = 0;
      for (const f of picked) {
        const live = await officer.agent
          .post('/api/v1/conflicts/check')
          .set('X-CSRF-Token', officer.csrf)
          .send({
            station,
            assignment: { direction: 'tx', frequencyHz: f, bandwidthHz: 12_500, emissionDesignator: '11K0F3E' },
          });
        assert.equal(live.status, 200);
        const strip = (list: Finding[]) => list.map(({ geometry: _g, ...rest }) => rest);
        const mine = byF.get(f) as Channel;
        assert.deepEqual(strip(mine.conflicts), strip(live.body.conflicts as Finding[]), `channel ${f}`);
        assert.deepEqual(mine.bandPlanCheck, live.body.bandPlanCheck, `band plan at ${f}`);
        compared += mine.conflicts.length;
      }
      assert.ok(compared >= 4, `the comparison covers conflicts (${compared})`);
      const im = (byF.get(160_037_500) as Channel).conflicts.filter((c) => c.kind === 'intermodulation');
      assert.ok(im.length > 0, 'intermodulation on 160.0375 MHz is compared too');
    },
  );

  it(
    'when channels are ranked by their worst margin, then a channel with a co- or adjacent-channel conflict ' +
      'has a margin ≤ 0, a free one a margin > 0 or none, and free channels come largest margin first',
    async () => {
      // 160.000–160.300 MHz: the register's channels and free ones around them.
      const wider = { fromHz: '160 MHz', toHz: '160.3 MHz' };
      const res = await find({ station, range: wider, bandwidthHz: '12.5 kHz', emissionDesignator: '11K0F3E' });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const data = res.body.data as Channel[];
      let pairs = 0;
      let free = 0;
      for (const c of data) {
        const pair = c.conflicts.some((x) => x.kind !== 'intermodulation');
        if (pair) {
          pairs++;
          assert.equal(typeof c.worstMarginDb, 'number', `margin at ${c.frequencyHz}`);
          assert.ok((c.worstMarginDb as number) <= 0, `${c.frequencyHz}: ${c.worstMarginDb} ≤ 0 with a conflict`);
        }
        if (c.status !== 'not_allowed')
          assert.equal(
            pair,
            c.worstMarginDb !== undefined && c.worstMarginDb <= 0,
            `${c.frequencyHz}: margin ${c.worstMarginDb} ≤ 0 exactly when a pair conflicts`,
          );
        if (c.status === 'free') {
          free++;
          assert.ok(c.worstMarginDb === undefined || c.worstMarginDb > 0, `${c.frequencyHz}: ${c.worstMarginDb} > 0`);
        }
        if (c.worstMarginDb !== undefined) assert.equal(Math.round(c.worstMarginDb * 10) / 10, c.worstMarginDb);
      }
      assert.ok(pairs >= 2 && free >= 2, `both kinds present (${pairs} with conflicts, ${free} free)`);
      // The co-sited co-channel neighbour stands inside the candidate's coverage: far below the level.
      const co = data.find((c) => c.frequencyHz === 160_012_500) as Channel;
      assert.ok((co.worstMarginDb as number) < -20, String(co.worstMarginDb));
      // Free channels first, by margin (none = no neighbour within reach, first of all), largest first.
      const freeMargins = data.filter((c) => c.status === 'free').map((c) => c.worstMarginDb ?? Infinity);
      assert.deepEqual(
        freeMargins,
        [...freeMargins].sort((a, b) => b - a),
      );
      assert.ok(
        freeMargins.some((m) => Number.isFinite(m)),
        'some free channel has a finite margin (a neighbour within reach)',
      );
      // The margin is shown on the page, in both languages.
      const q = new URLSearchParams({
        ...station,
        antennaHeightM: '30',
        antennaGainDbi: '6',
        txPowerW: '25',
        feederLossDb: '1',
        fromHz: '160 MHz',
        toHz: '160.15 MHz',
        bandwidthHz: '12.5 kHz',
        emissionDesignator: '11K0F3E',
      });
      const en = await officer.agent.get(`/planning?${q.toString()}`).set('Accept-Language', 'en');
      assert.match(en.text, /worst margin [−+]?\d+(\.\d)? dB/);
      assert.match(en.text, /&#34;margin&#34;:&#34;worst margin/, 'in the chart points too');
      const vi = await officer.agent.get(`/planning?${q.toString()}`).set('Accept-Language', 'vi');
      assert.match(vi.text, /độ dự trữ thấp nhất [−+]?\d+(,\d)? dB/);
    },
  );

  it(
    'when the range is reversed, too wide, the width is not a width or the site is outside the jurisdiction, ' +
      'then 422 per field',
    async () => {
      const bad = async (body: object, field: string) => {
        const res = await find(body);
        assert.equal(res.status, 422, JSON.stringify(res.body));
        assert.ok(res.body.error.fields[field], `${field} in ${JSON.stringify(res.body.error.fields)}`);
      };
      await bad({ station, range: { fromHz: '160.1 MHz', toHz: '160 MHz' }, bandwidthHz: '12.5 kHz' }, 'range.toHz');
      await bad({ station, range: { fromHz: '148 MHz', toHz: '174 MHz' }, bandwidthHz: '12.5 kHz' }, 'range.toHz');
      await bad({ station, range, bandwidthHz: 'wide' }, 'bandwidthHz');
      await bad(
        { station: { ...station, latitude: '21.03', longitude: '105.85' }, range, bandwidthHz: '12.5 kHz' },
        'station.latitude',
      );
      await bad({ station: { ...station, txPowerW: -1 }, range, bandwidthHz: '12.5 kHz' }, 'station.txPowerW');
    },
  );

  it(
    'when the band plan does not allow the service in the range, ' +
      'then the channels are not_allowed with the reason',
    async () => {
      const res = await find({
        station: { ...station, service: 'fm_broadcast' },
        range: { fromHz: '150 MHz', toHz: '150.2 MHz' },
        bandwidthHz: '200 kHz',
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const data = res.body.data as Channel[];
      assert.ok(data.length > 0);
      for (const c of data) {
        assert.equal(c.status, 'not_allowed');
        assert.ok(c.bandPlanCheck.reasons.includes('service_not_allowed'));
        assert.deepEqual(c.conflicts, []);
      }
    },
  );

  it('when an inspector asks, then 403', async () => {
    const inspector = await loginAs(t.app, 'inspector');
    const res = await find({ station, range, bandwidthHz: '12.5 kHz' }, inspector);
    assert.equal(res.status, 403);
    assert.equal((await inspector.agent.get('/planning')).status, 403);
  });

  it(
    'when the page is opened from a station and searched, then the form is filled and each channel opens ' +
      'the filled assignment form',
    async () => {
      const id = made[0]?.stationId as number;
      const form = await officer.agent.get(`/planning?stationId=${id}`);
      assert.equal(form.status, 200);
      assert.match(form.text, /name="latitude" type="text" value="12.6667"/);
      assert.match(form.text, /name="stationId" value=/);
      const q = new URLSearchParams({
        stationId: String(id),
        service: 'land_mobile',
        latitude: '12.6667',
        longitude: '108.038',
        antennaHeightM: '30',
        antennaGainDbi: '6',
        txPowerW: '25',
        feederLossDb: '1',
        fromHz: '160 MHz',
        toHz: '160.15 MHz',
        bandwidthHz: '12.5 kHz',
        emissionDesignator: '11K0F3E',
      });
      const page = await officer.agent.get(`/planning?${q.toString()}`);
      assert.equal(page.status, 200);
      const link = new RegExp(
        `href="/stations/${id}/assignments/new\\?frequencyHz=(\\d+)&amp;bandwidthHz=12500` +
          '&amp;emissionDesignator=11K0F3E"',
      );
      const m = link.exec(page.text);
      assert.ok(m, 'a channel links to the new assignment form');
      assert.match(page.text, /data-planning-chart=/);
      const filled = await officer.agent.get(
        `/stations/${id}/assignments/new?frequencyHz=${m[1]}&bandwidthHz=12500&emissionDesignator=11K0F3E`,
      );
      assert.equal(filled.status, 200);
      const mhz = (Number(m[1]) / 1e6).toString();
      assert.ok(filled.text.includes(`value="${mhz} MHz"`), `frequency ${mhz} MHz filled`);
      assert.match(filled.text, /name="bandwidthHz" type="text" value="12.5 kHz"/);
      assert.match(filled.text, /name="emissionDesignator" type="text" value="11K0F3E"/);
    },
  );

  it(
    'when the page is searched with a reversed range, ' + 'then 422 with the message at the field and the input kept',
    async () => {
      const q = new URLSearchParams({
        ...station,
        antennaHeightM: '30',
        antennaGainDbi: '6',
        txPowerW: '25',
        feederLossDb: '1',
        fromHz: '160.1 MHz',
        toHz: '160 MHz',
        bandwidthHz: '12.5 kHz',
      });
      const page = await officer.agent.get(`/planning?${q.toString()}`);
      assert.equal(page.status, 422);
      assert.match(page.text, /href="#f-toHz"/);
      assert.match(page.text, /name="fromHz" type="text" value="160.1 MHz"/);
    },
  );
});
