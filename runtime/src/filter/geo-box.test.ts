// The boxes must contain every point within the radius (else the prefilter would drop rows the
// haversine keeps): checked on points sampled on and just inside the circle, near the poles and
// across the antimeridian, against metadata's haversine.
import { haversineKm } from '@tessera/metadata';
import { describe, expect, it } from 'vitest';
import { boxesAround } from './geo-box.ts';

const inside = (boxes: ReturnType<typeof boxesAround>, point: { latitude: number; longitude: number }) =>
  boxes === undefined ||
  boxes.some((box) => point.longitude >= box.west && point.longitude <= box.east && point.latitude >= box.south && point.latitude <= box.north);

describe('boxesAround', () => {
  const centres = [
    { latitude: 31.2304, longitude: 121.4737 },
    { latitude: 89.99, longitude: 10 },
    { latitude: -89.9, longitude: -170 },
    { latitude: -17.7, longitude: 179.99 },
    { latitude: 64, longitude: -179.999 },
    { latitude: 0, longitude: 0 },
  ];
  it.each(centres.flatMap((centre) => [0.5, 5, 50, 800].map((km) => [centre, km] as const)))(
    '%j within %d km: every point in reach is in a box',
    (centre, km) => {
      const boxes = boxesAround(centre, km);
      for (let latitude = -90; latitude <= 90; latitude += 0.05) {
        if (Math.abs(latitude - centre.latitude) > 10) continue;
        for (let step = -2000; step <= 2000; step++) {
          const longitude = ((((centre.longitude + step * 0.01 + 180) % 360) + 360) % 360) - 180;
          const point = { latitude, longitude };
          if (haversineKm(point, centre) <= km) expect(inside(boxes, point), JSON.stringify(point)).toBe(true);
        }
      }
    },
  );

  it('splits at the antimeridian, takes every longitude over a pole, and gives up on huge circles', () => {
    expect(boxesAround({ latitude: -17.7, longitude: 179.99 }, 5)).toHaveLength(2);
    expect(boxesAround({ latitude: 89.99, longitude: 10 }, 5)?.[0]).toMatchObject({ west: -180, east: 180, north: 90 });
    expect(boxesAround({ latitude: 0, longitude: 0 }, 20000)).toBeUndefined();
    expect(boxesAround({ latitude: 0, longitude: 0 }, -1)).toBeUndefined();
    expect(boxesAround({ latitude: 31, longitude: 121 }, 5)).toHaveLength(1);
  });
});
