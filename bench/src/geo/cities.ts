// Where the seeded sites are: clusters around east-coast cities (weights ≈ their share of the
// points, sigma the spread in km) over a uniform background from Shenzhen to Tianjin, so a 5 km
// circle downtown holds thousands of points and one in the countryside a handful.
export interface City {
  name: string;
  zh: string;
  latitude: number;
  longitude: number;
  weight: number;
  sigmaKm: number;
}

export const CITIES: readonly City[] = [
  // The Shanghai point is the one issue #21 names (31.23, 121.47): the headline request's centre.
  { name: 'Shanghai', zh: '上海', latitude: 31.23, longitude: 121.47, weight: 0.22, sigmaKm: 12 },
  { name: 'Hangzhou', zh: '杭州', latitude: 30.2741, longitude: 120.1551, weight: 0.1, sigmaKm: 10 },
  { name: 'Suzhou', zh: '苏州', latitude: 31.2989, longitude: 120.5853, weight: 0.08, sigmaKm: 8 },
  { name: 'Nanjing', zh: '南京', latitude: 32.0603, longitude: 118.7969, weight: 0.08, sigmaKm: 10 },
  { name: 'Ningbo', zh: '宁波', latitude: 29.8683, longitude: 121.544, weight: 0.06, sigmaKm: 8 },
  { name: 'Qingdao', zh: '青岛', latitude: 36.0671, longitude: 120.3826, weight: 0.06, sigmaKm: 8 },
  { name: 'Tianjin', zh: '天津', latitude: 39.3434, longitude: 117.3616, weight: 0.07, sigmaKm: 10 },
  { name: 'Xiamen', zh: '厦门', latitude: 24.4798, longitude: 118.0894, weight: 0.05, sigmaKm: 6 },
  { name: 'Fuzhou', zh: '福州', latitude: 26.0745, longitude: 119.2965, weight: 0.05, sigmaKm: 7 },
  { name: 'Guangzhou', zh: '广州', latitude: 23.1291, longitude: 113.2644, weight: 0.08, sigmaKm: 12 },
  { name: 'Shenzhen', zh: '深圳', latitude: 22.5431, longitude: 114.0579, weight: 0.07, sigmaKm: 10 },
];

/** The background's box; the rest of the weight (1 − Σ city weights) falls here uniformly. */
export const REGION = { south: 22, north: 40, west: 113, east: 122.5 } as const;
