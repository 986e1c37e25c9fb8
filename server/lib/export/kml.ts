/**
 * KML pieces shared by the open-data register.kml and the staff exports: the <Style> elements (tokml writes
 * none), one placemark by tokml with its style, and text escaped for XML.
 */
import type { Feature, Geometry } from 'geojson';
import { toKML } from '@placemarkio/tokml';

/** Service colours of the map (tanso-map.js), for the KML styles. */
export const SERVICE_COLOURS: Record<string, string> = {
  fm_broadcast: '#c2410c',
  tv_broadcast: '#7c3aed',
  land_mobile: '#0b5cad',
  fixed_link: '#0f766e',
  amateur: '#a16207',
  loudspeaker: '#be185d',
  maritime: '#1d4ed8',
  aeronautical: '#4d7c0f',
  other: '#475467',
};

/** Conflict severity colours of the pages (UI.md: high red, medium amber, low yellow). */
export const SEVERITY_COLOURS: Record<string, string> = { high: '#b42318', medium: '#b54708', low: '#ca8504' };

export const xmlText = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** KML colour (aabbggrr) of a #rrggbb colour. */
export function kmlColour(hex: string, alpha: string): string {
  const h = hex.replace('#', '');
  return `${alpha}${h.slice(4, 6)}${h.slice(2, 4)}${h.slice(0, 2)}`;
}

/** Polygon styles `${prefix}-${key}`: an outline and a translucent fill per colour. */
export function kmlAreaStyles(prefix: string, colours: Record<string, string>): string {
  return Object.entries(colours)
    .map(
      ([key, c]) =>
        `<Style id="${prefix}-${key}"><LineStyle><color>${kmlColour(c, 'ff')}</color><width>1</width></LineStyle>` +
        `<PolyStyle><color>${kmlColour(c, '33')}</color></PolyStyle></Style>\n`,
    )
    .join('');
}

/** The <Style> elements: a dot (`station-…`) and a translucent footprint (`footprint-…`) per service. */
export function kmlStyles(): string {
  return Object.entries(SERVICE_COLOURS)
    .map(
      ([svc, c]) =>
        `<Style id="station-${svc}"><IconStyle><color>${kmlColour(c, 'ff')}</color><scale>0.8</scale>` +
        `<Icon><href>http://maps.google.com/mapfiles/kml/shapes/placemark_circle.png</href></Icon></IconStyle>` +
        `<LabelStyle><scale>0</scale></LabelStyle></Style>\n` +
        kmlAreaStyles('footprint', { [svc]: c }),
    )
    .join('');
}

/** The style key of a service (an unknown one is drawn as `other`). */
export const styleKey = (svc: string) => (SERVICE_COLOURS[svc] ? svc : 'other');

/** One placemark by tokml, with its style. */
export function placemark(f: Feature<Geometry | null>, styleId: string): string {
  const doc = toKML({ type: 'FeatureCollection', features: [f] });
  const open = doc.indexOf('<Placemark');
  const body = doc.indexOf('>', open) + 1;
  const end = doc.lastIndexOf('</Placemark>') + '</Placemark>'.length;
  // KML 2.2 orders a Feature's children: name … styleUrl, then ExtendedData and the geometry.
  const data = doc.indexOf('<ExtendedData', body);
  const at = data >= 0 && data < end ? data : body;
  return `${doc.slice(open, at)}<styleUrl>#${styleId}</styleUrl>${doc.slice(at, end)}\n`;
}
