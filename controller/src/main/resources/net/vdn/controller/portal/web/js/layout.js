// Where each site is drawn. The KREONET-S sites by their geography (Korea enlarged, the Pacific
// shrunk, directions kept); any other topology on a circle, in name order.

const W = 1000;
const H = 620;

// Latitude and longitude of the KREONET-S sites.
const SITES = {
  seoul: [37.57, 126.98],
  daejeon: [36.35, 127.38],
  gwangju: [35.16, 126.85],
  busan: [35.18, 129.08],
  changwon: [35.23, 128.68],
  hongkong: [22.32, 114.17],
  seattle: [47.61, -122.33],
  chicago: [41.88, -87.63],
};

const KOREA = ['seoul', 'daejeon', 'gwangju', 'busan', 'changwon'];

function geographic(names) {
  const at = new Map();
  for (const n of names) {
    const [lat, lon] = SITES[n];
    if (KOREA.includes(n)) {
      // 126.5..129.5 E, 34.8..38 N on the middle of the drawing; Changwon, 35 km from Busan,
      // drawn a little apart from it.
      const nudge = n === 'changwon' ? [-40, 45] : [0, 0];
      at.set(n, [300 + ((lon - 126.5) / 3) * 420 + nudge[0], 130 + ((38 - lat) / 3.2) * 380 + nudge[1]]);
    } else {
      // Elsewhere: east of Korea across the Pacific (longitudes past 180 wrap), west of it Asia.
      const east = lon < 0 ? lon + 360 : lon;
      const x = east > 130 ? 700 + ((east - 230) / 50) * 220 : 90 + ((east - 110) / 16) * 150;
      at.set(n, [x, 130 + ((48 - lat) / 26) * 420]);
    }
  }
  return at;
}

function circle(names) {
  const at = new Map();
  const sorted = [...names].sort();
  const r = Math.min(W, H) / 2 - 80;
  sorted.forEach((n, i) => {
    const a = (2 * Math.PI * i) / sorted.length - Math.PI / 2;
    at.set(n, [W / 2 + r * Math.cos(a), H / 2 + r * Math.sin(a)]);
  });
  return at;
}

/** Positions for these device names: geographic when every one is a KREONET-S site. */
export function layout(names) {
  if (names.length > 0 && names.every((n) => n in SITES)) return geographic(names);
  return circle(names);
}

export const SIZE = { W, H };
